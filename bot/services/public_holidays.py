"""Public holidays of a country or region (`DE`, `DE-BY`), from the `holidays` library."""

from datetime import date, timedelta
from functools import cache

import holidays

MAX_CODE = 16


class UnknownRegion(ValueError):
    """A code the holidays library does not know; the message says what would be right."""


def parse_region(text: str) -> str:
    """`de-by` → `DE-BY`, checked against the library; raises UnknownRegion in plain words."""
    code = text.strip().upper()
    country, _, subdiv = code.partition("-")
    supported = holidays.list_supported_countries()
    if len(code) > MAX_CODE or country not in supported:
        raise UnknownRegion(
            f"'{text.strip()}' is not a country I know holidays for; "
            "use a code like DE, or DE-BY for a region"
        )
    regions = supported[country]
    if subdiv and subdiv not in regions:
        known = ", ".join(regions[:12]) + (", …" if len(regions) > 12 else "")
        hint = f" (one of {known})" if regions else " (it has no regions: use the country alone)"
        raise UnknownRegion(f"'{code}' is not a region of {country}{hint}")
    return code


def region_problem(text: str) -> str | None:
    """What is wrong with the code, or None when the library knows it."""
    try:
        parse_region(text)
    except UnknownRegion as error:
        return str(error)
    return None


def holiday_name(region: str | None, day: date) -> str | None:
    """The public holiday on `day` in the region, or None (also for no or unknown region)."""
    if not region or region_problem(region):
        return None
    return _year(region, day.year).get(day)


def holidays_between(region: str | None, first: date, last: date) -> dict[date, str]:
    """The region's public holidays from `first` to `last`, both included."""
    found: dict[date, str] = {}
    day = first
    while day <= last:
        if (name := holiday_name(region, day)) is not None:
            found[day] = name
        day += timedelta(days=1)
    return found


def closed_days(region: str | None, around: date) -> frozenset[date]:
    """The region's holidays from the year before `around` to the one after: local dates
    differ from UTC by a day, and a nudge may move into the next year."""
    if not region or region_problem(region):
        return frozenset()
    years = (around.year - 1, around.year, around.year + 1)
    return frozenset(day for year in years for day in _year(region, year))


@cache
def _year(region: str, year: int) -> dict[date, str]:
    # Built once per region and year: the library computes each year's dates on demand.
    country, _, subdiv = region.partition("-")
    calendar = holidays.country_holidays(country, subdiv=subdiv or None, years=year)
    return dict(calendar.items())
