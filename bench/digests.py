"""Builds and renders every team digest of a 50-team, 2,000-KR, 13-week workspace.

Run: .venv/bin/python -m bench.digests [--database-url URL]
Prints the SQL statements and the time per team digest (build + render).
"""

import statistics
import time

from sqlalchemy import event

from bench.workspace import DigestClock, build_workspace, run_on_database
from bot.db.engine import Database
from bot.db.models import metadata
from bot.services.checkins.results import PromptCard
from bot.services.digests.results import TeamDigest
from bot.services.digests.service import DigestPolicy, DigestService
from bot.services.ports import DigestDelivery, DigestProblem, PostedMessage, SlackProfile
from bot.slack.render.digest import digest_messages

TEAMS, KEY_RESULTS, WEEKS = 50, 2_000, 13
SMALL, LARGE = 10, 200
TARGET_MS = 100.0


class _NoSlack:
    """The bench renders but never posts; the service needs a notifier all the same."""

    def profile(self, slack_user_id: str) -> SlackProfile:
        raise NotImplementedError

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        raise NotImplementedError

    def post_digest(self, channel_id: str, digest: TeamDigest) -> DigestDelivery:
        raise NotImplementedError

    def send_digest_problem(self, channel_id: str, problem: DigestProblem) -> None:
        raise NotImplementedError


def team_sizes() -> list[int]:
    """A 10-KR and a 200-KR team, and the other KRs spread evenly over the other teams."""
    rest, teams = KEY_RESULTS - SMALL - LARGE, TEAMS - 2
    return [SMALL, LARGE] + [rest // teams + (i < rest % teams) for i in range(teams)]


def main() -> None:
    run_on_database(__doc__, run)


def run(database: Database) -> None:
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    started = time.perf_counter()
    names = build_workspace(database, team_sizes(), WEEKS)
    print(
        f"workspace: {len(names)} teams, {KEY_RESULTS} KRs, {WEEKS} weeks of check-ins "
        f"({database.dialect}), built in {time.perf_counter() - started:.1f} s"
    )
    statements: list[str] = []
    event.listen(database.engine, "before_cursor_execute", lambda *a: statements.append(str(a[2])))
    service = DigestService(database, _NoSlack(), DigestClock(), DigestPolicy())
    service.preview("U000000000", names[0])  # first use: connections and statement caches
    timings, counts, sizes = [], [], []
    for index, name in enumerate(names):
        lead = f"U{index:04d}{0:05d}"
        statements.clear()
        began = time.perf_counter()
        digest = service.preview(lead, name).digest
        messages = digest_messages(digest)
        timings.append((time.perf_counter() - began) * 1000)
        counts.append(len(statements))
        sizes.append((len(digest.key_results), 1 + len(messages.replies)))
    print(f"SQL statements per team digest: min {min(counts)}, max {max(counts)}")
    print(
        f"  at {sizes[0][0]} KRs: {counts[0]} statements; at {sizes[1][0]} KRs: {counts[1]} "
        f"statements -> {'constant' if counts[0] == counts[1] else 'GROWS with the KRs'}"
    )
    print(
        f"time per team digest (build + render): mean {statistics.mean(timings):.1f} ms, "
        f"p95 {statistics.quantiles(timings, n=20)[-1]:.1f} ms, max {max(timings):.1f} ms"
    )
    print(
        f"  at {sizes[1][0]} KRs: {timings[1]:.1f} ms in {sizes[1][1]} message(s) "
        f"(target under {TARGET_MS:.0f} ms: {'met' if max(timings) < TARGET_MS else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
