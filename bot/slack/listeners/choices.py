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


class Choices:
    def __init__(self, services: Services) -> None:
        self._authoring = services.authoring_choices
        self._settings = services.settings_choices

    def teams(self, user: str, typed: str, _: dict[str, Any]) -> list[Choice]:
        return self._authoring.team_choices(user, typed)

    def cycles(self, user: str, typed: str, _: dict[str, Any]) -> list[Choice]:
        return self._authoring.cycle_choices(user, typed)

    def parents(self, user: str, typed: str, view: dict[str, Any]) -> list[Choice]:
        authoring = self._authoring
        if view.get("callback_id") == Callback.EDIT_OBJECTIVE:
            objective = DraftMetadata.from_json(view.get("private_metadata", "")).objective or 0
            return authoring.parent_choices(user, typed, cycle_id=None, objective_id=objective)
        cycle = picked_id(view_prefill(view), DraftField.CYCLE)
        return authoring.parent_choices(user, typed, cycle_id=cycle, objective_id=None)

    def parent_teams(self, user: str, typed: str, view: dict[str, Any]) -> list[Choice]:
        team = team_id_of(view) if view.get("callback_id") == SettingsCallback.TEAM else None
        return self._settings.parent_choices(user, team, typed)

    def settings_teams(self, user: str, typed: str, _: dict[str, Any]) -> list[Choice]:
        return self._settings.team_choices(user, typed)

    def settings_cycles(self, user: str, typed: str, _: dict[str, Any]) -> list[Choice]:
        return self._settings.cycle_choices(user, typed)


def register(app: App, services: Services) -> None:
    choices = Choices(services)
    answers = {
        draft_action_id(DraftField.TEAM): _answer(choices.teams),
        draft_action_id(DraftField.CYCLE): _answer(choices.cycles),
        draft_action_id(DraftField.PARENT): _answer(choices.parents),
        F.PARENT.value: _answer(choices.parent_teams, first=(NO_PARENT_OPTION,)),
        SettingsAction.FIND_TEAM.value: _answer(choices.settings_teams),
        SettingsAction.FIND_CYCLE.value: _answer(choices.settings_cycles),
    }
    assert set(answers) == set(OPTIONS)  # what the manifest declares, and nothing more
    for action_id, answer in answers.items():
        app.options(action_id)(answer)


def _answer(find: Find, first: tuple[Block, ...] = ()) -> Callable[..., None]:
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
