"""Calendar arithmetic: calendar months clamped to the month's end, and Norwegian working days.

Public holidays come from ``holidays.Norway`` (moveable feasts such as Easter, Ascension Day and
Whit Monday are computed by the library). Sundays are handled as weekend days here, so the holiday
calendar is built with ``include_sundays=False``. Christmas Eve (24 Dec) and New Year's Eve are
*not* public holidays in Norway, and the library agrees; offices that close on those days are
still given a due date on them.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays


def add_months(d: date, n: int) -> date:
    """``d`` plus ``n`` calendar months, clamped to the end of the month (31 Jan + 1 = 28/29 Feb).

    ``n`` may be negative.
    """
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    month = month0 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.Norway(years=year, include_sundays=False).keys())


def is_public_holiday(d: date) -> bool:
    """True on a Norwegian public holiday (helligdag or 1 and 17 May); Sundays are not counted."""
    return d in _holidays_of(d.year)


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday."""
    return d.weekday() < 5 and not is_public_holiday(d)


def previous_working_day(d: date) -> date:
    """``d`` itself if it is a working day, otherwise the nearest working day before it."""
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d
