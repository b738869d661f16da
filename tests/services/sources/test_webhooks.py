"""Pushed values: hashed tokens, refused tokens and bodies, repeated ids, a shared rate limit."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import KRSource, SourcePush
from bot.domain.errors import NotFound
from bot.domain.source_pushes import PUSH_BURST, PUSH_REFILL
from bot.domain.sources import HttpJsonSource, SourceKind, WebhookSource
from bot.services.sources.pushing import PUSH_ID_RETENTION
from bot.services.sources.results import PushResult, PushStatus, SourceReading
from bot.services.sources.service import SourceService
from bot.services.sources.tokens import bearer_token, new_token, token_matches
from tests.fakes.clock import FrozenClock
from tests.seed import Seeded, seed_quarter
from tests.services.sources.conftest import Readings, on_two_replicas, source_service

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def hooked(database: Database, seeded: Seeded) -> tuple[SourceService, FrozenClock, str, Readings]:
    """A service whose sessions KR has a webhook source and a token."""
    clock, readings = FrozenClock(T0), Readings()
    sources = source_service(database, clock, record_value=readings)
    sources.set_source(seeded.sessions_kr, WebhookSource())
    return sources, clock, sources.issue_token(seeded.sessions_kr), readings


def test_a_token_is_shown_once_and_only_its_hash_is_kept(
    database: Database, seeded: Seeded
) -> None:
    _, _, token, _ = hooked(database, seeded)

    assert token.startswith("okr_kr_") and len(token) >= 7 + 43
    with database.read() as session:
        rows = session.exec(select(KRSource)).all()
    assert [row.token_hash for row in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in repr(rows)
    assert new_token() != new_token()


def test_a_pushed_value_is_recorded_as_the_source_s_value(
    database: Database, seeded: Seeded
) -> None:
    sources, clock, token, readings = hooked(database, seeded)
    kr = seeded.sessions_kr

    first = sources.push(f"KR-{kr}", token, b'{"value": 45}')
    clock.advance(hours=2)
    second = sources.push(f"kr{kr}", token, b'{"value": 47.5, "id": "run-812"}')

    assert first == PushResult(PushStatus.ACCEPTED, f"KR-{kr} is now 45")
    assert second.status is PushStatus.ACCEPTED
    assert readings == [
        SourceReading(kr, 45.0, T0, None, SourceKind.WEBHOOK),
        SourceReading(kr, 47.5, T0 + timedelta(hours=2), 45.0, SourceKind.WEBHOOK),
    ]
    state = sources.source_of(kr)
    assert state is not None and state.has_token
    assert (state.health.last_value, state.health.last_success_at) == (47.5, clock.now())


@pytest.mark.parametrize(
    ("reference", "token"),
    [
        ("KR-1", None),
        ("KR-1", ""),
        ("KR-1", "okr_kr_wrong"),
        ("KR-99", "TOKEN"),  # no such key result
        ("KR-2", "TOKEN"),  # a key result with no webhook
        ("O-1", "TOKEN"),
        ("twelve", "TOKEN"),
    ],
)
def test_a_wrong_token_or_a_key_result_without_a_webhook_look_the_same(
    database: Database, seeded: Seeded, reference: str, token: str | None
) -> None:
    sources, _, real_token, readings = hooked(database, seeded)
    given = real_token if token == "TOKEN" else token

    result = sources.push(reference, given, b"not even json")

    assert result == PushResult(PushStatus.UNAUTHORIZED, "unknown key result or wrong token")
    assert readings == []


def test_a_token_of_another_key_result_does_not_open_this_one(
    database: Database, seeded: Seeded
) -> None:
    sources, _, token, _ = hooked(database, seeded)
    sources.set_source(seeded.bob_kr, WebhookSource())
    sources.issue_token(seeded.bob_kr)

    assert sources.push(f"KR-{seeded.bob_kr}", token, b'{"value": 1}').status is (
        PushStatus.UNAUTHORIZED
    )


def test_a_new_token_replaces_the_old_one(database: Database, seeded: Seeded) -> None:
    sources, _, old, _ = hooked(database, seeded)
    new = sources.issue_token(seeded.sessions_kr)
    kr = f"KR-{seeded.sessions_kr}"

    assert sources.push(kr, old, b'{"value": 1}').status is PushStatus.UNAUTHORIZED
    assert sources.push(kr, new, b'{"value": 1}').status is PushStatus.ACCEPTED


def test_a_bad_body_names_its_field_and_changes_nothing(database: Database, seeded: Seeded) -> None:
    sources, _, token, readings = hooked(database, seeded)
    kr = f"KR-{seeded.sessions_kr}"

    assert sources.push(kr, token, b'{"value": "high"}') == PushResult(
        PushStatus.BAD_REQUEST, "value: must be a number", field="value"
    )
    assert sources.push(kr, token, b'{"value": 1, "idd": "x"}').field == "idd"
    assert sources.push(kr, token, b"{").field == "body"
    assert readings == []


def test_the_same_id_twice_changes_nothing(database: Database, seeded: Seeded) -> None:
    sources, clock, token, readings = hooked(database, seeded)
    kr = f"KR-{seeded.sessions_kr}"

    assert sources.push(kr, token, b'{"value": 10, "id": "a"}').status is PushStatus.ACCEPTED
    clock.advance(hours=1)
    repeat = sources.push(kr, token, b'{"value": 99, "id": "a"}')

    assert repeat == PushResult(PushStatus.DUPLICATE, "this id was pushed before: no change")
    assert [reading.value for reading in readings] == [10.0]
    state = sources.source_of(seeded.sessions_kr)
    assert state is not None and state.health.last_value == 10.0


def test_ids_are_forgotten_after_a_week(database: Database, seeded: Seeded) -> None:
    sources, clock, token, _ = hooked(database, seeded)
    kr = f"KR-{seeded.sessions_kr}"
    sources.push(kr, token, b'{"value": 10, "id": "a"}')
    clock.advance(seconds=(PUSH_ID_RETENTION + timedelta(minutes=1)).total_seconds())

    sources.push(kr, token, b'{"value": 11, "id": "b"}')

    with database.read() as session:
        assert session.exec(select(SourcePush.push_id)).all() == ["b"]
    assert sources.push(kr, token, b'{"value": 12, "id": "a"}').status is PushStatus.ACCEPTED


def test_too_many_pushes_are_refused_until_the_allowance_refills(
    database: Database, seeded: Seeded
) -> None:
    sources, clock, token, readings = hooked(database, seeded)
    kr = f"KR-{seeded.sessions_kr}"
    statuses = [sources.push(kr, token, b'{"value": %d}' % n).status for n in range(PUSH_BURST)]

    refused = sources.push(kr, token, b'{"value": 100, "id": "late"}')

    assert statuses == [PushStatus.ACCEPTED] * PUSH_BURST
    assert refused == PushResult(
        PushStatus.RATE_LIMITED, "too many pushes", retry_after=PUSH_REFILL
    )
    clock.advance(seconds=PUSH_REFILL.total_seconds())
    # The refused push left no trace: its id is accepted once there is room.
    assert sources.push(kr, token, b'{"value": 100, "id": "late"}').status is PushStatus.ACCEPTED
    assert len(readings) == PUSH_BURST + 1


def test_the_rate_limit_holds_across_replicas(database: Database, seeded: Seeded) -> None:
    _, clock, token, _ = hooked(database, seeded)
    kr = f"KR-{seeded.sessions_kr}"

    def push_many(sources: SourceService) -> list[PushStatus]:
        return [sources.push(kr, token, b'{"value": %d}' % n).status for n in range(PUSH_BURST)]

    first, second = on_two_replicas(database, clock, push_many)
    results = first + second

    assert results.count(PushStatus.ACCEPTED) == PUSH_BURST
    assert results.count(PushStatus.RATE_LIMITED) == PUSH_BURST


def test_a_token_is_issued_only_for_a_webhook_source(database: Database, seeded: Seeded) -> None:
    sources = source_service(database, FrozenClock(T0))
    sources.set_source(seeded.churn_kr, HttpJsonSource("https://fans.example.com/x", "v"))

    for kr in (seeded.launch_kr, seeded.churn_kr):
        with pytest.raises(NotFound, match=rf"KR-{kr} has no webhook source"):
            sources.issue_token(kr)


def test_changing_a_webhook_source_elsewhere_drops_its_token(
    database: Database, seeded: Seeded
) -> None:
    sources, _, token, _ = hooked(database, seeded)
    kr = seeded.sessions_kr

    sources.set_source(kr, HttpJsonSource("https://fans.example.com/x", "v"))
    sources.set_source(kr, WebhookSource())

    assert sources.push(f"KR-{kr}", token, b'{"value": 1}').status is PushStatus.UNAUTHORIZED


def test_bearer_tokens_and_constant_time_matching() -> None:
    token = new_token()
    stored = hashlib.sha256(token.encode()).hexdigest()

    assert bearer_token(f"Bearer {token}") == token
    assert bearer_token(f"bearer   {token} ") == token
    assert bearer_token(f"Basic {token}") is None
    assert bearer_token("Bearer") is None
    assert bearer_token(None) is None
    assert token_matches(token, stored)
    assert not token_matches(token + "x", stored)
    assert not token_matches("é" * 40, stored)
    assert not token_matches(token, None)
    assert not token_matches(None, stored)
    assert not token_matches("", hashlib.sha256(b"").hexdigest())
