"""Reading the import file's YAML: plain data and the line of every value, within limits."""

from collections.abc import Iterable
from typing import NamedTuple

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.domain.errors import DomainError
from bot.services.okr_file.schema import Loc

# Far beyond any real OKR file; stops alias bombs (`&a [*a, *a, …]`) from expanding forever.
MAX_VALUES = 100_000
MAX_DEPTH = 20
# A quarter of a large company is tens of kilobytes; the cap keeps a wrong file out of memory.
MAX_FILE_BYTES = 1_000_000
TOO_BIG = "the file is larger than 1 MB, the most an import file may be"


class FileProblem(NamedTuple):
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.field}" if self.field else f"line {self.line}"
        return f"{where}: {self.message}"


class ImportFileError(DomainError):
    """The file cannot be imported; `problems` lists each one, in file order."""

    def __init__(self, problems: Iterable[FileProblem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        count = len(self.problems)
        heading = f"The import file has {count} problem{'s' if count != 1 else ''}"
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{heading}; nothing was imported:\n{lines}")


def _dotted(loc: Loc) -> str:
    """`teams[0].objectives[1].title` for ("teams", 0, "objectives", 1, "title")."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


class YamlDocument:
    """Plain data from the YAML, and the 1-based line of every key and value in it."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self._loader = loader
        self._values_left = MAX_VALUES
        self.key_lines: dict[Loc, int] = {}
        self.value_lines: dict[Loc, int] = {}
        self.problems: list[FileProblem] = []
        self.data: object = None

    @classmethod
    def read(cls, text: str) -> "YamlDocument":
        if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
            raise ImportFileError([FileProblem(1, "", TOO_BIG)])
        _check_nesting(text)
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            document = cls(loader)
            if root is None:
                raise ImportFileError([FileProblem(1, "", "the file is empty")])
            if not isinstance(root, MappingNode):
                raise ImportFileError([_top_level_problem(root)])
            document.data = document._convert(root, ())
        except yaml.YAMLError as error:
            raise ImportFileError([_syntax_problem(error)]) from None
        finally:
            loader.dispose()
        return document

    def problem(self, loc: Loc, message: str, kind: str = "") -> FileProblem:
        """Unknown fields point at their key; missing ones at the mapping that lacks them."""
        if kind == "extra_forbidden" and loc in self.key_lines:
            return FileProblem(self.key_lines[loc], _dotted(loc), message)
        anchor = loc[:-1] if kind == "missing" else loc
        while anchor not in self.value_lines:
            anchor = anchor[:-1]
        return FileProblem(self.value_lines[anchor], _dotted(loc), message)

    def _convert(self, node: Node, loc: Loc) -> object:
        self.value_lines[loc] = node.start_mark.line + 1
        self._values_left -= 1
        if self._values_left < 0 or len(loc) > MAX_DEPTH:
            raise ImportFileError(
                [
                    FileProblem(
                        node.start_mark.line + 1, "", "the file is too big or too deeply nested"
                    )
                ]
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self._convert(item, (*loc, index)) for index, item in enumerate(node.value)]
        try:
            return self._loader.construct_object(node)
        except (yaml.YAMLError, ValueError):
            # An impossible date such as 2026-02-30: keep the text so validation names it.
            return node.value

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, object]:
        mapping: dict[str, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(FileProblem(line, _dotted(loc), "field names must be words"))
                continue
            path = (*loc, key_node.value)
            if key_node.value in mapping:
                self.problems.append(
                    FileProblem(line, _dotted(path), f"duplicate field '{key_node.value}'")
                )
                continue
            self.key_lines[path] = line
            mapping[key_node.value] = self._convert(value_node, path)
        return mapping


def _check_nesting(text: str) -> None:
    """Refuse a file nested deeper than MAX_DEPTH before composing it: PyYAML composes
    nodes recursively, and a few hundred levels would end in RecursionError."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    line = event.start_mark.line + 1 if event.start_mark else 1
                    raise ImportFileError(
                        [FileProblem(line, "", f"nested more than {MAX_DEPTH} levels deep")]
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise ImportFileError([_syntax_problem(error)]) from None


def _syntax_problem(error: yaml.YAMLError) -> FileProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error)
    return FileProblem(line, "", f"invalid YAML: {problem}")


def _top_level_problem(root: Node) -> FileProblem:
    got = "a list" if isinstance(root, SequenceNode) else f"{root.value!r}"
    return FileProblem(
        root.start_mark.line + 1,
        "",
        f"the file must be a mapping with 'cycle' and 'teams' at the top level (got {got})",
    )
