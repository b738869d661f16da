"""The posted digest: names people, pings blockers' owners only on opt-in, notes holidays."""

from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlmodel import col, select

from bot.db.engine import Database
from bot.db.models import CheckIn, KeyResult
from bot.scheduling.jobs import find_job
from tests.fakes.pings import pings
from tests.seed import ALICE
from tests.slack.channel_posts import channel_posts
from tests.slack.harness import SlackHarness
from tests.slack.quiet_steps import berlin, extend_cycle, set_member, set_team


def _post_digest(slack: SlackHarness) -> dict[str, Any]:
    job = find_job("digests")
    assert job is not None
    job.run_now(slack.services)
    [post] = channel_posts(slack.fake)
    return post.body


def _blocker(database: Database, period: str) -> None:
    with database.transaction() as session:
        kr = session.exec(select(KeyResult).order_by(col(KeyResult.id))).first()
        assert kr is not None
        row: dict[str, Any] = {"key_result_id": kr.id, "author_id": kr.owner_id, "period": period}
        row |= {"value": 2.2, "confidence": 4, "blocker": "Waiting on the data team"}
        session.execute(insert(CheckIn), [row | {"created_at": berlin(date(2026, 11, 16), 12)}])


def test_the_digest_names_owners_and_pings_nobody_by_default(
    slack: SlackHarness, database: Database
) -> None:
    set_member(database, ALICE, display_name="Alice <Ops>")
    _blocker(database, "2026-W47")
    body = _post_digest(slack)
    assert pings(body) == []
    assert "Alice &lt;Ops&gt;" in str(body)


def test_a_team_that_opted_in_pings_only_the_owners_of_blockers(
    slack: SlackHarness, database: Database
) -> None:
    set_team(database, mention_blockers=True)
    _blocker(database, "2026-W47")
    body = _post_digest(slack)
    assert pings(body) == [f"@{ALICE}"]
    [blockers] = [t for t in _texts(body) if t.startswith("*🚧 Blockers*")]
    assert f"<@{ALICE}>" in blockers


def test_the_digest_of_a_week_with_a_holiday_says_so(
    slack: SlackHarness, database: Database
) -> None:
    extend_cycle(database, date(2027, 6, 30))
    set_team(database, holidays="DE-BY")
    slack.clock.set(berlin(date(2027, 1, 8), 15))
    body = _post_digest(slack)
    assert "🏖 Wed 6 Jan was a holiday in DE-BY (Epiphany)" in _texts(body)


def _texts(body: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for block in body.get("blocks", []):
        if "text" in block:
            found.append(block["text"]["text"])
        found += [element.get("text", "") for element in block.get("elements", [])]
    return found
