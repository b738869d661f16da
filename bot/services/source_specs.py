"""A key-result source as written in a file or a form, checked whole: fields, secrets, JMESPath.

Shared: the import file and the sources package both read sources this way."""

from collections.abc import Mapping

import jmespath
from jmespath.exceptions import JMESPathError

from bot.domain.sources import HttpJsonSource, SourceSpec, SourceSpecError, parse_source


def read_source(data: Mapping[str, object]) -> SourceSpec:
    """The source `data` describes; SourceSpecError names the first bad field."""
    spec = parse_source(data)
    if isinstance(spec, HttpJsonSource):
        problem = path_problem(spec.path)
        if problem is not None:
            raise SourceSpecError("path", problem)
    return spec


def path_problem(path: str) -> str | None:
    """Why `path` is not a JMESPath expression, or None; for checking a source before saving."""
    try:
        jmespath.compile(path)
    except JMESPathError as error:
        return f"is not a JMESPath expression ({str(error).splitlines()[0][:120]})"
    return None
