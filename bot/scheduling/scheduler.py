"""A minute tick that runs every job's due work; missed runs are caught up from the database."""

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from bot.db.engine import patient_waits
from bot.scheduling.jobs import JOBS
from bot.services.registry import Services

log = logging.getLogger(__name__)

TICK_SECONDS = 60


def tick(services: Services) -> None:
    """Run each job's due work; one job failing must not stop the others.

    Nobody waits on the tick, so it may wait for a busy database longer than a request."""
    with patient_waits():
        for job in JOBS:
            try:
                outcome = job.tick(services)
            except Exception:
                log.exception("job %s failed; it will run again on the next tick", job.name)
                continue
            log.debug("job %s: %s", job.name, outcome)


def start_scheduler(services: Services) -> BackgroundScheduler:
    """Start ticking now and every minute; the jobstore is memory, never shared across processes."""
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        tick,
        "interval",
        seconds=TICK_SECONDS,
        args=[services],
        id="tick",
        coalesce=True,
        max_instances=1,
        # The first tick runs at once, so prompts due while the bot was down go out on start.
        next_run_time=datetime.now(UTC),
    )
    scheduler.start()
    return scheduler
