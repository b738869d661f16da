"""`/okr prefs`: my own check-in day and time, reminder and holidays, bounded by the team."""

from datetime import time

from bot.slack.ids import Action
from bot.slack.ids import SettingsField as F
from tests.fakes.blockkit import assert_valid_view
from tests.seed import ALICE
from tests.slack.harness import SlackHarness, json_body
from tests.slack.prefs_steps import blocks_by_id, open_prefs, save_prefs
from tests.slack.quiet_steps import set_team
from tests.slack.settings_steps import errors_of


def _stored(slack: SlackHarness) -> tuple[object, ...]:
    """Alice's saved day, time, whether reminders are off, and region, as her prefs read."""
    form = slack.services.prefs.view(ALICE).form
    return form.prompt_weekday, form.prompt_at, not form.reminders, form.holidays


def test_the_modal_offers_working_days_up_to_the_digest_and_the_teams_defaults(
    slack: SlackHarness,
) -> None:
    blocks = blocks_by_id(open_prefs(slack, ALICE))
    days = [o["text"]["text"] for o in blocks[F.PROMPT_WEEKDAY]["element"]["options"]]
    assert days == ["As my team (Monday)", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert "09:00–18:00" in blocks[F.PROMPT_AT]["hint"]["text"]
    assert blocks[F.REMINDERS]["element"]["initial_option"]["value"] == "on"
    assert _stored(slack) == (None, None, False, None)


def test_saving_stores_the_choices_and_the_modal_shows_them_again(slack: SlackHarness) -> None:
    response = save_prefs(slack, ALICE, day="3", at="14:30", reminders="off", holidays=" de-by ")
    assert json_body(response) == {}
    assert _stored(slack) == (3, time(14, 30), True, "DE-BY")
    blocks = blocks_by_id(open_prefs(slack, ALICE))
    assert blocks[F.PROMPT_WEEKDAY]["element"]["initial_option"]["value"] == "3"
    assert blocks[F.PROMPT_AT]["element"]["initial_time"] == "14:30"
    assert blocks[F.REMINDERS]["element"]["initial_option"]["value"] == "off"
    assert blocks[F.HOLIDAYS]["element"]["initial_value"] == "DE-BY"
    assert json_body(save_prefs(slack, ALICE)) == {}  # back to the team's
    assert _stored(slack) == (None, None, False, None)


def test_what_the_rules_refuse_is_said_on_its_field_and_nothing_is_saved(
    slack: SlackHarness,
) -> None:
    cases = [
        ({"day": "5"}, F.PROMPT_WEEKDAY, "Pick a working day before your team's digest"),
        ({"at": "07:30"}, F.PROMPT_AT, "Pick a time within working hours, 09:00–18:00."),
        ({"at": "18:00"}, F.PROMPT_AT, "Pick a time within working hours"),
        ({"day": "4", "at": "16:00"}, F.PROMPT_AT, "Your team's digest goes out Friday at 15:00"),
        ({"holidays": "Bavaria"}, F.HOLIDAYS, "'BAVARIA' is not a country I know holidays for"),
        ({"holidays": "DE-XX"}, F.HOLIDAYS, "'DE-XX' is not a region of DE"),
    ]
    for fields, field, message in cases:
        errors = errors_of(save_prefs(slack, ALICE, **fields))
        assert set(errors) == {field}, fields
        assert errors[field].startswith(message), errors
    both = errors_of(save_prefs(slack, ALICE, day="6", at="20:00", holidays="XX"))
    assert set(both) == {F.PROMPT_WEEKDAY, F.PROMPT_AT, F.HOLIDAYS}
    assert _stored(slack) == (None, None, False, None)


def test_a_monthly_team_leaves_only_the_time_to_choose(slack: SlackHarness) -> None:
    set_team(slack.database, cadence="monthly")
    blocks = blocks_by_id(open_prefs(slack, ALICE))
    assert F.PROMPT_WEEKDAY not in blocks
    errors = errors_of(save_prefs(slack, ALICE, day="2"))  # a forged day
    assert set(errors) == {F.PROMPT_WEEKDAY}
    assert json_body(save_prefs(slack, ALICE, day="default", at="11:15")) == {}
    assert _stored(slack) == (None, time(11, 15), False, None)


def test_a_team_without_reminders_says_so(slack: SlackHarness) -> None:
    set_team(slack.database, reminder_after_hours=0)
    blocks = blocks_by_id(open_prefs(slack, ALICE))
    assert "no reminders" in blocks[F.REMINDERS]["hint"]["text"]


def test_the_app_home_has_a_button_that_opens_the_same_modal(slack: SlackHarness) -> None:
    slack.fake.clear()
    slack.event({"type": "app_home_opened", "user": ALICE, "tab": "home"})
    slack.idle()
    home = slack.fake.wait_for("views.publish")[0].body["view"]
    buttons = [b["accessory"]["action_id"] for b in home["blocks"] if "accessory" in b]
    assert Action.HOME_PREFS in buttons
    slack.fake.clear()
    assert slack.click(Action.HOME_PREFS, "", ALICE).status == 200
    slack.idle()
    view = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    assert view["callback_id"] == "prefs.modal"


def test_help_lists_prefs(slack: SlackHarness) -> None:
    response = json_body(slack.command("help", ALICE))
    assert "/okr prefs" in str(response)
