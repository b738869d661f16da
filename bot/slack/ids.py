"""Every action_id, block_id, callback_id and option value, shared by renderers and forms."""

from enum import StrEnum

# What a modal's inputs hold, by block id: what a renderer fills in and a form reads back.
Prefill = dict[str, str | list[str]]


class Action(StrEnum):
    CHECK_IN = "checkin.open"
    NO_CHANGE = "checkin.no_change"
    SNOOZE = "checkin.snooze"
    AWAY = "checkin.away"
    HOME_CHECK_IN = "home.checkin"
    HOME_HISTORY = "home.history"
    HOME_PREFS = "home.prefs"
    DRAFT_TITLE = "draft.title"
    DRAFT_ADD_KR = "draft.add_kr"
    SOURCE_TEST = "source.test"


class Callback(StrEnum):
    CHECKIN_MODAL = "checkin.modal"
    AWAY_MODAL = "away.modal"
    PREFS_MODAL = "prefs.modal"
    NEW_OBJECTIVE = "draft.new_objective"
    EDIT_OBJECTIVE = "draft.edit_objective"
    EDIT_KEY_RESULT = "draft.edit_kr"


AWAY_DATE_BLOCK = "away.until"
AWAY_DATE_ACTION = "away.date"


def snooze_value(period: str, choice: str) -> str:
    """A snooze option carries its period, as a button would: `2026-W47|2h`."""
    return f"{period}|{choice}"


def parse_snooze_value(value: str) -> tuple[str, str]:
    period, _, choice = value.partition("|")
    return period, choice


class Field(StrEnum):
    """The inputs of one key result in the check-in modal; block ids are `kr:<id>:<field>`."""

    VALUE = "value"
    CONFIDENCE = "confidence"
    NOTE = "note"
    BLOCKER = "blocker"


# The value of the *Done* checkbox a milestone key result shows instead of a number.
DONE = "done"


def kr_block_id(kr_id: int, field: Field) -> str:
    return f"kr:{kr_id}:{field.value}"


def parse_kr_block_id(block_id: str) -> tuple[int, Field] | None:
    """The KR id and field of a check-in input block, or None for any other block."""
    parts = block_id.split(":")
    if len(parts) != 3 or parts[0] != "kr" or not parts[1].isdigit():
        return None
    try:
        return int(parts[1]), Field(parts[2])
    except ValueError:
        return None


# Authoring modals: block ids are `draft.o.<field>` for the objective and
# `draft.kr<n>.<field>` for the n-th key result of the form; action ids `draft.<field>`.
DRAFT_FEEDBACK = "feedback"
# The key-result edit modal's *Archive* checkbox: its field and its one option's value.
ARCHIVE = "archive"
ARCHIVE_YES = "yes"


def draft_block_id(field: str, kr_index: int | None = None) -> str:
    owner = "o" if kr_index is None else f"kr{kr_index}"
    return f"draft.{owner}.{field}"


def parse_draft_block_id(block_id: str) -> tuple[str, int | None] | None:
    """The field and key-result index (None: the objective) of an authoring block."""
    parts = block_id.split(".")
    if len(parts) != 3 or parts[0] != "draft":
        return None
    if parts[1] == "o":
        return parts[2], None
    if parts[1].startswith("kr") and parts[1][2:].isdigit():
        return parts[2], int(parts[1][2:])
    return None


def draft_action_id(field: str) -> str:
    return f"draft.{field}"


class RetroAction(StrEnum):
    START = "retro.start"
    HYPOTHESIS_VALIDATED = "hypothesis.validated"
    HYPOTHESIS_INVALIDATED = "hypothesis.invalidated"


class RetroCallback(StrEnum):
    RETRO_MODAL = "retro.modal"
    HYPOTHESIS_MODAL = "hypothesis.modal"
    HYPOTHESIS_RESULT_MODAL = "hypothesis.result"


class RetroField(StrEnum):
    """Inputs of the retro, hypothesis and result modals; block ids are `retro.<field>`."""

    REASON = "reason"
    HAPPENED = "happened"
    LEARNED = "learned"
    NEXT_TRY = "next_try"
    ANONYMOUS = "anonymous"
    STATEMENT = "statement"
    IMPACT = "impact"
    CONFIDENCE = "confidence"
    EASE = "ease"
    RESULT = "result"


def retro_block_id(field: RetroField) -> str:
    return f"retro.{field.value}"


def input_action_id(field: Field | RetroField) -> str:
    """The action id of the element inside a check-in or retro input block."""
    return f"input.{field.value}"


class SettingsAction(StrEnum):
    """Buttons in the `/okr settings` modal; TEAM and CLOSE_CYCLE carry the id as value.

    With more teams or cycles than buttons fit, FIND_TEAM and FIND_CYCLE are type-ahead
    selects whose picked option carries the id instead."""

    WORKSPACE = "settings.workspace"
    TEAM = "settings.team"
    FIND_TEAM = "settings.find_team"
    NEW_TEAM = "settings.new_team"
    ADMINS = "settings.admins"
    NEW_CYCLE = "settings.new_cycle"
    CLOSE_CYCLE = "settings.close_cycle"
    FIND_CYCLE = "settings.find_cycle"


class SettingsCallback(StrEnum):
    MENU = "settings.menu"
    WORKSPACE = "settings.workspace.modal"
    TEAM = "settings.team.modal"
    NEW_TEAM = "settings.new_team.modal"
    ADMINS = "settings.admins.modal"
    NEW_CYCLE = "settings.new_cycle.modal"


class SettingsField(StrEnum):
    """Settings inputs: each is its own block, and the action inside has the same id."""

    NAME = "name"
    CHANNEL = "channel_id"
    PARENT = "parent_id"
    LEADS = "leads"
    MEMBERS = "members"
    TIMEZONE = "timezone"
    RETRO_BELOW = "retro_below"
    CADENCE = "cadence"
    CADENCE_EVERY = "cadence_every"
    CADENCE_ANCHOR = "cadence_anchor"
    PROMPT_WEEKDAY = "prompt_weekday"
    PROMPT_AT = "prompt_at"
    REMINDER = "reminder_after_hours"
    REMINDER_HOURS = "reminder_hours"
    DIGEST_WEEKDAY = "digest_weekday"
    DIGEST_AT = "digest_at"
    BAND_RED = "band_red_max"
    BAND_YELLOW = "band_yellow_max"
    HOLIDAYS = "holidays"
    REMINDERS = "reminders"  # `/okr prefs`: the member's own reminder, on or off
    MENTION_BLOCKERS = "mention_blockers"
    ADMINS = "admins"
    START = "start"
    END = "end"


# Option values of the settings and `/okr prefs` selects.
DEFAULT = "default"  # "use the workspace's (or team's) setting"
REMINDER_24H, REMINDER_CUSTOM, REMINDER_OFF = "24", "custom", "off"
REMINDERS_ON, REMINDERS_OFF = "on", "off"
MENTION_BLOCKERS = "on"
NO_PARENT = "none"

# The key-result edit modal's Data source section.
NO_SOURCE = "none"
KIND_BLOCK = "source.kind"
URL_BLOCK = "source.url"
PICK_BLOCK = "source.pick"
EVERY_BLOCK = "source.every"
HEADERS_BLOCK = "source.headers"
TEST_BLOCK = "source.test"
RESULT_BLOCK = "source.result"
