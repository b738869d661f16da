"""Outcomes read back through the bot's own services, as its users would see them."""

from bot.services.checkins.results import HistoryEntry
from bot.services.okrs.drafts import KeyResultDetails, ObjectiveDetails
from bot.services.okrs.learnings import LearningEntry
from bot.services.okrs.listing import ListQuery
from bot.services.okrs.results import ListedKR
from tests.seed import LEAD, Seeded
from tests.slack.harness import SlackHarness


def key_results(
    slack: SlackHarness, team: str = "Growth", cycle: str | None = None
) -> dict[int, ListedKR]:
    """A team's key results by id, as `/okr list team NAME` reads them (the lead asking, as
    a known member: a stranger's first read would record them)."""
    listed = slack.services.okr_list.list_okrs(LEAD, ListQuery(team_name=team, cycle_name=cycle))
    return {kr.kr_id: kr for objective in listed.objectives for kr in objective.key_results}


def checkins(slack: SlackHarness, kr_id: int, limit: int = 8) -> tuple[HistoryEntry, ...]:
    """A key result's last check-ins, newest first, as its history shows them."""
    return slack.services.checkins.history(kr_id, limit).entries


def learnings(slack: SlackHarness) -> list[LearningEntry]:
    """The learnings library, newest first, as a search for nothing in particular finds it."""
    return slack.services.learnings.search("").entries


def hypothesis_counts(slack: SlackHarness, seeded: Seeded) -> list[int]:
    """How many hypotheses each seeded key result has (sessions, churn, launch, Bob's), as
    its team's lead sees them when adding another."""
    krs = (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr, seeded.bob_kr)
    return [len(slack.services.hypotheses.key_result_for_form(LEAD, kr).hypotheses) for kr in krs]


def saved_objective(
    slack: SlackHarness, title: str
) -> tuple[ObjectiveDetails, list[KeyResultDetails]]:
    """A Growth objective found by its title in the team's list, and its key results in the
    order they were made, as the lead's edit modals read them."""
    listed = slack.services.okr_list.list_okrs(LEAD, ListQuery(team_name="Growth"))
    [found] = [objective for objective in listed.objectives if objective.title == title]
    details = slack.services.authoring.objective_details(LEAD, found.objective_id)
    krs = sorted(kr.kr_id for kr in found.key_results)
    return details, [slack.services.authoring.key_result_details(LEAD, kr) for kr in krs]
