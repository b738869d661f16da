"""The signature check answers yes or no to anything, and a body is never read past the cap."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slack.admission import MAX_BODY_BYTES, TOO_LARGE, read_body
from bot.slack.signature import SlackSignature
from tests.fakes.signing import signature_for

SECRET = "signature-test-secret"
NOW = 1_800_000_000
BODY = b"token=t&team_id=T0TEAM0001&user_id=U0USER0001&command=%2Fokr&text=help"


def check(secret: str | None = SECRET) -> SlackSignature:
    return SlackSignature(secret, now=lambda: float(NOW))


def test_slacks_own_signature_holds() -> None:
    stamp = str(NOW)

    assert check().is_signed(BODY, stamp, signature_for(BODY, SECRET, stamp))


@pytest.mark.parametrize("age", [-300, 300])
def test_a_timestamp_five_minutes_off_still_holds(age: int) -> None:
    stamp = str(NOW + age)

    assert check().is_signed(BODY, stamp, signature_for(BODY, SECRET, stamp))


ARABIC_INDIC_NOW = str(NOW).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize(
    "stamp",
    [
        *(str(NOW - 301), str(NOW + 301), "not-a-number", "", "1e9", "9" * 400),
        *(f" {NOW}", f"+{NOW}", f"{NOW:_}", ARABIC_INDIC_NOW),
    ],
)
def test_a_stale_or_malformed_timestamp_fails_even_when_signed_with_the_secret(stamp: str) -> None:
    assert not check().is_signed(BODY, stamp, signature_for(BODY, SECRET, stamp))


@pytest.mark.parametrize(
    "signature",
    [None, "", "v0=", "v0=é" + "0" * 62, "V0=" + "0" * 64, "v0=" + "0" * 64, "v1=" + "0" * 64],
)
def test_a_malformed_or_wrong_signature_fails(signature: str | None) -> None:
    assert not check().is_signed(BODY, str(NOW), signature)


def test_the_signature_covers_every_byte_of_the_body() -> None:
    stamp = str(NOW)
    signature = signature_for(BODY, SECRET, stamp)

    assert not check().is_signed(BODY + b" ", stamp, signature)
    assert not check("another-secret").is_signed(BODY, stamp, signature)


@pytest.mark.parametrize("secret", [None, ""])
def test_without_a_secret_nothing_is_signed(secret: str | None) -> None:
    stamp = str(NOW)

    assert not check(secret).is_signed(BODY, stamp, signature_for(BODY, secret or "", stamp))


@given(body=st.binary(), stamp=st.none() | st.text(), signature=st.none() | st.text())
def test_any_input_gets_an_answer_never_an_exception(
    body: bytes, stamp: str | None, signature: str | None
) -> None:
    assert check().is_signed(body, stamp, signature) is False


class EndlessBody(io.RawIOBase):
    """A body that never ends, counting what was read of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "bytearray | memoryview") -> int:  # type: ignore[override]
        size = len(buffer)
        buffer[:size] = b"x" * size
        self.read_bytes += size
        return size


def test_a_body_of_unknown_length_is_read_only_up_to_the_cap() -> None:
    stream = EndlessBody()
    environ = {"wsgi.input": stream, "wsgi.input_terminated": True}

    assert read_body(environ) is TOO_LARGE
    assert stream.read_bytes == MAX_BODY_BYTES + 1


def test_a_body_of_unknown_length_is_not_read_when_the_server_does_not_end_it() -> None:
    stream = EndlessBody()

    assert read_body({"wsgi.input": stream}) == b""
    assert stream.read_bytes == 0
