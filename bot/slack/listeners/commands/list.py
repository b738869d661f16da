"""`/okr list [me|@user|#channel|team NAME|at-risk] [cycle NAME]`: OKRs, privately."""

from bot.domain.errors import DomainError
from bot.domain.text import truncate
from bot.services.okrs.listing import ListQuery
from bot.slack.forms.command_text import ChannelMention, Token, UserMention, Word, token_text
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.okr_list import okr_list_messages

USAGE = "/okr list [me|@person|#channel|team NAME|at-risk] [cycle NAME]"
AT_RISK_WORDS = frozenset({"at-risk", "atrisk", "risk", "at_risk"})
KEYWORDS = AT_RISK_WORDS | {"team", "cycle", "me", "at"}


def _list(call: Invocation) -> None:
    query = parse_list_query(call.tokens, call.user_id)
    # Beyond one message's 50 blocks, the list comes in several private messages.
    for message in okr_list_messages(call.services.okr_list.list_okrs(call.user_id, query)):
        call.reply(*message)


def parse_list_query(tokens: list[Token], caller: str) -> ListQuery:
    """The tokens after `list` as a query; a word we do not understand gets the usage."""
    person: str | None = None
    channel: str | None = None
    team: str | None = None
    cycle: str | None = None
    at_risk = False
    position = 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        word = token.text.lower() if isinstance(token, Word) else None
        if isinstance(token, UserMention):
            person = token.user_id
        elif isinstance(token, ChannelMention):
            channel = token.channel_id
        elif word == "me":
            person = caller
        elif word in AT_RISK_WORDS:
            at_risk = True
        elif word == "at" and _next_word(tokens, position) == "risk":
            at_risk, position = True, position + 1
        elif word in ("team", "cycle"):
            name, position = _name(tokens, position)
            if not name:
                raise DomainError(f"Name the {word} after `{word}`, like `{USAGE}`.")
            team, cycle = (name, cycle) if word == "team" else (team, name)
        else:
            raise DomainError(
                f"I don't understand `{truncate(token_text(token), 60)}` here. Try `{USAGE}`, "
                "e.g. `/okr list team Growth at-risk`."
            )
    return ListQuery(person, channel, team, at_risk, cycle)


def _next_word(tokens: list[Token], position: int) -> str | None:
    token = tokens[position] if position < len(tokens) else None
    return token.text.lower() if isinstance(token, Word) else None


def _name(tokens: list[Token], position: int) -> tuple[str, int]:
    """Words up to the next keyword or mention: team names may have spaces."""
    words = []
    while position < len(tokens):
        token = tokens[position]
        if not isinstance(token, Word) or token.text.lower() in KEYWORDS:
            break
        words.append(token.text)
        position += 1
    return " ".join(words), position


SUBCOMMAND = Subcommand(
    "list",
    USAGE,
    "your key results, a person's, a team's or those at risk, privately",
    _list,
)
