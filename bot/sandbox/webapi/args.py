"""Reading a Web API call's arguments as Slack does: form fields or JSON, JSON fields decoded."""

import json
from typing import Any
from urllib.parse import parse_qsl

from bot.sandbox.webapi.errors import SlackRefusal

Args = dict[str, Any]
# slack-sdk sends these as JSON text inside form bodies.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata", "files"})


def decode(raw: bytes, content_type: str, query: str) -> Args:
    args: Args = dict(parse_qsl(query, keep_blank_values=True))
    try:
        if content_type.startswith("application/json"):
            loaded = json.loads(raw or b"{}")
            if not isinstance(loaded, dict):
                raise SlackRefusal("invalid_json")
            args |= loaded
        elif raw:
            args |= dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except (ValueError, UnicodeDecodeError):
        raise SlackRefusal("invalid_form_data") from None
    for key in _JSON_FIELDS & args.keys():
        if isinstance(args[key], str) and args[key].strip()[:1] in ("[", "{"):
            try:
                args[key] = json.loads(args[key])
            except ValueError:
                raise SlackRefusal(
                    f"invalid_{key}_format" if key == "blocks" else "invalid_arguments",
                    [f"{key} is not valid JSON"],
                ) from None
    return args


def text(args: Args, name: str, *, error: str = "invalid_arguments") -> str:
    """A required text argument."""
    value = args.get(name)
    if not isinstance(value, str) or not value:
        raise SlackRefusal(error, [f"missing required field: {name}"])
    return value


def optional_text(args: Args, name: str) -> str | None:
    value = args.get(name)
    if value is None or value == "":
        return None
    return str(value)


def flag(args: Args, name: str) -> bool:
    value = args.get(name)
    return value is True or str(value).lower() in ("true", "1")
