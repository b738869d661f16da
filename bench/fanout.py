"""Fan prompts out to many members against a fake Slack that enforces the rate limits.

Run: python -m bench.fanout [--members 2000] [--speed 60] [--per-minute 100] [--cold]
     [--app-per-minute N]   (an app set faster than Slack allows: shows 429s being re-queued)
"""

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.accelerated_clock import AcceleratedClock
from bot.db.engine import Database
from bot.db.models import Cycle, KeyResult, Member, Objective, Team, metadata
from bot.services.checkins.prompts import PromptPolicy, PromptService
from bot.slack.notifier import SlackNotifier
from bot.slack.sender import PacedSender, SlackLimits
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_limits import EnforcedLimits

MONDAY_TEN_UTC = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)  # prompt time for members in UTC
TARGET_RATIO = 1.2


def seed(database: Database, members: int, *, cached_dms: bool) -> list[str]:
    """One cycle, team and objective; each member owns one KR, with a profile fetched today."""
    user_ids = [f"U{n:08d}" for n in range(members)]
    with database.transaction() as session:
        cycle = Cycle(name="2026-Q4", start_date=date(2026, 10, 1), end_date=date(2026, 12, 31))
        team = Team(name="Everyone", channel_id="C0EVERYONE")
        session.add_all([cycle, team])
        session.flush()
        assert cycle.id is not None and team.id is not None
        objective = Objective(cycle_id=cycle.id, team_id=team.id, title="Fans watch more")
        session.add(objective)
        fetched = MONDAY_TEN_UTC - timedelta(days=1)
        rows = [
            Member(
                slack_user_id=user,
                timezone="UTC",
                profile_fetched_at=fetched,
                dm_channel_id=f"D{user}" if cached_dms else None,
            )
            for user in user_ids
        ]
        session.add_all(rows)
        session.flush()
        assert objective.id is not None
        session.add_all(
            KeyResult(
                objective_id=objective.id,
                owner_id=row.id,
                title=f"Weekly viewers of {row.slack_user_id}",
            )
            for row in rows
            if row.id is not None
        )
    return user_ids


def run(members: int, speed: float, per_minute: int, app_per_minute: int, *, cold: bool) -> bool:
    clock = AcceleratedClock(MONDAY_TEN_UTC, speed)
    slack_limits = EnforcedLimits(messages_per_minute=per_minute)
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeSlackApi(validate_blocks=False, limits=slack_limits, timer=clock) as fake,
    ):
        database = Database.from_url(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        metadata.create_all(database.engine)
        users = seed(database, members, cached_dms=not cold)
        sender = PacedSender(clock, SlackLimits(messages_per_minute=app_per_minute))
        notifier = SlackNotifier(fake.client(), sender)
        prompts = PromptService(database, notifier, clock, PromptPolicy(), clock)

        wall, started = time.perf_counter(), clock.monotonic()
        report = prompts.send_due_prompts()
        took, wall = clock.monotonic() - started, time.perf_counter() - wall
        database.dispose()

        posts = Counter(c.body["channel"] for c in fake.calls_to("chat.postMessage") if c.ok)
        opens = len(fake.calls_to("conversations.open")) if cold else 0
        floor = slack_limits.floor_seconds(members, opens=members if cold else 0)
        duplicates = sum(count - 1 for count in posts.values())
        lost = sum(1 for user in users if posts[f"D{user}"] == 0)
        ratio = took / floor if floor else float("inf")
        rejected = fake.limiter.rejected if fake.limiter else 0

    dms = "not cached: conversations.open first" if cold else "cached"
    print(
        "fake Slack: in-process, over real HTTP on loopback; limits enforced with 429 + Retry-After"
    )
    print(
        f"limits: chat.postMessage {per_minute}/min per workspace and 1/s per channel, "
        f"Tier 3 {slack_limits.tier3_per_minute:g}/min, bursts of {slack_limits.burst}"
    )
    print(f"the app paces chat.postMessage at {app_per_minute}/min")
    print(f"clock: {speed:g}x faster than real time; database: SQLite file; DM channels: {dms}")
    print(f"members: {members}, profiles fetched within the week (no users.info)")
    print(f"total:      {_minutes(took)} of Slack time ({wall:.1f} s wall)")
    print(f"floor:      {_minutes(floor)}  → {ratio:.3f}x the floor (target ≤ {TARGET_RATIO}x)")
    print(f"sent:       {sum(posts.values())} messages ({len(report.sent)} reported sent)")
    print(f"duplicates: {duplicates}")
    print(f"losses:     {lost}")
    print(f"429s:       {rejected} (re-queued and sent later); conversations.open: {opens}")
    if report.failed:
        print(f"failed:     {len(report.failed)} {sorted(set(report.failed.values()))}")
    return duplicates == 0 and lost == 0 and ratio <= TARGET_RATIO


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds, 1), 60)
    return f"{int(minutes)} min {rest:04.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--speed", type=float, default=60, help="clock speed-up (default 60)")
    parser.add_argument("--per-minute", type=int, default=100, help="workspace message limit")
    parser.add_argument("--app-per-minute", type=int, help="the app's own pace (default: same)")
    parser.add_argument("--cold", action="store_true", help="no DM channel cached yet")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    app_per_minute = args.app_per_minute or args.per_minute
    ok = run(args.members, args.speed, args.per_minute, app_per_minute, cold=args.cold)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
