"""Home and `/okr list` say how each key result's source is doing: synced when, or failing."""

import json
from datetime import UTC, datetime, timedelta

from bot.db.engine import Database
from bot.domain.attention import Concern
from bot.domain.progress import ConfidenceBands
from bot.domain.sources import HttpJsonSource
from bot.services.checkins.home import HomeService
from bot.services.digests.service import DigestPolicy, DigestService
from bot.services.members import CalendarDefaults
from bot.services.okrs.listing import ListQuery, OkrListService
from bot.services.reading import ReadContext
from bot.services.source_badges import SourceBadge
from bot.slack.render.digest import reasons
from bot.slack.render.home import home_view
from bot.slack.render.okr_list import okr_list_messages
from tests.fakes.clock import FrozenClock
from tests.fakes.source_server import Reply, SourceServer
from tests.seed import ALICE, LEAD, seed_quarter
from tests.services.recording_notifier import RecordingNotifier
from tests.services.sources.conftest import source_service

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def _badges(database: Database, clock: FrozenClock) -> tuple[dict[int, SourceBadge], str, str]:
    reads = ReadContext(database, clock, CalendarDefaults(), ConfidenceBands())
    home = HomeService(reads).home_for(ALICE)
    listing = OkrListService(reads).list_okrs(ALICE, ListQuery())
    listed = {kr.kr_id: kr.source for o in listing.objectives for kr in o.key_results}
    from_home = {kr.kr_id: kr.source for kr in home.key_results}
    assert listed == from_home
    badges = {kr_id: badge for kr_id, badge in from_home.items() if badge is not None}
    list_text = json.dumps(okr_list_messages(listing), ensure_ascii=False)
    return badges, json.dumps(home_view(home), ensure_ascii=False), list_text


def test_a_synced_then_failing_source_is_shown_on_home_and_in_the_list(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(MONDAY)
    sources = source_service(database, clock)
    sources.set_source(kr, HttpJsonSource(server.json("/n", {"n": 2}), "n", timedelta(minutes=5)))
    assert _badges(database, clock)[0] == {kr: SourceBadge(None)}

    clock.advance(minutes=10)
    sources.fetch_due()
    synced_at = clock.now()
    badges, home, listed = _badges(database, clock)
    assert badges == {kr: SourceBadge(synced_at)}
    assert "🔄 synced <!date^" in home and "🔄 synced <!date^" in listed

    server.serve("/n", Reply(status=503))
    for _ in range(3):
        clock.advance(minutes=10)
        sources.fetch_due()
    badges, home, listed = _badges(database, clock)
    assert badges[kr].failing and badges[kr].error == "HTTP 503"
    assert badges[kr].failing_since == synced_at + timedelta(minutes=10)
    assert "source failing since" in home and "HTTP 503" in listed


def test_the_digest_lists_a_failing_source_under_needs_attention(
    database: Database, server: SourceServer
) -> None:
    seeded = seed_quarter(database)
    clock = FrozenClock(MONDAY)
    sources = source_service(database, clock)
    url = server.serve("/n", Reply(status=503))
    sources.set_source(seeded.sessions_kr, HttpJsonSource(url, "n", timedelta(minutes=5)))
    for _ in range(3):
        clock.advance(minutes=10)
        sources.fetch_due()

    digest = DigestService(database, RecordingNotifier(), clock, DigestPolicy("UTC"))
    preview = digest.preview(LEAD)

    flagged = {kr.kr_id: kr for kr in preview.digest.needs_attention}
    assert Concern.SOURCE_FAILING in flagged[seeded.sessions_kr].concerns
    assert "data source failing: HTTP 503" in reasons(flagged[seeded.sessions_kr], 0.5)
