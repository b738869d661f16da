"""`/okr list` through Slack: mine, a person's, a team's by name or channel, at risk."""

from bot.db.members import get_or_create_member
from bot.db.models import KRContributor
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.harness import SlackHarness
from tests.slack.list_steps import alice_checks_in, listed, objective_id, refused, said_in


def test_a_bare_list_shows_my_key_results_grouped_by_objective(
    slack: SlackHarness, seeded: Seeded
) -> None:
    alice_checks_in(slack, seeded, sessions=(2.5, 6))
    said = said_in(listed(slack, "list"))
    objective = objective_id(slack.database, seeded.sessions_kr)
    assert "Your key results · 2026-Q4" in said
    assert f"🎯 *O-{objective} Become the best platform for sports fans* · _Growth_" in said
    assert f"*KR-{seeded.sessions_kr}* Median monthly 20+ minute sessions per fan" in said
    assert "▰▰▰▰▰▱▱▱▱▱ 50%  2.5 / 3 sessions · confidence 6/10 · 🟡 At risk" in said
    assert f"Owner <@{ALICE}>" in said
    assert f"KR-{seeded.bob_kr}" not in said
    assert said == said_in(listed(slack, "list me"))


def test_a_persons_list_and_a_contributors_share(slack: SlackHarness, seeded: Seeded) -> None:
    said = said_in(listed(slack, f"list <@{BOB}|bob>"))
    assert f"<@{BOB}>'s key results" in said
    assert f"KR-{seeded.bob_kr}" in said and f"KR-{seeded.sessions_kr}" not in said
    with slack.database.transaction() as session:
        alice = get_or_create_member(session, ALICE)
        assert alice.id is not None
        session.add(KRContributor(key_result_id=seeded.bob_kr, member_id=alice.id))
    said = said_in(listed(slack, "list"))
    assert f"*KR-{seeded.bob_kr}* Weekly active sports fans" in said
    assert f"Owner <@{BOB}> · with <@{ALICE}>" in said


def test_a_team_by_name_or_by_channel_lists_everyone(slack: SlackHarness, seeded: Seeded) -> None:
    by_name = said_in(listed(slack, "list team growth", "U0STRANGER"))
    assert "Growth's key results · 2026-Q4" in by_name
    for kr in (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr, seeded.bob_kr):
        assert f"KR-{kr}*" in by_name
    by_channel = said_in(listed(slack, "list <#C0GROWTH01|growth>", "U0STRANGER"))
    assert by_channel == by_name


def test_an_unknown_team_names_the_teams_there_are(slack: SlackHarness) -> None:
    said = refused(slack, "list team Sales")
    assert "There is no team called 'Sales'. The teams are: Growth." in said


def test_a_channel_without_a_team_says_so(slack: SlackHarness) -> None:
    assert "No team has that channel" in refused(slack, "list <#C0RANDOM01|random>")


def test_a_word_it_does_not_know_gets_the_usage(slack: SlackHarness) -> None:
    said = refused(slack, "list everything")
    assert "I don't understand `everything` here" in said
    assert "/okr list [me|@person|#channel|team NAME|at-risk]" in said
    assert "Name the team after `team`" in refused(slack, "list team")


def test_at_risk_across_teams_and_within_one(slack: SlackHarness, seeded: Seeded) -> None:
    # Launch: confident, but nothing done half-way in.
    alice_checks_in(slack, seeded, sessions=(2.9, 8), churn=(7.5, 2), launch=(0, 8))
    said = said_in(listed(slack, "list at-risk", LEAD))
    assert "Key results at risk · 2026-Q4" in said
    assert f"KR-{seeded.churn_kr}*" in said and "🔴 Off track" in said
    assert f"KR-{seeded.launch_kr}*" in said  # behind pace
    assert f"KR-{seeded.sessions_kr}*" not in said
    assert f"KR-{seeded.bob_kr}*" not in said  # no check-in yet: nothing to judge
    assert said_in(listed(slack, "list team Growth at risk", LEAD)).count("*KR-") == 2
    calm = said_in(listed(slack, "list at-risk", BOB))
    assert calm.count("*KR-") == 2  # at-risk alone is everyone's, whoever asks
    assert "Nothing at risk" in said_in(listed(slack, f"list <@{BOB}> at-risk"))


def test_nobody_s_list_gets_a_friendly_hint(slack: SlackHarness) -> None:
    said = said_in(listed(slack, "list", "U0STRANGER"))
    assert "You own or contribute to no key results in 2026-Q4" in said
    assert "`/okr list team NAME`" in said
