"""An id carried by a button is plain ASCII digits; anything else is a stale button, told so."""

import pytest

from bot.domain.errors import DomainError
from bot.slack.payload import button_id


def test_a_plain_id_is_read() -> None:
    assert button_id({"value": "42"}, "stale") == 42


@pytest.mark.parametrize("value", ["", "²", "٣", "-1", "1.0", "9" * 19, None])
def test_anything_else_is_stale(value: str | None) -> None:
    with pytest.raises(DomainError, match="stale"):
        button_id({"value": value}, "stale")
