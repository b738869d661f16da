"""What the last plan read and found, owner by owner, so that a tick reads again only the
owners whose rows changed since, and plans again only those and the ones whose moment came."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.db.engine import Session
from bot.db.models import Member, Team
from bot.db.prompt_planning import (
    CYCLE_TABLE,
    EVERYONE_TABLES,
    KEY_RESULT_TABLES,
    MEMBER_TABLE,
    PROMPT_TABLE,
    TEAM_TABLE,
    Fingerprint,
    cycle_dates,
    cycle_owners,
    owner_signatures,
    prompt_revisions,
    revisions,
)
from bot.services.checkins.owner_plan import OwnerInputs
from bot.services.checkins.planning import PlannedPage, ToPlan

# An open prompt's id → its member's id and the prompt's revision.
OpenPrompts = dict[int, tuple[int, int]]


@dataclass
class PlanMemory:
    """Read before a plan, so a change made while it runs is seen by the next tick."""

    fingerprint: Fingerprint
    signatures: dict[int, int]  # per owner: changes with their KRs and those KRs' objectives
    members: dict[int, int]  # every member's revision
    teams: dict[int, int]  # every team's revision
    cycles: dict[int, tuple[date, date]]  # every cycle's days
    open_prompts: OpenPrompts
    newest_prompt: int
    read_until: datetime  # which cycles are open turns at UTC midnight: signatures read again
    # Per owner planned: what was read of them, and until when nothing turns for them.
    inputs: dict[int, OwnerInputs] = field(default_factory=dict)
    wakes: dict[int, datetime] = field(default_factory=dict)
    reread: set[int] = field(default_factory=set)  # to read again whatever their signs say

    @classmethod
    def read(
        cls, session: Session, fingerprint: Fingerprint, now: datetime, read_until: datetime
    ) -> "PlanMemory":
        """Everyone's signs, taken before a plan of everyone."""
        newest = fingerprint[PROMPT_TABLE][1] or 0
        signatures = owner_signatures(session, now.date())
        members, teams = revisions(session, Member), revisions(session, Team)
        cycles = cycle_dates(session)
        open_prompts = _open(prompt_revisions(session, newest))
        return cls(
            fingerprint, signatures, members, teams, cycles, open_prompts, newest, read_until
        )

    def owners_to_plan(
        self, session: Session, fingerprint: Fingerprint, now: datetime, read_until: datetime
    ) -> ToPlan:
        """The owners to read again (their rows or their team changed) and those to plan again
        as they were read: those whose moment came, everyone after a change to the workspace's
        settings (which may move anyone), and the owners of a cycle whose days moved (their key
        results' cycles read again). Takes the new signs; what the plan finds is the caller's to
        keep (`planned`)."""
        changed = {
            part for part, signs in fingerprint.items() if self.fingerprint.get(part) != signs
        }
        moved = self._moved_cycles(session) if CYCLE_TABLE in changed else set()
        reread = self.reread | self._changed_owners(session, changed, now, read_until, moved)
        self.reread = set()
        self.fingerprint = fingerprint
        # Someone no longer owning a KR in an open cycle is not planned; what was kept goes.
        for gone in [owner for owner in self.inputs if owner not in self.signatures]:
            self._forget(gone)
        # A moved cycle's owners: only their KRs' cycles are read again, if the rest was kept.
        reowned = cycle_owners(session, moved) if moved else set()
        reread |= reowned - self.inputs.keys()
        reread &= self.signatures.keys()
        everyone = bool(changed & EVERYONE_TABLES)
        due = self.inputs.keys() if everyone else [o for o, w in self.wakes.items() if w <= now]
        known = sorted({*due, *(reowned & self.inputs.keys())} - reread)
        return ToPlan(reread, [self.inputs[o] for o in known], everyone, reown=bool(reowned))

    def _changed_owners(
        self,
        session: Session,
        changed: set[str],
        now: datetime,
        read_until: datetime,
        moved: set[int],
    ) -> set[int]:
        """Owners whose rows changed, told by the tables that did; keeps their new signs."""
        reread: set[int] = set()
        # A cycle's new days may open or close it, which brings or takes owners.
        if moved or changed & KEY_RESULT_TABLES or now >= self.read_until:
            signatures = owner_signatures(session, now.date())
            reread |= _differing(self.signatures, signatures)
            self.signatures, self.read_until = signatures, read_until
        if MEMBER_TABLE in changed:
            members = revisions(session, Member)
            reread |= _differing(self.members, members)
            self.members = members
        if TEAM_TABLE in changed:
            teams = revisions(session, Team)
            changed_teams = _differing(self.teams, teams)
            reread |= {o for o, one in self.inputs.items() if one.team_id in changed_teams}
            self.teams = teams
        if PROMPT_TABLE in changed:
            reread |= self._prompts_changed(prompt_revisions(session, self.newest_prompt))
        return reread

    def _moved_cycles(self, session: Session) -> set[int]:
        """Cycles whose days changed (a new name or closing changes no plan); keeps the days."""
        cycles = cycle_dates(session)
        moved = {c for c, days in cycles.items() if self.cycles.get(c, days) != days}
        self.cycles = cycles
        return moved

    def planned(self, reread: Iterable[int], pages: Iterable[PlannedPage]) -> None:
        """Keep what a plan read and found. One read again but not admitted (deactivated, a
        bot) is not kept: it waits for its row to change."""
        for owner in reread:
            self._forget(owner)
        for page in pages:
            self.inputs.update((one.row.id, one) for one in page.read)
            self.wakes.update(page.wakes)

    def _forget(self, owner: int) -> None:
        self.inputs.pop(owner, None)
        self.wakes.pop(owner, None)

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
