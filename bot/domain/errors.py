"""Domain errors: each carries a message fit to show the person who caused it."""

from collections.abc import Hashable, Mapping
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class DomainError(Exception):
    """A problem the user can understand and fix; its text is shown to them as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FieldErrors(DomainError, Generic[K]):
    """Fields to fix, each with what to fix; a form shows each message on its own field.

    Keys name the fields: a form's block ids, or a service's field names (which the form
    maps onto its blocks)."""

    def __init__(self, errors: Mapping[K, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors: dict[K, str] = dict(errors)


class NotFound(DomainError):
    """The thing asked for does not exist (or no longer does)."""


class NotAllowed(DomainError):
    """The acting user may not do this; the message says why."""


class NeedsFullCheckin(DomainError):
    """A one-click answer is impossible because some key result has no earlier check-in."""


class DatabaseBusy(Exception):
    """The database stayed locked or out of reach past the wait allowed; nothing was saved.

    Not a DomainError on purpose: listeners that answer a refusal their own way must let this
    reach the one error handler, which keeps a submitted modal open with the message on it."""

    def __init__(
        self,
        message: str = "The database is busy right now and nothing was changed: "
        "please try again in a moment.",
    ) -> None:
        super().__init__(message)
        self.message = message
