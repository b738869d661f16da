"""The set of services the Slack edge and the scheduler call into."""

from dataclasses import dataclass

from bot.services.away import AwayService
from bot.services.checkins import CheckinService
from bot.services.digest_subscriptions import SubscriptionService
from bot.services.digests import DigestService
from bot.services.home import HomeService
from bot.services.prompts import PromptService
from bot.services.settings_admin import SettingsService


@dataclass(frozen=True)
class Services:
    checkins: CheckinService
    prompts: PromptService
    home: HomeService
    away: AwayService
    digests: DigestService
    subscriptions: SubscriptionService
    settings: SettingsService
