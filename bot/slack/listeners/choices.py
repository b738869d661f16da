"""Type-ahead selects: the options each one offers, only what the caller may pick.

Teams, cycles and objectives can outnumber the 100 options a select holds, so their selects
ask as the person types. Each answer is checked here for who is asking; the submission
checks the picked id again.
"""

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.domain.errors import DomainError
from bot.services.choices import MAX_CHOICES, Choice
from bot.services.okrs.drafts import DraftField
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.forms.draft import picked_id, view_prefill
from bot.slack.forms.settings import team_id_of
from bot.slack.ids import Callback, SettingsAction, SettingsCallback, draft_action_id
from bot.slack.ids import SettingsField as F
from bot.slack.render.blocks import Block
from bot.slack.render.draft_inputs import choice_option
from bot.slack.render.settings_modals import NO_PARENT_OPTION

# (caller, typed text, the view the select is in) → what they may pick
Find = Callable[[str, str, dict[str, Any]], list[Choice]]
OPTIONS = (
    draft_action_id(DraftField.TEAM),
    draft_action_id(DraftField.CYCLE),
    draft_action_id(DraftField.PARENT),
    F.PARENT.value,
    SettingsAction.FIND_TEAM.value,
    SettingsAction.FIND_CYCLE.value,
)


def register(app: App, services: Services) -> None:
    authoring, settings = services.authoring_choices, services.settings_choices

    def parents(user: str, typed: str, view: dict[str, Any]) -> list[Choice]:
        metadata = DraftMetadata.from_json(view.get("private_metadata", ""))
        if view.get("callback_id") == Callback.EDIT_OBJECTIVE:
            objective = metadata.objective or 0
            return authoring.parent_choices(user, typed, cycle_id=None, objective_id=objective)
        cycle = picked_id(view_prefill(view), DraftField.CYCLE)
        return authoring.parent_choices(user, typed, cycle_id=cycle, objective_id=None)

    def parent_teams(user: str, typed: str, view: dict[str, Any]) -> list[Choice]:
        team = team_id_of(view) if view.get("callback_id") == SettingsCallback.TEAM else None
        return settings.parent_choices(user, team, typed)

    finders: dict[str, Find] = {
        draft_action_id(DraftField.TEAM): lambda user, typed, _: authoring.team_choices(
            user, typed
        ),
        draft_action_id(DraftField.CYCLE): lambda user, typed, _: authoring.cycle_choices(
            user, typed
        ),
        draft_action_id(DraftField.PARENT): parents,
        F.PARENT: parent_teams,
        SettingsAction.FIND_TEAM: lambda user, typed, _: settings.team_choices(user, typed),
        SettingsAction.FIND_CYCLE: lambda user, typed, _: settings.cycle_choices(user, typed),
    }
    assert set(finders) == set(OPTIONS)
    for action_id, find in finders.items():
        first = [NO_PARENT_OPTION] if action_id == F.PARENT else []
        app.options(action_id)(_answer(find, first))


def _answer(find: Find, first: list[Block]) -> Callable[..., None]:
    """An options listener; `first` comes before the matches whatever is typed, if it fits."""

    def answer(ack: Ack, body: dict[str, Any]) -> None:
        typed = payload.typed_text(body)
        view = body.get("view")
        try:
            found = find(payload.user_id(body), typed, view if isinstance(view, dict) else {})
        except DomainError:
            ack(options=[])  # someone who may pick nothing here sees nothing; saving says why
            return
        fitting = [o for o in first if typed.strip().lower() in o["text"]["text"].lower()]
        ack(options=[*fitting, *(choice_option(choice) for choice in found)][:MAX_CHOICES])

    return answer
