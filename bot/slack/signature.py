"""Slack's v0 request signature, checked without ever raising on what the sender put in it."""

import hashlib
import hmac
import re
import time
from collections.abc import Callable

# Slack's window: a request stamped more than 5 minutes from now is a replay.
MAX_AGE_S = 300
# ASCII digits only: Python's int() would also take " 17", "1_7" or Arabic-Indic digits.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class SlackSignature:
    """Answers whether a body was signed by Slack with our signing secret, recently."""

    def __init__(
        self,
        signing_secret: str | None,
        *,
        max_age_s: int = MAX_AGE_S,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._key = (signing_secret or "").encode("utf-8")
        self._max_age_s = max_age_s
        self._now = now

    def is_signed(self, body: bytes, timestamp: str | None, signature: str | None) -> bool:
        """False for anything else: no secret, a malformed or stale header, a wrong signature."""
        if not self._key or timestamp is None or signature is None:
            return False
        if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
            return False
        if abs(self._now() - int(timestamp)) > self._max_age_s:
            return False
        basestring = b"v0:" + timestamp.encode("ascii") + b":" + body
        expected = "v0=" + hmac.new(self._key, basestring, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii"))
