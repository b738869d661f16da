"""The scheduled sources job: fetch what is due, then tell owners what broke or recovered."""

from bot.db.engine import Database
from bot.services.sources.notices import SourceNoticeSender, tell_owners
from bot.services.sources.service import SourceService


class SourceSync:
    def __init__(
        self, database: Database, sources: SourceService, sender: SourceNoticeSender
    ) -> None:
        self._database = database
        self._sources = sources
        self._sender = sender

    def run(self, *, force: bool = False) -> str:
        """One run of the job; `force` (`okr-bot jobs run sources`) fetches every source now."""
        report = self._sources.fetch_due(force=force)
        told = tell_owners(self._database, self._sender, report.notices)
        return f"{report.describe()}; {told} owner(s) told"
