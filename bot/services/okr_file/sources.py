"""A key result's `source:` in the import file: read whole, or one error naming its field."""

from collections.abc import Mapping

from pydantic_core import PydanticCustomError

from bot.domain.sources import SourceSpec, SourceSpecError
from bot.services.source_specs import read_source


def read_file_source(value: object) -> SourceSpec:
    """The source written under a key result; `${NAME}` stays as written, never expanded."""
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise PydanticCustomError(
            "source", "must be a mapping such as {kind: webhook} or {kind: csv, url: …}"
        )
    try:
        return read_source(value)
    except SourceSpecError as error:
        # The problem goes in as a value, not a template: it may hold `${NAME}`.
        raise PydanticCustomError(
            "source", "{problem}", {"problem": error.problem, "at": error.field}
        ) from None
