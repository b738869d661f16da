"""Fixtures for Slack flows: a seeded quarter, a frozen Wednesday, the harness."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.db.engine import Database
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, BOB, Seeded, seed_quarter
from tests.slack.channel_posts import quiet_channels as quiet_channels
from tests.slack.harness import SlackHarness, slack_harness

MONDAY_NOON = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)  # 2026-W47


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


@pytest.fixture
def slack(database: Database, seeded: Seeded) -> Iterator[SlackHarness]:
    with slack_harness(database, FrozenClock(MONDAY_NOON)) as harness:
        harness.fake.set_user(ALICE, tz="Europe/Berlin")
        harness.fake.set_user(BOB, tz="America/New_York")
        yield harness
