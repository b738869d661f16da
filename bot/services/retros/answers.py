"""Answering a retro: the form for someone who was asked, the saved answer, and `/okr retro`."""

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.db import retros as repo
from bot.db.checkins import find_key_result
from bot.db.engine import Database, Session
from bot.db.models import KeyResult, Member, Objective, RetroAnswer
from bot.db.objectives import objective_of
from bot.domain.errors import DomainError, NotAllowed, NotFound
from bot.domain.refs import kr_ref
from bot.domain.retros import RequestStatus, RetroReason, RetroTrigger, ask_trigger
from bot.services.members import CalendarDefaults, acting_member, local_calendar, reading_as
from bot.services.permissions import Actor, Authority, require_kr_writer
from bot.services.ports import Clock, PostedMessage


@dataclass(frozen=True)
class RetroForm:
    retro_id: int
    kr_ref: str
    kr_title: str
    trigger: RetroTrigger
    asked: int = 2  # how many people this retro asks: alone, a nameless answer is still yours


@dataclass(frozen=True)
class RetroSubmission:
    reason: RetroReason
    what_happened: str
    learned: str
    next_try: str | None
    anonymous: bool


@dataclass(frozen=True)
class RetroReceipt:
    kr_ref: str
    kr_title: str
    anonymous: bool
    request_message: PostedMessage | None


@dataclass(frozen=True)
class AskResult:
    kr_ref: str
    kr_title: str
    asked: list[str]  # Slack ids of the people the next run will DM
    already: bool


class RetroAnswerService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        defaults: CalendarDefaults,
        authority: Authority | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._defaults = defaults
        self._authority = authority or Authority(database)

    def form(self, slack_user_id: str, retro_id: int) -> RetroForm:
        """The retro modal's facts, only for someone this retro was asked of."""
        with reading_as(self._db, slack_user_id) as (session, member):
            row = _asked_row(session, member, retro_id)
            kr_id = row.key_result.id or 0
            asked = repo.people_to_ask(session, [kr_id]).get(kr_id, [])
            return RetroForm(
                retro_id,
                kr_ref(kr_id),
                row.key_result.title,
                RetroTrigger(row.retro.trigger),
                asked=max(len(asked), repo.request_count(session, retro_id)),
            )

    def check(self, slack_user_id: str, retro_id: int) -> None:
        """Refuse, as `answer` would, someone this retro was not asked of or who has answered:
        a read, so the modal can say so before its ack without waiting for a write lock."""
        with reading_as(self._db, slack_user_id) as (session, member):
            _asked_row(session, member, retro_id)

    def answer(self, slack_user_id: str, retro_id: int, answer: RetroSubmission) -> RetroReceipt:
        """Save the answer once; an anonymous one keeps no trace of who gave it."""
        now = self._clock.now()
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            row = _asked_row(session, member, retro_id)
            request = repo.find_request(session, retro_id, member.id or 0)
            assert request is not None
            author = None if answer.anonymous else member.id
            saved = RetroAnswer(
                retro_id=retro_id,
                author_id=author,
                reason=answer.reason,
                what_happened=answer.what_happened,
                learned=answer.learned,
                next_try=answer.next_try,
                # An anonymous answer keeps no time of its own, only its retro's day; a named
                # one its moment. Nobody's answer is recorded to the minute on their request.
                created_at=now if author else day_of(row.retro.created_at),
            )
            repo.save_answer(session, request, row.retro, saved, author, day_of(now))
            if author is None:
                repo.settle_anonymous_answers(session, retro_id)
            message = None
            if request.channel_id and request.message_ts:
                message = PostedMessage(request.channel_id, request.message_ts)
        # Nothing is logged here: a log line at this moment would pair with the author's DM.
        return RetroReceipt(
            kr_ref(row.key_result.id), row.key_result.title, answer.anonymous, message
        )

    def ask(self, slack_user_id: str, kr_id: int) -> AskResult:
        """`/okr retro KR-12`: a retro for this period, asked of the owner and contributors."""
        now = self._clock.now()

        def ask(session: Session, actor: Actor) -> AskResult:
            kr, objective = _key_result(session, kr_id)
            require_kr_writer(session, actor, kr, objective, "ask for a retro")
            period = local_calendar(session, actor.member, now, self._defaults).period.key
            trigger = ask_trigger(period)
            created = repo.create_retro(session, kr_id, trigger.kind, trigger.key, now)
            people = repo.people_to_ask(session, [kr_id]).get(kr_id, [])
            asked = [person.slack_user_id for person in people]
            return AskResult(kr_ref(kr_id), kr.title, asked, already=created is None)

        return self._authority.run(slack_user_id, ask)


def day_of(moment: datetime) -> datetime:
    """Midnight UTC of the moment's day: when something happened, without saying when."""
    return datetime.combine(moment.astimezone(UTC).date(), datetime.min.time(), UTC)


def _asked_row(session: Session, member: Member, retro_id: int) -> repo.RetroRow:
    """The retro, if this member was asked for it and has not answered yet."""
    rows = repo.retro_rows(session, retro_id=retro_id)
    request = repo.find_request(session, retro_id, member.id or 0) if rows else None
    if request is None:
        raise NotAllowed("This retro was not asked of you, so there is nothing to answer here.")
    if request.status == RequestStatus.ANSWERED:
        raise DomainError("You have already shared your retro for this. Thank you!")
    return rows[0]


def _key_result(session: Session, kr_id: int) -> tuple[KeyResult, Objective]:
    kr = find_key_result(session, kr_id)
    if kr is None or kr.archived_at is not None:
        raise NotFound(f"There is no key result {kr_ref(kr_id)}.")
    return kr, objective_of(session, kr)
