"""The authoring modals' private_metadata: hints only, every id re-checked by the service."""

import json
from dataclasses import asdict, dataclass

from bot.domain.drafting import MAX_KEY_RESULTS
from bot.domain.errors import DomainError

STALE_FORM = "This form is out of date. Open a new one with `/okr new` or `/okr edit`."


@dataclass(frozen=True)
class DraftMetadata:
    channel: str | None = None  # where the command was typed: the confirmation goes there
    team: int | None = None  # the objective's team when the modal opened
    krs: int = 1  # key-result groups shown in the new-objective modal
    objective: int | None = None
    kr: int | None = None

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None})

    @classmethod
    def from_json(cls, raw: str) -> "DraftMetadata":
        try:
            data = json.loads(raw or "{}")
            metadata = cls(
                channel=_text(data.get("channel")),
                team=_number(data.get("team")),
                krs=_number(data.get("krs")) or 1,
                objective=_number(data.get("objective")),
                kr=_number(data.get("kr")),
            )
        except (ValueError, AttributeError, TypeError) as error:
            raise DomainError(STALE_FORM) from error
        if not 1 <= metadata.krs <= MAX_KEY_RESULTS:
            raise DomainError(STALE_FORM)
        return metadata


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not an id")
    return value
