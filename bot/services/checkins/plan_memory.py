"""What the last plan found, owner by owner, so that a tick plans again only the owners whose
rows changed since or whose moment has come."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.db.engine import Session
from bot.db.prompt_planning import (
    EVERYONE_TABLES,
    OWNER_TABLES,
    PROMPT_TABLE,
    Fingerprint,
    owner_signatures,
    prompt_revisions,
)

# An open prompt's id → its member's id and the prompt's revision.
OpenPrompts = dict[int, tuple[int, int]]


@dataclass
class PlanMemory:
    """Read before a plan, so a change made while it runs is seen by the next tick."""

    fingerprint: Fingerprint
    signatures: dict[int, int]  # per owner: changes with their member row, KRs and objectives
    open_prompts: OpenPrompts
    newest_prompt: int
    read_until: datetime  # which cycles are open turns at UTC midnight: signatures read again
    wakes: dict[int, datetime] = field(default_factory=dict)  # per owner planned

    @classmethod
    def read(
        cls, session: Session, fingerprint: Fingerprint, now: datetime, read_until: datetime
    ) -> "PlanMemory":
        """Everyone's signs, taken before a plan of everyone."""
        newest = fingerprint[PROMPT_TABLE][1] or 0
        signatures = owner_signatures(session, now.date())
        return cls(
            fingerprint, signatures, _open(prompt_revisions(session, newest)), newest, read_until
        )

    def changed_owners(
        self, session: Session, fingerprint: Fingerprint, now: datetime, read_until: datetime
    ) -> set[int] | None:
        """The owners to plan again now: rows changed or moment come. None: plan everyone,
        for a change that may move anyone. Takes the new signs; the wakes are the caller's to
        set once it has planned (`planned`)."""
        changed = {
            table for table, signs in fingerprint.items() if self.fingerprint.get(table) != signs
        }
        if changed & EVERYONE_TABLES:
            return None
        owners = {owner for owner, wake in self.wakes.items() if wake <= now}
        if changed & OWNER_TABLES or now >= self.read_until:
            signatures = owner_signatures(session, now.date())
            owners |= _differing(self.signatures, signatures)
            self.signatures, self.read_until = signatures, read_until
        if PROMPT_TABLE in changed:
            owners |= self._prompts_changed(prompt_revisions(session, self.newest_prompt))
        self.fingerprint = fingerprint
        # Someone no longer owning a KR in an open cycle is not planned; a stale wake goes.
        for gone in [owner for owner in self.wakes if owner not in self.signatures]:
            del self.wakes[gone]
        return owners & self.signatures.keys()

    def planned(self, owners: Iterable[int], wakes: dict[int, datetime]) -> None:
        """The wakes of a plan of these owners; one planned but not admitted (deactivated, a
        bot) waits for its row to change."""
        for owner in owners:
            self.wakes.pop(owner, None)
        self.wakes.update(wakes)

    def _prompts_changed(self, rows: list[tuple[int, int, int, bool]]) -> set[int]:
        """Members of prompts new, changed, opened or closed since the last look."""
        now_open = _open(rows)
        members = {
            member
            for id_, member, revision, _ in rows
            if self.open_prompts.get(id_) != (member, revision)
        }
        members |= {member for id_, (member, _) in self.open_prompts.items() if id_ not in now_open}
        self.newest_prompt = max([self.newest_prompt, *(row[0] for row in rows)])
        self.open_prompts = now_open
        return members


def _open(rows: list[tuple[int, int, int, bool]]) -> OpenPrompts:
    return {id_: (member, revision) for id_, member, revision, is_open in rows if is_open}


def _differing(before: dict[int, int], after: dict[int, int]) -> set[int]:
    """Owners new, gone or with another signature."""
    return {
        owner for owner in before.keys() | after.keys() if before.get(owner) != after.get(owner)
    }
