"""The holidays the clinic closes for, as plain dates (pure, no database).

The dates come from the `holidays` library's US federal calendar; the clinic observes the
six named in CLINIC_HOLIDAYS (staff add others as time off per clinician). A holiday on a
Saturday is observed the Friday before, on a Sunday the Monday after (5 U.S.C. 6103(b), as
the library applies it); both the date itself and the observed weekday are closed.
The beat task `booking.tasks.seed_holiday_time_off` turns them into time off each year.
"""

from __future__ import annotations

from datetime import date

import holidays

CLINIC_HOLIDAYS = (
    "New Year's Day",
    "Memorial Day",
    "Independence Day",
    "Labor Day",
    "Thanksgiving Day",
    "Christmas Day",
)
_OBSERVED_SUFFIX = " (observed)"


def _calendar(years, *, observed: bool) -> holidays.HolidayBase:
    return holidays.country_holidays("US", years=years, observed=observed, language="en_US")


def clinic_holidays(year: int) -> list[tuple[str, date]]:
    """(name, date) of the holidays the clinic observes in a year, by date."""
    calendar = _calendar(year, observed=False)
    return sorted(
        (
            (name, day)
            for day in calendar
            for name in calendar.get_list(day)
            if name in CLINIC_HOLIDAYS
        ),
        key=lambda item: item[1],
    )


def closed_days(*, first: date, last: date) -> list[tuple[str, date]]:
    """Every (name, date) the clinic is closed for a holiday in [first, last], by date:
    the holiday itself and, when it falls on a weekend, the weekday it is observed on
    ("Christmas Day (observed)")."""
    calendar = _calendar(range(first.year - 1, last.year + 2), observed=True)
    days: dict[date, str] = {}
    for day in sorted(calendar):
        if not first <= day <= last:
            continue
        for name in calendar.get_list(day):
            if name.removesuffix(_OBSERVED_SUFFIX) in CLINIC_HOLIDAYS:
                days.setdefault(day, name)
    return [(name, day) for day, name in sorted(days.items())]
