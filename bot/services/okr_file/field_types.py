"""The import file's field types: Slack ids, times, zones and holiday regions, checked."""

import re
from datetime import time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from bot.services.public_holidays import UnknownRegion, parse_region

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,31}")
_CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{2,31}")


def user_id(value: str) -> str:
    if _USER_ID.fullmatch(value):
        return value
    hint = "; use the member ID from their Slack profile, not the @name" if "@" in value else ""
    raise PydanticCustomError(
        "slack_user_id",
        "'{value}' does not look like a Slack user id (U… or W…){hint}",
        {"value": value, "hint": hint},
    )


def channel_id(value: str) -> str:
    if _CHANNEL_ID.fullmatch(value):
        return value
    hint = "; use the channel ID (channel details → About), not the #name" if "#" in value else ""
    raise PydanticCustomError(
        "slack_channel_id",
        "'{value}' does not look like a Slack channel id (C… or G…){hint}",
        {"value": value, "hint": hint},
    )


def none_as_empty(value: object) -> object:
    # `members:` with nothing after it reads as null; people mean "nobody".
    return [] if value is None else value


Text = Annotated[str, Field(min_length=1)]
Title = Annotated[str, Field(min_length=1, max_length=300)]
UserId = Annotated[str, AfterValidator(user_id)]
UserIds = Annotated[list[UserId], BeforeValidator(none_as_empty)]
# Beyond a trillion a float loses the precision to tell start from target; the modal agrees.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e12, le=1e12)]


def clock_time(value: object) -> object:
    # YAML 1.1 reads an unquoted 10:00 as the base-60 number 600.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)
    return value


def timezone_name(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError(
            "timezone", "'{value}' is not an IANA time zone such as Europe/Berlin", {"value": value}
        ) from None
    return value


def holiday_region(value: str) -> str:
    try:
        return parse_region(value)
    except UnknownRegion as error:
        raise PydanticCustomError("holidays", str(error)) from None
