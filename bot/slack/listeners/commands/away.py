"""`/okr away until YYYY-MM-DD` and `/okr back`."""

from datetime import date

from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.away import away_set, welcome_back
from bot.slack.render.help import error_message

USAGE = "/okr away until YYYY-MM-DD"


def _away(call: Invocation) -> None:
    words = [word.lower() for word in call.args]
    if words[:1] == ["until"]:
        words = words[1:]
    try:
        until = date.fromisoformat(words[0]) if len(words) == 1 else None
    except ValueError:
        until = None
    if until is None:
        call.reply(*error_message(f"Tell me your last day away, like `{USAGE}`."))
        return
    # A DomainError (a past date, over a year away) reaches the user through the error handler.
    result = call.services.away.go_away(call.user_id, until)
    assert result.until is not None
    call.reply(*away_set(result.until))


def _back(call: Invocation) -> None:
    call.services.away.come_back(call.user_id)
    call.reply(*welcome_back())


AWAY = Subcommand("away", USAGE, "pause check-ins while you are away", _away)
BACK = Subcommand("back", "/okr back", "turn check-ins back on", _back)
