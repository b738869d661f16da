"""What one run of a scheduled job did, as one line for the job log and `okr-bot jobs`."""

from collections.abc import Sized
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Tally:
    """One count in the line: `{n} {phrase}`, n from a report attribute (a list or a number)."""

    attribute: str
    phrase: str
    only_if_any: bool = False  # left out of the line when nothing happened


@dataclass
class JobReport:
    """A job's outcome: each job's report adds its lists and the order it tells them in.

    `failed` maps who or where to Slack's reason; the reasons close the line, so an operator
    reading the log sees why without a second look.
    """

    failed: dict[str, str] = field(default_factory=dict)

    TALLIES: ClassVar[tuple[Tally, ...]] = ()

    def describe(self) -> str:
        counts = [(self._count(tally.attribute), tally) for tally in self.TALLIES]
        text = ", ".join(f"{n} {t.phrase}" for n, t in counts if n or not t.only_if_any)
        details = "; ".join(f"{who}: {error}" for who, error in self.failed.items())
        return f"{text} ({details})" if details else text

    def _count(self, name: str) -> int:
        value = getattr(self, name)
        return len(value) if isinstance(value, Sized) else int(value)
