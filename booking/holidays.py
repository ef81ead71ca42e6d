"""US federal holidays the clinic closes for, as plain dates (pure, no database).

The starter availability (manage.py seed_booking) blocks these days as time off. Only the
holidays the clinic observes are listed; staff add or remove others as time off per clinician.
A holiday on a Saturday is observed the Friday before, on a Sunday the Monday after
(5 U.S.C. 6103(b)); both the date itself and the observed weekday are closed.
"""

from __future__ import annotations

from datetime import date, timedelta

MONDAY, THURSDAY = 0, 3


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = 1 for the first)."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last = next_month - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def observed(day: date) -> date:
    """The weekday a fixed-date holiday is observed on."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def clinic_holidays(year: int) -> list[tuple[str, date]]:
    """(name, date) of the holidays the clinic observes in a year, by date."""
    return [
        ("New Year's Day", date(year, 1, 1)),
        ("Memorial Day", _last_weekday(year, 5, MONDAY)),
        ("Independence Day", date(year, 7, 4)),
        ("Labor Day", _nth_weekday(year, 9, MONDAY, 1)),
        ("Thanksgiving Day", _nth_weekday(year, 11, THURSDAY, 4)),
        ("Christmas Day", date(year, 12, 25)),
    ]


def closed_days(*, first: date, last: date) -> list[tuple[str, date]]:
    """Every (name, date) the clinic is closed for a holiday in [first, last], by date:
    the holiday itself and, when it falls on a weekend, the weekday it is observed on."""
    days: dict[date, str] = {}
    for year in range(first.year - 1, last.year + 2):
        for name, day in clinic_holidays(year):
            for closed in (day, observed(day)):
                if first <= closed <= last:
                    label = name if closed == day else f"{name} (observed)"
                    days.setdefault(closed, label)
    return sorted(((name, day) for day, name in days.items()), key=lambda item: item[1])
