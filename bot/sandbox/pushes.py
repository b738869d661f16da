"""The page's *Push a value* form: a real POST to the bot's /hooks/kr/KR-n with its bearer token."""

import json
import logging
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0


@dataclass(frozen=True)
class PushTarget:
    """The demo's webhook key result; the token lives in this process's memory only."""

    reference: str  # KR-n
    title: str
    hooks_url: str  # the bot's /hooks/kr/KR-n
    token: str

    def __repr__(self) -> str:  # never the token, should this ever be printed
        return f"PushTarget({self.reference!r}, {self.hooks_url!r})"

    def push(self, entered: str) -> str:
        """Send what was entered (a number when it reads as one) and say what the bot answered."""
        body = json.dumps({"value": _number_or_text(entered)})
        try:
            response = httpx.post(
                self.hooks_url,
                content=body,
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                },
                timeout=TIMEOUT_S,
                trust_env=False,
            )
        except httpx.HTTPError as error:
            log.warning("pushing to %s failed: %s", self.reference, type(error).__name__)
            return f"The bot did not answer ({type(error).__name__})."
        return f"The bot answered {response.status_code}: {_said(response)}"


def _number_or_text(entered: str) -> object:
    """A number as JSON has it; anything else as text, so that the bot names the bad field."""
    try:
        value = json.loads(entered)
    except ValueError:
        return entered
    return value if isinstance(value, int | float) and not isinstance(value, bool) else entered


def _said(response: httpx.Response) -> str:
    try:
        document = response.json()
    except ValueError:
        return response.text.strip()[:200]
    if not isinstance(document, dict):
        return str(document)[:200]
    said = str(document.get("message") or document.get("error") or "")
    if "field" in document:
        said += f" (field: {document['field']})"
    if "retry-after" in response.headers:
        said += f"; retry after {response.headers['retry-after']} s"
    return said
