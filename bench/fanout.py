"""Fan prompts out to many members against a fake Slack that enforces Slack's rate limits.

Run: python -m bench.fanout [--fresh] [--members N] [--speed 10] [--per-minute 100]
     python -m bench.fanout --replicas 3 [--database-url postgresql+psycopg://…] [--fresh]

The bot runs in its own process(es), as `okr-bot serve` would, on an accelerated clock; the
fake Slack Web API runs here, over real HTTP, answering 429 + Retry-After past a limit.
--fresh: no profile and no DM channel known yet, as on a first Monday.
--members N: runs N/5 and N members, showing time per member and peak memory side by side.
--replicas K: K processes share one PostgreSQL; the leader is killed half-way through.
"""

import argparse
import logging
import sys

from bench.fanout_figures import TARGET_RATIO, minutes, ratio_line
from bench.fanout_replicas import run_replicas
from bench.fanout_single import Run, run_single

DEFAULT_MEMBERS = 2000


def report(run: Run, *, fresh: bool) -> bool:
    state = "fresh: no profile, no DM channel known" if fresh else "profiles and DMs cached"
    print(f"members: {run.members} ({state})")
    print(f"total:      {minutes(run.took)} of Slack time ({run.wall:.1f} s wall)")
    print(ratio_line(run.took, run.floor))
    for line in run.deliveries.lines():
        print(line)
    growth = run.peak_rss_mb - run.rss_at_rest_mb
    print(
        f"memory:     peak {run.peak_rss_mb:.1f} MB ({run.rss_at_rest_mb:.1f} MB at rest, "
        f"+{growth:.1f} MB for the fan-out)"
    )
    d = run.deliveries
    return d.duplicates == 0 and d.lost == 0 and run.took <= TARGET_RATIO * run.floor


def scaling(small: Run, large: Run) -> None:
    per = [run.took / run.members for run in (small, large)]
    grow = [run.peak_rss_mb - run.rss_at_rest_mb for run in (small, large)]
    print(
        f"time linear:      {per[0]:.3f} s/member at {small.members}, {per[1]:.3f} s/member "
        f"at {large.members} (x{per[1] / per[0]:.2f} for x{large.members / small.members:g} "
        "members)"
    )
    print(
        f"peak memory flat: +{grow[0]:.1f} MB at {small.members}, +{grow[1]:.1f} MB at "
        f"{large.members} (peak {small.peak_rss_mb:.1f} MB vs {large.peak_rss_mb:.1f} MB)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__)
    parser.add_argument("--members", type=int, help=f"members (default {DEFAULT_MEMBERS})")
    parser.add_argument("--fresh", action="store_true", help="no profiles or DMs cached yet")
    parser.add_argument("--speed", type=float, default=10, help="clock speed-up (default 10)")
    parser.add_argument("--per-minute", type=int, default=100, help="workspace message limit")
    parser.add_argument("--replicas", type=int, help="processes sharing one PostgreSQL")
    parser.add_argument("--database-url", help="PostgreSQL for --replicas (default: throwaway)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    print("fake Slack: over real HTTP on loopback; limits enforced with 429 + Retry-After")
    print(
        f"limits: chat.postMessage {args.per_minute}/min per workspace and 1/s per DM; "
        "users.list 20/min (Tier 2), users.info 100/min, conversations.open 50/min"
    )
    print(f"clock: {args.speed:g}x faster than real time; the app paces at {args.per_minute}/min")
    members = args.members or DEFAULT_MEMBERS
    if args.replicas:
        ok = run_replicas(
            args.replicas,
            members,
            args.speed,
            args.per_minute,
            args.database_url,
            fresh=args.fresh,
        )
        return 0 if ok else 1
    sizes = [max(members // 5, 1), members] if args.members else [members]
    runs = [run_single(size, args.speed, args.per_minute, fresh=args.fresh) for size in sizes]
    ok = all([report(run, fresh=args.fresh) for run in runs])  # noqa: C419 -- report every run
    if len(runs) == 2:
        scaling(*runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
