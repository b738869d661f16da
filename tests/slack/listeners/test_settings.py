"""`/okr settings` end to end: who sees what, each section saved, bad input, forged ids."""

from datetime import date, time

from bot.db.engine import Database
from bot.db.models import Team, WorkspaceSettings
from bot.services.settings.results import TeamForm
from bot.slack.delivery.roles import REMEMBER_S
from bot.slack.ids import SettingsAction, SettingsCallback
from bot.slack.ids import SettingsField as F
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import key_results
from tests.slack.settings_steps import (
    ADMIN,
    buttons,
    channel,
    click,
    clock,
    day,
    errors_of,
    number,
    open_settings,
    push,
    refusal,
    select,
    text,
    users,
    values,
    with_metadata,
)


def _admin(slack: SlackHarness) -> str:
    slack.fake.set_user(ADMIN, is_admin=True)
    return ADMIN


def test_a_slack_admin_sees_every_section_and_is_recorded_as_one(slack: SlackHarness) -> None:
    menu = open_settings(slack, _admin(slack))
    assert menu["callback_id"] == SettingsCallback.MENU
    assert buttons(menu) == [
        (SettingsAction.WORKSPACE, ""),
        (SettingsAction.ADMINS, ""),
        (SettingsAction.TEAM, "1"),
        (SettingsAction.NEW_TEAM, ""),
        (SettingsAction.CLOSE_CYCLE, "1"),
        (SettingsAction.NEW_CYCLE, ""),
    ]
    # Recorded: others who may not change settings are told to ask them.
    assert f"Ask an admin ({ADMIN.lower()})" in refusal(slack, BOB)


def test_a_lead_sees_only_their_teams(slack: SlackHarness) -> None:
    assert buttons(open_settings(slack, LEAD)) == [(SettingsAction.TEAM, "1")]


def test_others_are_told_why_and_who_to_ask(slack: SlackHarness) -> None:
    slack.fake.set_user(ADMIN, is_admin=True, name="Ada")
    open_settings(slack, ADMIN)
    said = refusal(slack, BOB)
    assert "Only workspace admins and team leads can change settings" in said
    assert "Ada" in said


def test_a_slack_admin_demoted_in_slack_loses_the_settings(slack: SlackHarness) -> None:
    open_settings(slack, _admin(slack))
    slack.fake.set_user(ADMIN, is_admin=False)
    slack.timer.advance(REMEMBER_S)  # Slack's answer is kept two minutes at most
    assert "Only workspace admins" in refusal(slack, ADMIN)


def test_workspace_defaults_are_saved(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.WORKSPACE, admin)
    state = values(
        text(F.TIMEZONE, "Europe/Berlin"),
        select(F.CADENCE, "monthly"),
        select(F.PROMPT_WEEKDAY, "2"),
        clock(F.PROMPT_AT, "09:30"),
        select(F.REMINDER, "custom"),
        number(F.REMINDER_HOURS, "6"),
        select(F.DIGEST_WEEKDAY, "3"),
        clock(F.DIGEST_AT, "16:00"),
        number(F.BAND_RED, "2"),
        number(F.BAND_YELLOW, "5"),
        number(F.RETRO_BELOW, "0.6"),
    )
    assert json_body(slack.submit(modal, state, admin)) == {}
    saved = slack.services.settings.workspace_form(admin)
    schedule = saved.schedule
    assert (saved.timezone, schedule.cadence, schedule.prompt_weekday) == (
        "Europe/Berlin",
        "monthly",
        2,
    )
    assert (schedule.prompt_at, schedule.reminder_after_hours) == (time(9, 30), 6)
    assert (schedule.digest_weekday, schedule.digest_at) == (3, time(16, 0))
    assert (schedule.band_red_max, schedule.band_yellow_max, saved.retro_below) == (2, 5, 0.6)
    again = push(slack, open_settings(slack, admin), SettingsAction.WORKSPACE, admin)
    cadence = next(b for b in again["blocks"] if b.get("block_id") == F.CADENCE)
    assert cadence["element"]["initial_option"]["value"] == "monthly"


def test_bad_workspace_values_are_shown_on_their_fields(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.WORKSPACE, admin)
    state = values(
        text(F.TIMEZONE, "Mars/Olympus"),
        select(F.CADENCE, "every_n_weeks"),
        select(F.REMINDER, "custom"),
        number(F.REMINDER_HOURS, "500"),
        number(F.BAND_RED, "6"),
        number(F.BAND_YELLOW, "4"),
        number(F.RETRO_BELOW, "7"),
    )
    errors = errors_of(slack.submit(modal, state, admin))
    assert set(errors) == {
        F.TIMEZONE,
        F.CADENCE_EVERY,
        F.CADENCE_ANCHOR,
        F.REMINDER_HOURS,
        F.BAND_YELLOW,
        F.RETRO_BELOW,
    }
    no_hours = values(select(F.REMINDER, "custom"))
    assert errors_of(slack.submit(modal, no_hours, admin)) == {
        F.REMINDER_HOURS: "How many hours after the check-in?"
    }
    with slack.database.transaction() as session:
        assert session.get(WorkspaceSettings, 1) is None


def test_a_lead_cannot_open_or_submit_the_workspace_defaults(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.WORKSPACE, admin)
    errors = errors_of(slack.submit(modal, values(select(F.CADENCE, "monthly")), LEAD))
    assert "Only workspace admins can change the workspace defaults" in errors[F.CADENCE]
    slack.fake.clear()
    click(slack, modal, SettingsAction.WORKSPACE, LEAD)
    assert slack.fake.calls_to("views.push") == []


def _team_state(*extra: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    base = values(
        text(F.NAME, "Growth"),
        channel("C0GROWTH01"),
        select(F.PARENT, "none"),
        users(F.LEADS, LEAD),
        users(F.MEMBERS, BOB),
    )
    return base | values(*extra)


def test_a_lead_changes_their_team(slack: SlackHarness, seeded: Seeded) -> None:
    modal = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    leads = next(b for b in modal["blocks"] if b.get("block_id") == F.LEADS)
    assert leads["element"]["initial_users"] == [LEAD]
    state = _team_state(
        select(F.CADENCE, "every_n_weeks"),
        number(F.CADENCE_EVERY, "2"),
        day(F.CADENCE_ANCHOR, "2026-11-09"),
        select(F.REMINDER, "off"),
        number(F.BAND_RED, "4"),
        number(F.BAND_YELLOW, "7"),
        select(F.DIGEST_WEEKDAY, "0"),
    )
    assert json_body(slack.submit(modal, state, LEAD)) == {}
    saved = slack.services.settings.team_settings(LEAD, 1).form
    schedule = saved.schedule
    assert (schedule.cadence, schedule.cadence_every, schedule.cadence_anchor) == (
        "every_n_weeks",
        2,
        date(2026, 11, 9),
    )
    assert (schedule.reminder_after_hours, schedule.band_red_max, schedule.band_yellow_max) == (
        0,
        4,
        7,
    )
    assert schedule.digest_weekday == 0
    assert (saved.leads, saved.members) == ((LEAD,), (BOB,))

    # Taking Bob off the team leaves his key result with him.
    assert json_body(slack.submit(modal, _team_state(users(F.MEMBERS)), LEAD)) == {}
    saved = slack.services.settings.team_settings(LEAD, 1).form
    assert (saved.leads, saved.members) == ((LEAD,), ())
    assert key_results(slack)[seeded.bob_kr].owner == BOB


def test_bad_team_values_are_shown_on_their_fields(slack: SlackHarness) -> None:
    modal = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    state = _team_state(
        text(F.NAME, " "), select(F.CADENCE, "every_n_weeks"), number(F.BAND_RED, "3")
    )
    errors = errors_of(slack.submit(modal, state, LEAD))
    assert set(errors) == {F.NAME, F.CADENCE_EVERY, F.CADENCE_ANCHOR, F.BAND_YELLOW}
    assert errors[F.BAND_YELLOW] == "Give both band limits, or leave both empty for the default."


def test_a_forged_team_id_is_refused(slack: SlackHarness, database: Database) -> None:
    with database.transaction() as session:
        session.add(Team(name="Sales", channel_id="C0SALES001"))
    modal = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    forged = with_metadata(modal, {"team_id": 2})
    errors = errors_of(slack.submit(forged, _team_state(text(F.NAME, "Sales")), LEAD))
    assert "Only Sales's leads and workspace admins" in errors[F.NAME]
    slack.fake.clear()
    click(slack, modal, SettingsAction.TEAM, BOB, "1")
    assert slack.fake.calls_to("views.push") == []
    # Sales is as it was made: no schedule, leads or members from the forged submissions.
    assert slack.services.settings.team_settings(_admin(slack), 2).form == TeamForm(
        "Sales", "C0SALES001"
    )


def test_an_admin_creates_a_team_with_a_unique_name(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.NEW_TEAM, admin)
    assert modal["callback_id"] == SettingsCallback.NEW_TEAM
    taken = errors_of(slack.submit(modal, _team_state(text(F.NAME, "growth")), admin))
    assert taken == {F.NAME: "There is already a team named growth."}
    state = _team_state(text(F.NAME, "Platform"), channel("C0PLATFORM"), select(F.PARENT, "1"))
    assert json_body(slack.submit(modal, state, admin)) == {}
    teams = slack.services.settings.menu(admin).teams
    [platform] = [team.team_id for team in teams if team.name == "Platform"]
    saved = slack.services.settings.team_settings(admin, platform).form
    assert (saved.channel_id, saved.parent_id) == ("C0PLATFORM", 1)


def test_a_lead_cannot_create_teams(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.NEW_TEAM, admin)
    errors = errors_of(slack.submit(modal, _team_state(text(F.NAME, "Platform")), LEAD))
    assert "Only workspace admins can create teams" in errors[F.NAME]


def test_an_admin_makes_others_admins(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.ADMINS, admin)
    assert json_body(slack.submit(modal, values(users(F.ADMINS, ALICE)), admin)) == {}
    assert buttons(open_settings(slack, ALICE))[0] == (SettingsAction.WORKSPACE, "")
    errors = errors_of(slack.submit(modal, values(users(F.ADMINS, BOB)), LEAD))
    assert "Only workspace admins can make people admins" in errors[F.ADMINS]


def test_an_admin_opens_a_cycle(slack: SlackHarness) -> None:
    admin = _admin(slack)
    modal = push(slack, open_settings(slack, admin), SettingsAction.NEW_CYCLE, admin)
    bad = values(text(F.NAME, "2026-q4"), day(F.START, "2027-03-31"), day(F.END, "2027-01-01"))
    assert set(errors_of(slack.submit(modal, bad, admin))) == {F.NAME, F.END}
    good = values(text(F.NAME, "2027-Q1"), day(F.START, "2027-01-01"), day(F.END, "2027-03-31"))
    assert json_body(slack.submit(modal, good, admin)) == {}
    [cycle] = [c for c in slack.services.settings.menu(admin).cycles if c.name == "2027-Q1"]
    assert (cycle.start, cycle.end) == (date(2027, 1, 1), date(2027, 3, 31))
    errors = errors_of(slack.submit(modal, good, LEAD))
    assert "Only workspace admins can open cycles" in errors[F.NAME]


def test_closing_a_cycle_scores_it_and_shows_it_closed(slack: SlackHarness, seeded: Seeded) -> None:
    admin = _admin(slack)
    menu = open_settings(slack, admin)
    slack.fake.clear()
    click(slack, menu, SettingsAction.CLOSE_CYCLE, LEAD, "1")
    assert [c.closed for c in slack.services.settings.menu(admin).cycles] == [False]
    click(slack, menu, SettingsAction.CLOSE_CYCLE, admin, "1")
    updated = slack.fake.wait_for("views.update")[0].body
    assert updated["view_id"] == "V0MENU0001"
    assert (SettingsAction.CLOSE_CYCLE, "1") not in buttons(updated["view"])
    assert [c.closed for c in slack.services.settings.menu(admin).cycles] == [True]
    assert key_results(slack, cycle="2026-Q4")[seeded.sessions_kr].score == 0.0
