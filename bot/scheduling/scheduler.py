"""A minute tick that runs every job's due work; missed runs are caught up from the database.

A job with work that may take a while (fetching key-result sources) ticks on its own entry."""

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from bot.db.engine import patient_waits
from bot.db.leadership import Leadership
from bot.scheduling.jobs import JOBS, Job
from bot.services.registry import Services

log = logging.getLogger(__name__)

TICK_SECONDS = 60
# Replicas started together would otherwise fetch sources at the same second.
OWN_TICK_JITTER_SECONDS = 10


def tick(services: Services, leadership: Leadership | None = None) -> None:
    """Run each job's due work; one job failing must not stop the others.

    With `leadership`, only while this replica leads: asked before each job, so a replica that
    lost its lock stops at once, even half-way through a tick. Without it (a manual run, a
    single process), always. Nobody waits on the tick, so it may wait for a busy database
    longer than a request."""
    with patient_waits():
        for job in JOBS:
            if not job.own_tick and not _run(job, services, leadership):
                return


def tick_one(job: Job, services: Services, leadership: Leadership | None = None) -> None:
    """A job on its own schedule entry: run only while this replica leads, as the tick does."""
    with patient_waits():
        _run(job, services, leadership)


def _run(job: Job, services: Services, leadership: Leadership | None) -> bool:
    """Run the job's due work; False when this replica does not lead (nothing was run)."""
    if leadership is not None and not leadership.check():
        return False
    try:
        outcome = job.tick(services)
    except Exception:
        log.exception("job %s failed; it will run again on the next tick", job.name)
        return True
    log.debug("job %s: %s", job.name, outcome)
    return True


def prepare(services: Services) -> None:
    """Before the first tick, read what it plans from, so that it only acts on who is due;
    if that read fails, the first tick reads it instead."""
    try:
        with patient_waits():
            services.prompts.prepare()
    except Exception:
        log.exception("reading the prompt plan failed; the first tick will read it")


def start_scheduler(
    services: Services, leadership: Leadership | None = None, seconds: int = TICK_SECONDS
) -> BackgroundScheduler:
    """Start ticking now and every `seconds`; the jobstore is memory, never shared across
    processes. Every replica ticks; `leadership` decides which one does the work."""
    prepare(services)
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        tick,
        "interval",
        seconds=seconds,
        args=[services, leadership],
        id="tick",
        coalesce=True,
        max_instances=1,
        # The first tick runs at once, so prompts due while the bot was down go out on start.
        next_run_time=datetime.now(UTC),
    )
    for job in JOBS:
        if job.own_tick:
            scheduler.add_job(
                tick_one,
                "interval",
                seconds=seconds,
                jitter=OWN_TICK_JITTER_SECONDS,
                args=[job, services, leadership],
                id=job.name,
                coalesce=True,
                max_instances=1,
            )
    scheduler.start()
    return scheduler
