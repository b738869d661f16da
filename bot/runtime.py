"""The one place that wires settings, database, services, Slack app and scheduler together."""

from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.db.engine import Database
from bot.domain.progress import ConfidenceBands
from bot.domain.working_hours import WorkingHours
from bot.services.checkins.away import AwayService
from bot.services.checkins.home import HomeService
from bot.services.checkins.prompts import PromptPolicy, PromptService
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.digests.service import DigestPolicy, DigestService
from bot.services.digests.subscriptions import SubscriptionService
from bot.services.event_deliveries import EventDeliveryService
from bot.services.members import CalendarDefaults
from bot.services.okr_file.export import ExportService
from bot.services.okrs.authoring import AuthoringService
from bot.services.okrs.authoring_choices import AuthoringChoiceService
from bot.services.okrs.hypotheses import HypothesisService
from bot.services.okrs.learnings import LearningService
from bot.services.okrs.listing import OkrListService
from bot.services.permissions import Authority
from bot.services.ports import Clock, SystemClock, SystemTimer, Timer
from bot.services.profiles import ProfileDirectory
from bot.services.reading import ReadContext
from bot.services.registry import Services
from bot.services.retros.answers import RetroAnswerService
from bot.services.retros.digests import RetroDigestService
from bot.services.retros.requests import RetroPolicy, RetroService
from bot.services.settings.admin import SettingsService
from bot.services.settings.choices import SettingsChoiceService
from bot.services.settings.prefs import PrefsService
from bot.services.sources.addresses import HostPolicy
from bot.services.sources.editing import SourceEditor
from bot.services.sources.fetcher import SourceFetcher
from bot.services.sources.recording import CheckinRecorder
from bot.services.sources.service import SourceService
from bot.services.sources.sync import SourceSync
from bot.settings import Settings
from bot.slack.app import build_app, make_client, make_job_client
from bot.slack.delivery.notifier import SlackNotifier
from bot.slack.delivery.retro_notifier import SlackRetroNotifier
from bot.slack.delivery.roles import SlackRoleCheck
from bot.slack.delivery.sender import PacedSender, SlackLimits
from bot.slack.delivery.source_notifier import SlackSourceNotifier


@dataclass
class Runtime:
    settings: Settings
    database: Database
    client: WebClient  # the listeners'; the services' notifiers have their own (make_job_client)
    services: Services
    sender: PacedSender

    def slack_app(self, *, verify_token: bool = True) -> App:
        return build_app(
            self.services,
            self.client,
            self.settings.slack_signing_secret,
            listener_threads=self.settings.okr_http_threads,
            verify_token=verify_token,
            sender=self.sender,
        )

    def close(self) -> None:
        self.database.dispose()


@dataclass(frozen=True)
class _Shared:
    """What several services are built from, made once."""

    database: Database
    clock: Clock
    timer: Timer
    defaults: CalendarDefaults
    bands: ConfidenceBands
    hours: WorkingHours
    authority: Authority
    notifier: SlackNotifier


def build_services(
    database: Database,
    client: WebClient,
    settings: Settings,
    clock: Clock,
    timer: Timer | None = None,
    sender: PacedSender | None = None,
) -> Services:
    timer = timer or SystemTimer()
    sender = sender or make_sender(settings, timer)
    # Admin rights are checked with Slack each time they matter, never from a stored flag.
    authority = Authority(database, SlackRoleCheck(client, sender, timer))
    defaults = CalendarDefaults(settings.okr_default_timezone)
    shared = _Shared(
        database,
        clock,
        timer,
        defaults,
        ConfidenceBands(),
        settings.working_hours(),
        authority,
        SlackNotifier(client, sender),
    )
    retro_notifier = SlackRetroNotifier(client, sender)
    policy = RetroPolicy(shared.defaults, shared.bands, shared.hours)
    return Services(
        **_checkin_services(shared),
        **_okr_services(shared, settings),
        retros=RetroService(database, retro_notifier, clock, policy),
        retro_answers=RetroAnswerService(database, clock, defaults, authority),
        retro_digests=RetroDigestService(database, retro_notifier, clock),
        settings=SettingsService(database, clock, authority),
        settings_choices=SettingsChoiceService(database, authority),
        deliveries=EventDeliveryService(database, clock),
        **_source_services(shared, settings, SlackSourceNotifier(client, sender)),
        profiles=ProfileDirectory(database, shared.notifier, clock),
        prefs=PrefsService(database, defaults, shared.hours),
    )


def _source_services(
    shared: _Shared, settings: Settings, notifier: SlackSourceNotifier
) -> dict[str, Any]:
    database, clock = shared.database, shared.clock
    sources = build_source_service(database, settings, clock, shared.timer)
    return {
        "sources": sources,
        "source_sync": SourceSync(database, sources, notifier),
        "source_editor": SourceEditor(sources, shared.authority, clock),
    }


def _checkin_services(shared: _Shared) -> dict[str, Any]:
    database, clock, defaults, bands = shared.database, shared.clock, shared.defaults, shared.bands
    policy = CheckinPolicy(defaults, bands, shared.hours)
    prompt_policy = PromptPolicy(defaults, bands, shared.hours)
    return {
        "checkins": CheckinService(database, clock, policy, shared.authority),
        "prompts": PromptService(database, shared.notifier, clock, prompt_policy, shared.timer),
        "home": HomeService(ReadContext(database, clock, defaults, bands)),
        "away": AwayService(database, clock, defaults),
    }


def _okr_services(shared: _Shared, settings: Settings) -> dict[str, Any]:
    database, clock, authority = shared.database, shared.clock, shared.authority
    reads = ReadContext(database, clock, shared.defaults, shared.bands)
    digest_policy = DigestPolicy(settings.okr_default_timezone, bands=shared.bands)
    return {
        "digests": DigestService(database, shared.notifier, clock, digest_policy, authority),
        "subscriptions": SubscriptionService(database, authority),
        "authoring": AuthoringService(database, clock, authority),
        "authoring_choices": AuthoringChoiceService(database, clock, authority),
        "okr_list": OkrListService(reads),
        "exports": ExportService(reads),
        "hypotheses": HypothesisService(database, clock, shared.bands, authority),
        "learnings": LearningService(database),
    }


def build_source_service(
    database: Database, settings: Settings, clock: Clock, timer: Timer | None = None
) -> SourceService:
    """Key-result sources: fetched within OKR_SOURCE_HOSTS, values recorded as check-ins."""
    return SourceService(
        database,
        clock,
        SourceFetcher(HostPolicy(settings.source_hosts())),
        record_value=CheckinRecorder(CalendarDefaults(settings.okr_default_timezone)),
        timer=timer,
    )


def make_sender(settings: Settings, timer: Timer) -> PacedSender:
    """The one sender of the process: the fan-out and the listeners share its limits."""
    return PacedSender(
        timer, SlackLimits(messages_per_minute=settings.okr_slack_messages_per_minute)
    )


def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    """Everything the bot needs; the caller has already checked the Slack settings."""
    # One connection per listener thread, and one for the scheduler's tick.
    database = Database.from_url(settings.database_url, settings.okr_http_threads + 1)
    token = settings.slack_bot_token or ""
    client = make_client(token, settings.slack_api_url)
    # Scheduled work retries Slack's passing failures with a backoff; listeners never wait.
    job_client = make_job_client(token, settings.slack_api_url)
    timer = SystemTimer()
    sender = make_sender(settings, timer)
    services = build_services(database, job_client, settings, clock or SystemClock(), timer, sender)
    return Runtime(settings, database, client, services, sender)
