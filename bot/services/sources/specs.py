"""A source as written in a file or a form, checked whole: fields, secrets and JMESPath."""

from collections.abc import Mapping

from bot.domain.sources import HttpJsonSource, SourceSpec, SourceSpecError, parse_source
from bot.services.sources.values import path_problem


def read_source(data: Mapping[str, object]) -> SourceSpec:
    """The source `data` describes; SourceSpecError names the first bad field."""
    spec = parse_source(data)
    if isinstance(spec, HttpJsonSource):
        problem = path_problem(spec.path)
        if problem is not None:
            raise SourceSpecError("path", problem)
    return spec
