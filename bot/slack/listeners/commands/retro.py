"""`/okr retro KR-12` asks for a retro now; `/okr score KR-12 0.6 REASON` overrides a score."""

from bot.domain.errors import DomainError
from bot.domain.refs import Ref, RefKind
from bot.slack.forms.command_text import Token
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.learnings import ask_message, score_message

RETRO_USAGE = "/okr retro KR-12"
SCORE_USAGE = "/okr score KR-12 0.6 REASON"


def key_result_id(tokens: list[Token], usage: str) -> int:
    """The KR reference that must come first, or a hint showing how the command goes."""
    first = tokens[0] if tokens else None
    if not isinstance(first, Ref) or first.kind is not RefKind.KEY_RESULT:
        raise DomainError(f"Name a key result, like `{usage}`.")
    return first.id


def _retro(call: Invocation) -> None:
    kr_id = key_result_id(call.tokens, RETRO_USAGE)
    call.reply(*ask_message(call.services.retro_answers.ask(call.user_id, kr_id)))


def _score(call: Invocation) -> None:
    kr_id = key_result_id(call.tokens, SCORE_USAGE)
    words = call.args[1:]
    try:
        score = float(words[0].replace(",", "."))
    except (IndexError, ValueError) as error:
        raise DomainError(
            f"Give the score as a number from 0.0 to 1.0: `{SCORE_USAGE}`."
        ) from error
    reason = " ".join(words[1:])
    change = call.services.learnings.override_score(call.user_id, kr_id, score, reason)
    call.reply(*score_message(change))


RETRO = Subcommand(
    "retro", RETRO_USAGE, "ask the KR's owner and contributors for a blameless retro", _retro
)
SCORE = Subcommand(
    "score", SCORE_USAGE, "owners: change a closed cycle's score of a KR, saying why", _score
)
