"""Telling a key result's owner that its source broke, with what to do, and that it recovered."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.db.engine import Database
from bot.db.source_checkins import owned_key_result
from bot.domain.refs import kr_ref
from bot.domain.source_health import HealthNotice
from bot.services.ports import DeliveryError
from bot.services.sources.results import SourceNotice

log = logging.getLogger(__name__)

# The first words of an error that has a fix of its own, and that fix.
_FIXES = (
    ("the environment variable", "set that variable in the bot's environment and restart it."),
    ("HTTP 401", "the source refused the bot's credentials: check the secret its ${NAME} holds."),
    ("HTTP 403", "the source refused the bot's credentials: check the secret its ${NAME} holds."),
    ("HTTP 404", "the address is not there any more: correct the `url` in the import file."),
    ("is not one of the hosts", "add the host to OKR_SOURCE_HOSTS, or fetch from another host."),
)


@dataclass(frozen=True)
class OwnerNotice:
    """One DM to a key result's owner about its source."""

    owner_slack_id: str
    kr_id: int
    kr_title: str
    notice: HealthNotice
    error: str | None = None
    failing_since: datetime | None = None

    @property
    def fix(self) -> str:
        found = next((fix for start, fix in _FIXES if start in (self.error or "")), None)
        return found or (
            "check that the address answers with what the source expects "
            f"(`okr-bot sources test {kr_ref(self.kr_id)}` shows what the bot sees), "
            "or change the source in the import file."
        )


class SourceNoticeSender(Protocol):
    def tell_owner(self, notice: OwnerNotice) -> None:
        """DM the owner; raises DeliveryError when Slack refuses."""
        ...


def tell_owners(
    database: Database, sender: SourceNoticeSender, notices: Iterable[SourceNotice]
) -> int:
    """DM each notice's owner once; returns how many were told. A notice is sent at most once
    (the source's health already records it as told), so a DM Slack refuses is only logged."""
    told = 0
    for notice in notices:
        with database.read() as session:
            found = owned_key_result(session, notice.key_result_id)
            if found is None:
                continue
            row, owner = found
            message = OwnerNotice(
                owner.slack_user_id,
                notice.key_result_id,
                row.key_result.title,
                notice.notice,
                notice.error,
                notice.failing_since,
            )
        try:
            sender.tell_owner(message)
        except DeliveryError as error:
            log.warning("could not tell the owner of KR-%s: %s", message.kr_id, error.code)
            continue
        told += 1
    return told
