"""Why a source gave no value: each message is fit to show the key result's owner."""

from bot.domain.errors import DomainError


class FetchError(DomainError):
    """The source could not be read; the message never holds a secret or the answer's content."""


class AddressRefused(FetchError):
    """The source's host is one the bot never fetches from, or one outside OKR_SOURCE_HOSTS."""
