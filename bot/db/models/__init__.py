"""Every table of OKR Bot, one module per family; times are aware UTC, dates calendar dates."""

from bot.db.models.checkins import CheckIn, CheckInVersion, Prompt
from bot.db.models.columns import UTCDateTime, metadata
from bot.db.models.digests import Digest, DigestSubscription
from bot.db.models.events import SlackEventClaim
from bot.db.models.okrs import Cycle, Hypothesis, KeyResult, KRContributor, Learning, Objective
from bot.db.models.people import Member, Team, TeamMember, WorkspaceSettings
from bot.db.models.retros import Retro, RetroAnswer, RetroRequest
from bot.db.models.sources import KRSource, SourcePush

__all__ = [
    "CheckIn",
    "CheckInVersion",
    "Cycle",
    "Digest",
    "DigestSubscription",
    "Hypothesis",
    "KRContributor",
    "KRSource",
    "KeyResult",
    "Learning",
    "Member",
    "Objective",
    "Prompt",
    "Retro",
    "RetroAnswer",
    "RetroRequest",
    "SlackEventClaim",
    "SourcePush",
    "Team",
    "TeamMember",
    "UTCDateTime",
    "WorkspaceSettings",
    "metadata",
]
