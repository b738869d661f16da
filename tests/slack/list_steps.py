"""Steps shared by the `/okr list` tests: asking, reading what came back, adding rows."""

from datetime import UTC, datetime
from typing import Any

from bot.db.engine import Database
from bot.db.models import KeyResult
from bot.services.checkins.results import CheckinAnswer
from tests.fakes.blockkit import assert_valid_message
from tests.seed import ALICE, Seeded
from tests.slack.harness import SlackHarness

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


def said_in(message: dict[str, Any]) -> str:
    """All the text a message or view shows: its fallback, sections and context lines."""
    texts = [message.get("text", "")]
    for block in message.get("blocks", []):
        texts.append((block.get("text") or {}).get("text", ""))
        texts += [element.get("text", "") for element in block.get("elements", [])]
    return "\n".join(texts)


def listed(slack: SlackHarness, text: str, user: str = ALICE) -> dict[str, Any]:
    # Sent as Slack sends picked people and channels: `<@U…|name>`, `<#C…|name>`.
    body = slack.answer(text, user, escape=False)
    assert body["response_type"] == "ephemeral"
    assert_valid_message(body["blocks"], body["text"])
    return body


def refused(slack: SlackHarness, text: str, user: str = ALICE) -> str:
    """The private text of an `/okr list` the bot could not answer."""
    body = slack.answer(text, user, escape=False)
    assert body["response_type"] == "ephemeral"
    return str(body["text"])


def objective_id(database: Database, kr_id: int) -> int:
    """The id of the objective a seeded key result belongs to, as shown in `O-<id>`."""
    with database.transaction() as session:
        return session.get_one(KeyResult, kr_id).objective_id


def add_rows(database: Database, *rows: object) -> None:
    with database.transaction() as session:
        session.add_all(rows)


Answer = tuple[float, int]  # a key result's value and confidence


def alice_checks_in(slack: SlackHarness, seeded: Seeded, **answers: Answer) -> None:
    """Alice's check-in this week on some of her key results: sessions, churn or launch."""
    krs = {"sessions": seeded.sessions_kr, "churn": seeded.churn_kr, "launch": seeded.launch_kr}
    given = [CheckinAnswer(krs[name], *answer) for name, answer in answers.items()]
    slack.services.checkins.save_checkin(ALICE, "2026-W47", given)
