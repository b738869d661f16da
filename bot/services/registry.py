"""The set of services the Slack edge and the scheduler call into."""

from dataclasses import dataclass

from bot.services.authoring import AuthoringService
from bot.services.authoring_choices import AuthoringChoiceService
from bot.services.away import AwayService
from bot.services.checkins import CheckinService
from bot.services.digest_subscriptions import SubscriptionService
from bot.services.digests import DigestService
from bot.services.event_deliveries import EventDeliveryService
from bot.services.home import HomeService
from bot.services.hypotheses import HypothesisService
from bot.services.learnings import LearningService
from bot.services.okr_export import ExportService
from bot.services.okr_list import OkrListService
from bot.services.prompts import PromptService
from bot.services.retro_answers import RetroAnswerService
from bot.services.retro_digests import RetroDigestService
from bot.services.retros import RetroService
from bot.services.settings_admin import SettingsService
from bot.services.settings_choices import SettingsChoiceService
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
    source_editor: SourceEditor
