"""`${NAME}` references in a source's URL and headers, filled from the environment at fetch time."""

import re
from collections.abc import Mapping

from bot.domain.errors import DomainError

_REFERENCE = re.compile(r"\$\{([^}]*)\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class MissingVariable(DomainError):
    """A `${NAME}` the environment does not hold; the message names it, never a value."""

    def __init__(self, name: str) -> None:
        super().__init__(f"the environment variable {name} is not set (or is empty)")
        self.name = name


def variables_in(text: str) -> list[str]:
    """The names `text` refers to, in order, each once; ValueError for a malformed `${…}`."""
    names: list[str] = []
    for found in _REFERENCE.finditer(text):
        name = found.group(1)
        if not _NAME.fullmatch(name):
            raise ValueError(
                f"${{{name}}} is not a variable reference: "
                "write ${NAME} with letters, digits and _ (not starting with a digit)"
            )
        if name not in names:
            names.append(name)
    if "${" in _REFERENCE.sub("", text):
        raise ValueError("a ${ is not closed with }")
    return names


def has_variables(text: str) -> bool:
    return bool(variables_in(text))


def expand(text: str, environ: Mapping[str, str]) -> str:
    """`text` with each `${NAME}` replaced by its value; MissingVariable for the first unset one.

    An empty value counts as missing: `Bearer ` with no token is never what was meant."""
    for name in variables_in(text):
        if not environ.get(name):
            raise MissingVariable(name)
    return _REFERENCE.sub(lambda found: environ[found.group(1)], text)
