"""The set of services the Slack edge and the scheduler call into."""

from dataclasses import dataclass

from bot.services.checkins.away import AwayService
from bot.services.checkins.home import HomeService
from bot.services.checkins.prompts import PromptService
from bot.services.checkins.service import CheckinService
from bot.services.digests.service import DigestService
from bot.services.digests.subscriptions import SubscriptionService
from bot.services.event_deliveries import EventDeliveryService
from bot.services.okr_file.export import ExportService
from bot.services.okrs.authoring import AuthoringService
from bot.services.okrs.authoring_choices import AuthoringChoiceService
from bot.services.okrs.hypotheses import HypothesisService
from bot.services.okrs.learnings import LearningService
from bot.services.okrs.listing import OkrListService
from bot.services.profiles import ProfileDirectory
from bot.services.retros.answers import RetroAnswerService
from bot.services.retros.digests import RetroDigestService
from bot.services.retros.requests import RetroService
from bot.services.settings.admin import SettingsService
from bot.services.settings.choices import SettingsChoiceService
from bot.services.settings.prefs import PrefsService
from bot.services.sources.editing import SourceEditor
from bot.services.sources.service import SourceService
from bot.services.sources.sync import SourceSync


@dataclass(frozen=True)
class Services:
    checkins: CheckinService
    prompts: PromptService
    home: HomeService
    away: AwayService
    digests: DigestService
    subscriptions: SubscriptionService
    authoring: AuthoringService
    authoring_choices: AuthoringChoiceService
    okr_list: OkrListService
    exports: ExportService
    retros: RetroService
    retro_answers: RetroAnswerService
    retro_digests: RetroDigestService
    hypotheses: HypothesisService
    learnings: LearningService
    settings: SettingsService
    settings_choices: SettingsChoiceService
    deliveries: EventDeliveryService
    sources: SourceService
    source_sync: SourceSync
    profiles: ProfileDirectory
    prefs: PrefsService
    source_editor: SourceEditor
