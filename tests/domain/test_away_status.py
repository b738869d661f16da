"""A Slack status reads as away by its emoji or its words, in five languages, until it expires."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.away_status import (
    StatusAway,
    away_now,
    away_through,
    fold,
    reads_as_away,
    status_away,
)

NOW = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)

AWAY_TEXTS = [
    # English
    "Vacation",
    "On vacation until Monday",
    "vacationing in Lisbon 🏄",
    "On holiday",
    "Holidays!",
    "Bank holiday",
    "OOO",
    "OOO, back Monday",
    "ooto till 3rd",
    "PTO",
    "Out of office",
    "Out of the office this week",
    "Off sick",
    "sick",
    "Out sick today",
    "ill, back soon",
    "Sick leave",
    "Parental leave",
    "On maternity leave",
    "paternity leave until March",
    "Annual leave",
    "On leave",
    "Day off",
    # German
    "Urlaub",
    "Im Urlaub bis 3.12.",
    "Jahresurlaub",
    "Urlaubsreise",
    "Urlaub, zurück am Montag",
    "krank",
    "Krankgeschrieben",
    "Elternzeit",
    "Mutterschutz",
    "abwesend",
    "Außer Haus",
    "Nicht im Büro",
    "Herbstferien",
    "Feiertag",
    # French
    "En vacances",
    "Vacances 🌞",
    "En congé",
    "Congés payés",
    "Congé maternité",
    "Malade",
    "Arrêt maladie",
    "Absente jusqu'à lundi",
    "Hors du bureau",
    "RTT",
    "Jour férié",
    "En congé, de retour lundi",
    # Spanish
    "De vacaciones",
    "Vacaciones hasta el lunes",
    "De baja",
    "Baja médica",
    "Baja por paternidad",
    "Enfermo",
    "enferma hoy",
    "Fuera de la oficina",
    "Ausente",
    "De permiso",
    "Festivo",
    # Portuguese
    "De férias",
    "Férias até segunda",
    "Doente",
    "Licença maternidade",
    "Licença-paternidade",
    "De atestado",
    "Fora do escritório",
    "Folga hoje",
    "Feriado",
]

NOT_AWAY_TEXTS = [
    "",
    "In a meeting",
    "Working from home",
    "Commuting",
    "Focus time",
    "Lunch",
    "Back from vacation",
    "Just back from holiday, catching up",
    "Returned from PTO",
    "Zurück aus dem Urlaub",
    "Wieder da!",
    "De retour de vacances",
    "Rentré de congé",
    "De vuelta de vacaciones",
    "Volví de vacaciones",
    "De volta das férias",
    "Voltei de férias",
    "Mallorca planning",
    "Illustrating the roadmap",
    "Schrank aufbauen",
    "Krakow office",
    "Talking to Ferialis",
    "Absentee ballots due",
    "Ptolemy reading group",  # a word that merely starts like an away word
]


@pytest.mark.parametrize("text", AWAY_TEXTS)
def test_away_words_in_five_languages_read_as_away(text: str) -> None:
    assert reads_as_away("", text)


@pytest.mark.parametrize("text", NOT_AWAY_TEXTS)
def test_other_statuses_and_being_back_do_not(text: str) -> None:
    assert not reads_as_away("", text)


@pytest.mark.parametrize(
    "emoji",
    [
        ":palm_tree:",
        ":airplane:",
        ":face_with_thermometer:",
        ":beach_with_umbrella:",
        ":baby:",
        ":baby::skin-tone-3:",
        ":desert_island:",
        ":mask:",
        ":hospital:",
    ],
)
def test_away_emoji_read_as_away_whatever_the_text(emoji: str) -> None:
    assert reads_as_away(emoji, "")
    assert reads_as_away(emoji, "see you soon")
    assert not reads_as_away(emoji, "back from vacation")  # being back wins over the emoji


@pytest.mark.parametrize(
    "emoji", [":house_with_garden:", ":spiral_calendar_pad:", ":car:", ":coffee:", ""]
)
def test_reachable_emoji_do_not(emoji: str) -> None:
    assert not reads_as_away(emoji, "")


def test_folding_drops_case_accents_and_punctuation() -> None:
    assert fold("  Außer-Haus!  Férias…  ") == "ausser haus ferias"


def test_a_status_is_away_until_it_expires_and_open_ended_at_zero() -> None:
    later = NOW + timedelta(days=2)
    assert status_away(":palm_tree:", "", int(later.timestamp()), NOW) == StatusAway(later)
    assert status_away(":palm_tree:", "", 0, NOW) == StatusAway(None)
    assert status_away(":palm_tree:", "", int(NOW.timestamp()) - 60, NOW) is None  # expired
    assert status_away(":coffee:", "Coffee", 0, NOW) is None
    ends = StatusAway(later)
    assert ends.covers(NOW) and not ends.covers(later)
    assert ends.covers_day(later.date()) and not ends.covers_day(later.date() + timedelta(1))
    assert StatusAway(None).covers(NOW + timedelta(days=400))


@pytest.mark.parametrize("weekday", range(7))
def test_away_now_joins_the_command_and_the_status_on_every_weekday(weekday: int) -> None:
    now = NOW + timedelta(days=weekday - NOW.weekday())
    today = now.date()
    assert away_now(today, None, today, now)  # `/okr away until` today, inclusive
    assert not away_now(today - timedelta(days=1), None, today, now)
    assert away_now(None, StatusAway(now + timedelta(hours=1)), today, now)
    assert not away_now(None, StatusAway(now), today, now)  # expired this minute
    assert away_now(None, StatusAway(None), today, now)
    assert not away_now(None, None, today, now)


def test_the_digest_shows_the_later_end_or_none_when_open_ended() -> None:
    today = date(2026, 11, 18)
    friday = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
    assert away_through(None, StatusAway(friday), today) == (True, date(2026, 11, 20))
    assert away_through(date(2026, 11, 25), StatusAway(friday), today) == (
        True,
        date(2026, 11, 25),
    )
    assert away_through(date(2026, 11, 19), StatusAway(None), today) == (True, None)
    assert away_through(date(2026, 11, 17), None, today) == (False, None)
    assert away_through(None, StatusAway(friday), date(2026, 11, 21)) == (False, None)
