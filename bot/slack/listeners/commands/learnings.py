"""`/okr learnings [words]` searches the learnings library; `/okr tree O-7|KR-12` draws a tree."""

from bot.domain.errors import DomainError
from bot.domain.refs import Ref
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.learnings import learnings_message, tree_message

TREE_USAGE = "/okr tree O-7|KR-12"


def _learnings(call: Invocation) -> None:
    call.reply(*learnings_message(call.services.learnings.search(" ".join(call.args))))


def _tree(call: Invocation) -> None:
    first = call.tokens[0] if call.tokens else None
    if not isinstance(first, Ref):
        raise DomainError(f"Name an objective or a key result, like `{TREE_USAGE}`.")
    call.reply(*tree_message(call.services.hypotheses.tree(first)))


LEARNINGS = Subcommand(
    "learnings",
    "/okr learnings [words]",
    "search what past retros and hypotheses taught us, newest first",
    _learnings,
)
TREE = Subcommand(
    "tree", TREE_USAGE, "show an objective's key results and hypotheses as a tree", _tree
)
