"""What a type-ahead select offers: an id and a label, a page of them at a time."""

from dataclasses import dataclass

# Slack shows at most 100 options; typing more letters narrows the list.
MAX_CHOICES = 100


@dataclass(frozen=True)
class Choice:
    value: int
    label: str
