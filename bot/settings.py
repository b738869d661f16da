"""Settings from the environment and a `.env` file, validated before anything starts."""

import ipaddress
import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.domain.host_ports import split_host_port
from bot.domain.working_hours import WorkingHours, parse_days, parse_hours

DEFAULT_DATABASE_URL = "sqlite:///okr-bot.sqlite3"
SETUP_HINT = 'see the README section "Create the Slack app"'
SANDBOX_HINT = "or try the bot without Slack first: okr-bot sandbox"


class SettingsError(Exception):
    """A missing or malformed setting; the message is one line that names it."""


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be an IANA time zone such as Europe/Berlin") from None
    return name


# A DNS name: dot-separated labels of letters, digits and inner hyphens.
_HOST_NAME = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*")


def _http_host(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        pass
    if len(text) > 253 or not _HOST_NAME.fullmatch(text):
        raise ValueError("must be an IP address such as 127.0.0.1, 0.0.0.0 or ::, or a host name")
    return text


def _source_hosts(text: str) -> str:
    try:
        for entry in (part.strip() for part in text.split(",")):
            if entry:
                _http_host(split_host_port(entry)[0].removeprefix("*."))
    except ValueError:
        raise ValueError(
            "must be host names or IP addresses separated by commas, each with an optional "
            ":port, such as prometheus.internal:9090,*.example.com"
        ) from None
    return text


def _hours(text: str) -> str:
    try:
        parse_hours(text)
    except ValueError:
        raise ValueError("must look like 09:00-18:00, the end after the start") from None
    return text


def _days(text: str) -> str:
    try:
        parse_days(text)
    except ValueError:
        raise ValueError("must look like Mon-Fri or Sun-Thu or Mon,Wed,Fri") from None
    return text


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = DEFAULT_DATABASE_URL
    port: int = Field(default=3000, ge=1, le=65535)
    # All interfaces by default: Slack must reach the bot; a proxy in front may narrow it.
    okr_http_host: Annotated[str, AfterValidator(_http_host)] = "0.0.0.0"  # noqa: S104
    okr_default_timezone: Annotated[str, AfterValidator(_timezone)] = "UTC"
    okr_http_threads: int = Field(default=32, ge=1, le=512)
    okr_working_hours: Annotated[str, AfterValidator(_hours)] = "09:00-18:00"
    okr_working_days: Annotated[str, AfterValidator(_days)] = "Mon-Fri"
    # Slack allows "several hundred" chat.postMessage calls per minute per workspace.
    okr_slack_messages_per_minute: int = Field(default=100, ge=1, le=1000)
    # Hosts key-result sources may be fetched from, comma-separated; empty allows any host.
    okr_source_hosts: Annotated[str, AfterValidator(_source_hosts)] = ""
    # How often the scheduler looks for due work, and a follower for a vanished leader.
    okr_tick_seconds: int = Field(default=60, ge=1, le=60)

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xoxb-"):
            raise ValueError("must be a bot token starting with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xapp-"):
            raise ValueError("must be an app-level token starting with xapp-")
        return value or None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        # A plain postgresql:// URL would pick psycopg2, which is not installed.
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value.removeprefix(prefix)
        if not value.startswith(("sqlite:", "postgresql+")):
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value

    def working_hours(self) -> WorkingHours:
        start, end = parse_hours(self.okr_working_hours)
        return WorkingHours(start, end, parse_days(self.okr_working_days))

    def source_hosts(self) -> tuple[str, ...]:
        return tuple(entry.strip() for entry in self.okr_source_hosts.split(",") if entry.strip())

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    def require_slack(self) -> None:
        """Stop unless the tokens needed to talk to Slack in the chosen mode are set."""
        if not self.slack_bot_token:
            raise SettingsError(f"SLACK_BOT_TOKEN is not set: {SETUP_HINT}, {SANDBOX_HINT}.")
        if not self.socket_mode and not self.slack_signing_secret:
            raise SettingsError(
                f"SLACK_SIGNING_SECRET is not set (needed in HTTP mode): {SETUP_HINT}."
            )


def load_settings() -> Settings:
    """Read and validate the settings, turning the first problem into one clear line."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        shown = f" (got {_shown(name, first.get('input'))!r})" if _echoable(name) else ""
        message = message[:1].lower() + message[1:]
        raise SettingsError(
            f'{name} is invalid: {message}{shown}; see the README section "Configuration".'
        ) from None


def _echoable(name: str) -> bool:
    """Secrets are never printed back, not even when malformed."""
    return not any(word in name for word in ("TOKEN", "SECRET"))


def _shown(name: str, value: object) -> object:
    # A database URL may carry a password: show only its scheme.
    if name == "DATABASE_URL" and isinstance(value, str) and "://" in value:
        return value.split("://", 1)[0] + "://…"
    return value
