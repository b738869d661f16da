"""Hand-built digests of a known week, for render tests: every section, and hostile text."""

from dataclasses import replace
from datetime import date

from bot.domain.attention import Concern
from bot.domain.progress import KRType, Status
from bot.services.digests.results import (
    AwayMember,
    DigestBlocker,
    DigestKR,
    DigestObjective,
    TeamDigest,
    WeekPoint,
)

HOSTILE = ["<!channel>", "<!here>", "<@U0EVIL0001>", "<https://evil.example|click me>"]
HOSTILE_TEXT = " ".join(HOSTILE)


def kr(kr_id: int, title: str = "Weekly active fans", **changes: object) -> DigestKR:
    fields: dict[str, object] = {
        "kr_id": kr_id,
        "title": title,
        "kr_type": KRType.INCREASE_TO,
        "target": 3.0,
        "unit": "sessions",
        "owner": "U0ALICE001",
        "value": 2.4,
        "previous_value": 2.2,
        "confidence": 7,
        "previous_confidence": 6,
        "progress": 0.4,
        "status": Status.ON_TRACK,
        "concerns": (),
        "checked_in": True,
        "note": None,
        "history": (WeekPoint("2026-W46", 0.2, 6), WeekPoint("2026-W47", 0.4, 7)),
    }
    fields.update(changes)
    return DigestKR(**fields)  # type: ignore[arg-type]


def known_week() -> TeamDigest:
    """Growth in week 8 of 14: one KR fine, one fell into red, one without a check-in."""
    return TeamDigest(
        team_id=1,
        team_name="Growth",
        cycle_name="2026-Q4",
        cycle_start=date(2026, 10, 1),
        cycle_end=date(2026, 12, 31),
        period="2026-W47",
        week=8,
        weeks=14,
        pace=0.55,
        objectives=(
            DigestObjective("Best platform for sports fans", "Growth", _known_key_results(), 7),
        ),
        blockers=(DigestBlocker(2, "Monthly churn", "U0ALICE001", "Waiting on billing"),),
        not_checked_in=("U0BOB00001",),
        away=(AwayMember("U0CAROL001", date(2026, 11, 27)),),
        leads=("U0LEAD0001",),
        # Carol's profile was never fetched: she is named neutrally, never mentioned.
        names={"U0ALICE001": "Alice <Ops> & co", "U0BOB00001": "Bob"},
    )


def _known_key_results() -> tuple[DigestKR, ...]:
    """The known week's three KRs: fine, fallen into red, and Bob's without a check-in."""
    return (
        kr(1),
        kr(
            2,
            "Monthly churn",
            kr_type=KRType.DECREASE_TO,
            unit="%",
            value=7.4,
            previous_value=7.5,
            target=5.0,
            confidence=2,
            previous_confidence=7,
            progress=0.2,
            status=Status.OFF_TRACK,
            concerns=(Concern.INTO_RED, Concern.CONFIDENCE_DROP, Concern.BEHIND_PACE),
            note="Pricing test slipped",
        ),
        kr(
            3,
            "Live scores",
            owner="U0BOB00001",
            value=None,
            previous_value=None,
            confidence=None,
            previous_confidence=None,
            progress=0.0,
            status=Status.NO_CHECKIN,
            checked_in=False,
            history=(),
        ),
    )


def hostile_week() -> TeamDigest:
    """Every piece of user text is hostile: names, titles, units, notes, blockers."""
    digest = known_week()
    krs = tuple(
        replace(k, title=HOSTILE_TEXT, unit=HOSTILE_TEXT, note=HOSTILE_TEXT)
        for k in digest.key_results
    )
    objective = DigestObjective(HOSTILE_TEXT, HOSTILE_TEXT, krs)
    blocker = DigestBlocker(2, HOSTILE_TEXT, "U0ALICE001", HOSTILE_TEXT)
    return replace(
        digest,
        team_name=HOSTILE_TEXT,
        cycle_name=HOSTILE_TEXT,
        objectives=(objective,),
        blockers=(blocker,),
    )


def big_week(objectives: int, krs_each: int, title: str = "A key result") -> TeamDigest:
    digest = known_week()
    many = tuple(
        DigestObjective(
            f"Objective {o} " + "x" * 200,
            "Growth",
            tuple(
                kr(
                    o * 1000 + k,
                    f"{title} {k} " + "y" * 120,
                    note="n" * 300,
                    concerns=(Concern.BEHIND_PACE,),
                    status=Status.AT_RISK,
                    progress=0.1,
                )
                for k in range(krs_each)
            ),
        )
        for o in range(objectives)
    )
    blockers = tuple(DigestBlocker(i, "t" * 150, "U0ALICE001", "b" * 300) for i in range(60))
    late = tuple(f"U0LATE{i:04d}" for i in range(150))
    return replace(digest, objectives=many, blockers=blockers, not_checked_in=late)
