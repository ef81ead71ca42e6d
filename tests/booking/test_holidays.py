"""The holidays the clinic closes for (booking/holidays.py): dates and observed days."""

from datetime import date

import pytest

from booking.holidays import clinic_holidays, closed_days, observed


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2026,
            {
                "New Year's Day": date(2026, 1, 1),
                "Memorial Day": date(2026, 5, 25),
                "Independence Day": date(2026, 7, 4),
                "Labor Day": date(2026, 9, 7),
                "Thanksgiving Day": date(2026, 11, 26),
                "Christmas Day": date(2026, 12, 25),
            },
        ),
        (
            2027,
            {
                "New Year's Day": date(2027, 1, 1),
                "Memorial Day": date(2027, 5, 31),
                "Independence Day": date(2027, 7, 4),
                "Labor Day": date(2027, 9, 6),
                "Thanksgiving Day": date(2027, 11, 25),
                "Christmas Day": date(2027, 12, 25),
            },
        ),
        (
            2028,
            {
                "New Year's Day": date(2028, 1, 1),
                "Memorial Day": date(2028, 5, 29),
                "Independence Day": date(2028, 7, 4),
                "Labor Day": date(2028, 9, 4),
                "Thanksgiving Day": date(2028, 11, 23),
                "Christmas Day": date(2028, 12, 25),
            },
        ),
    ],
)
def test_clinic_holidays(year, expected):
    assert dict(clinic_holidays(year)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 7, 4), date(2026, 7, 3)),  # Saturday → Friday
        (date(2027, 7, 4), date(2027, 7, 5)),  # Sunday → Monday
        (date(2027, 12, 25), date(2027, 12, 24)),  # Saturday → Friday
        (date(2028, 1, 1), date(2027, 12, 31)),  # Saturday → Friday of the year before
        (date(2026, 12, 25), date(2026, 12, 25)),  # Friday
    ],
)
def test_observed(day, expected):
    assert observed(day) == expected


def test_closed_days_include_the_observed_weekday_and_cross_years():
    days = {d: name for name, d in closed_days(first=date(2027, 12, 1), last=date(2028, 1, 31))}
    assert days == {
        date(2027, 12, 24): "Christmas Day (observed)",
        date(2027, 12, 25): "Christmas Day",
        date(2027, 12, 31): "New Year's Day (observed)",
        date(2028, 1, 1): "New Year's Day",
    }


def test_closed_days_keep_to_the_range():
    assert closed_days(first=date(2026, 11, 27), last=date(2026, 12, 24)) == []
    assert [d for _, d in closed_days(first=date(2026, 11, 26), last=date(2027, 1, 1))] == [
        date(2026, 11, 26),
        date(2026, 12, 25),
        date(2027, 1, 1),
    ]
