"""The named jobs the scheduler ticks and `okr-bot jobs run NAME` runs now."""

from collections.abc import Callable
from dataclasses import dataclass

from bot.services.registry import Services


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    run_now: Callable[[Services], str]
    tick: Callable[[Services], str]
    # Run on a schedule entry of its own, so its slow work never holds up the minute tick.
    own_tick: bool = False


JOBS = (
    # First, so that on a fresh start the zones are known before anyone's prompt is due.
    Job(
        "profiles",
        "read members' names, time zones and admin and deactivated flags from Slack's member "
        "list, 200 a page (on start, then weekly; a paused walk resumes)",
        run_now=lambda services: services.profiles.walk().describe(),
        tick=lambda services: services.profiles.walk_if_due().describe(),
    ),
    Job(
        "checkin-prompts",
        "send this period's check-in prompt to every key-result owner it has not reached "
        "(never sent, failed, or recorded missed while the bot was down)",
        run_now=lambda services: services.prompts.send_due_prompts(force=True).describe(),
        tick=lambda services: services.prompts.send_due_prompts().describe(),
    ),
    Job(
        "reminders",
        "remind members whose prompt is a day old and unanswered, within their working hours",
        run_now=lambda services: services.prompts.send_due_reminders().describe(),
        tick=lambda services: services.prompts.send_due_reminders().describe(),
    ),
    Job(
        "digests",
        "post this week's digest to every team channel that has not had it "
        "(failed and skipped ones included)",
        run_now=lambda services: services.digests.post_due(force=True).describe(),
        tick=lambda services: services.digests.post_due().describe(),
    ),
    Job(
        "retros",
        "start the retros of closed cycles, ask and remind people, post retro digests",
        run_now=lambda services: _retros(services, force=True),
        tick=lambda services: _retros(services, force=False),
    ),
    Job(
        "sources",
        "fetch every key result's data source now (the scheduler fetches each when it is due) "
        "and tell owners of sources that broke or recovered",
        run_now=lambda services: services.source_sync.run(force=True),
        tick=lambda services: services.source_sync.run(),
        own_tick=True,
    ),
)


def _retros(services: Services, *, force: bool) -> str:
    asked = services.retros.run_due(force=force).describe()
    return f"{asked}; {services.retro_digests.post_due().describe()}"


def find_job(name: str) -> Job | None:
    return next((job for job in JOBS if job.name == name), None)
