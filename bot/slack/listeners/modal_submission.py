"""One way to run a modal's submission: read and save before the ack, then answer the modal."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.domain.errors import DomainError, FieldErrors
from bot.slack import payload
from bot.slack.render.help import notice_view

T = TypeVar("T")
View = dict[str, Any]
Listener = Callable[[Ack, dict[str, Any], WebClient], None]
# A form's field errors as {block id: message}; the view tells which blocks it shows.
Blocks = Callable[[FieldErrors[Any], View], dict[str, str]]


@dataclass(frozen=True)
class Submitted(Generic[T]):
    """A submission once acknowledged: who sent it, the signed body, the view, what save gave."""

    user: str
    body: dict[str, Any]
    view: View
    saved: T


def by_block(invalid: FieldErrors[Any], _: View) -> dict[str, str]:
    """Errors already keyed by block id, as the forms raise them."""
    return {str(key): message for key, message in invalid.errors.items()}


def modal_submission(
    save: Callable[[str, View], T],
    then: Callable[[Submitted[T], WebClient], None] | None = None,
    *,
    title: str | None,
    refused_on: str | None = None,
    blocks: Blocks = by_block,
) -> Listener:
    """A Bolt view listener that runs `save(user, view)` before acknowledging: only the ack can
    put errors on the fields. FieldErrors go on their blocks. A refusal goes on the block
    `refused_on`, or else turns the modal into a notice titled `title`; a stale payload always
    does. With no `title`, refusals are the one error handler's to answer. `then` runs after."""

    def submitted(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        try:
            user, view = payload.user_id(body), payload.view_of(body)
            saved = save(user, view)
        except FieldErrors as invalid:
            ack(response_action="errors", errors=blocks(invalid, payload.view_of(body)))
            return
        except DomainError as refused:
            if title is None:
                raise
            if refused_on is not None and not isinstance(refused, payload.StalePayload):
                ack(response_action="errors", errors={refused_on: refused.message})
            else:
                ack(response_action="update", view=notice_view(title, refused.message))
            return
        ack()
        if then is not None:
            then(Submitted(user, body, view, saved), client)

    return submitted
