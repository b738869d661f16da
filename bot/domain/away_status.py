"""Whether a Slack status reads as "out": an away emoji, or away words in five languages.

A member whose status reads as away is treated like `/okr away until`: no prompt, reminder
or retro request, and the digest lists them as away, until the status expires.

Words are matched on whole words after folding case and accents (`Férias` = `ferias`,
`Außer Haus` = `ausser haus`), so `Mallorca` or `illustrating` never match. A few stems
also match inside German compounds (`Jahresurlaub`, `krankgeschrieben`). A status about
being back (`back from vacation`, `zurück aus dem Urlaub`, `de retour de vacances`) is not
away, even next to an away emoji; `OOO, back Monday` still is. Working from home, commuting
or being in a meeting are not away: the member is still reachable.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

# Slack emoji names (as in `status_emoji`, without colons) that mean "out": holidays and
# travel, illness, parental leave.
AWAY_EMOJI = frozenset(
    {
        "palm_tree",
        "desert_island",
        "beach_with_umbrella",
        "umbrella_on_ground",
        "airplane",
        "airplane_departure",
        "airplane_arriving",
        "small_airplane",
        "luggage",
        "face_with_thermometer",
        "thermometer",
        "nauseated_face",
        "face_vomiting",
        "sneezing_face",
        "mask",
        "face_with_head_bandage",
        "hospital",
        "pill",
        "baby",
        "baby_bottle",
        "breast-feeding",
        "pregnant_woman",
        "skier",
        "snowboarder",
        "tent",
    }
)

_AWAY_WORDS = (
    # English
    r"vacation\w*",
    r"vacay",
    r"holidays?",
    r"on leave",
    r"annual leave",
    r"(?:sick|parental|maternity|paternity|medical|family) leave",
    r"sick",
    r"ill",
    r"off sick",
    r"ooo",
    r"ooto",
    r"pto",
    r"out of (?:the )?office",
    r"day off",
    # German
    r"\w*urlaub\w*",
    r"krank\w*",
    r"elternzeit",
    r"mutterschutz",
    r"abwesend",
    r"\w*ferien",
    r"feiertag",
    r"ausser haus",
    r"nicht im buro",
    # French
    r"vacances",
    r"conges?",
    r"malade",
    r"arret maladie",
    r"absente?",
    r"hors du bureau",
    r"ferie",
    r"rtt",
    # Spanish
    r"vacaciones",
    r"de baja",
    r"baja (?:medica|maternal|paternal|por \w+)",
    r"enferm[oa]",
    r"fuera de (?:la )?oficina",
    r"ausente",
    r"de permiso",
    r"festivo",
    r"feriado",
    # Portuguese
    r"ferias",
    r"doente",
    r"licenca",
    r"de atestado",
    r"fora do escritorio",
    r"folga",
)

_BACK_WORDS = (
    r"back from",
    r"returned from",
    r"wieder da",
    r"zuruck (?:aus|vom|von)",
    r"de retour (?:de|du|des)",
    r"rentre de",
    r"de vuelta (?:de|del)",
    r"volvi de",
    r"regrese de",
    r"de volta (?:de|da|das|do|dos)",
    r"voltei (?:de|da|das|do|dos)",
)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")


_AWAY = _pattern(_AWAY_WORDS)
_BACK = _pattern(_BACK_WORDS)


def fold(text: str) -> str:
    """Lower case without accents, punctuation as spaces: `Außer-Haus!` → `ausser haus`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def reads_as_away(emoji: str | None, text: str | None) -> bool:
    """Whether a status (emoji like `:palm_tree:`, free text) says its owner is out."""
    words = fold(text or "")
    if _BACK.search(words):
        return False
    name = (emoji or "").strip(":").split("::")[0]  # `:baby::skin-tone-2:` is a baby
    return name in AWAY_EMOJI or bool(_AWAY.search(words))


@dataclass(frozen=True)
class StatusAway:
    """Away from the Slack status until `until` (aware); None: until the status changes."""

    until: datetime | None = None

    def covers(self, now: datetime) -> bool:
        return self.until is None or now < self.until

    def covers_day(self, day: date) -> bool:
        return self.until is None or self.until.astimezone(UTC).date() >= day


def status_away(
    emoji: str | None, text: str | None, expiration: int, now: datetime
) -> StatusAway | None:
    """The absence a status stands for, read at `now`; None when it is not away or has
    expired already. `expiration` is Slack's `status_expiration`: 0 never expires."""
    if not reads_as_away(emoji, text):
        return None
    if expiration <= 0:
        return StatusAway(None)
    until = datetime.fromtimestamp(expiration, UTC)
    return StatusAway(until) if until > now else None


def away_now(
    away_until: date | None, status: StatusAway | None, today: date, now: datetime
) -> bool:
    """Away by `/okr away until` (through `today`, inclusive) or by Slack status (now)."""
    said = away_until is not None and away_until >= today
    return said or (status is not None and status.covers(now))


def away_through(
    away_until: date | None, status: StatusAway | None, today: date
) -> tuple[bool, date | None]:
    """Whether away on `today`, and the last day away (None: until the status changes)."""
    said = away_until if away_until is not None and away_until >= today else None
    if status is None or not status.covers_day(today):
        return said is not None, said
    if status.until is None:
        return True, None
    ends = status.until.astimezone(UTC).date()
    return True, max(ends, said or ends)
