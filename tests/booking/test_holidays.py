"""The holidays the clinic closes for (booking/holidays.py, from the `holidays` library):
dates, observed days, and the yearly task that turns them into time off."""

from datetime import date, timedelta

import pytest
from django.conf import settings

from booking.holidays import clinic_holidays, closed_days
from booking.models import AvailabilityException
from booking.services import holiday_time_off_seed
from booking.tasks import seed_holiday_time_off
from clinic_site import clock
from tests.factories import ClinicianFactory, pacific


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
    ("name", "day", "observed_on"),
    [
        ("Independence Day", date(2026, 7, 4), date(2026, 7, 3)),  # Saturday → Friday
        ("Independence Day", date(2027, 7, 4), date(2027, 7, 5)),  # Sunday → Monday
        ("Christmas Day", date(2027, 12, 25), date(2027, 12, 24)),  # Saturday → Friday
        ("New Year's Day", date(2028, 1, 1), date(2027, 12, 31)),  # Friday of the year before
        ("Christmas Day", date(2026, 12, 25), None),  # a Friday: no other day
    ],
)
def test_a_weekend_holiday_is_also_closed_on_its_observed_weekday(name, day, observed_on):
    around = {
        d: n for n, d in closed_days(first=day - timedelta(days=3), last=day + timedelta(days=3))
    }
    assert around[day] == name
    expected = {day: name}
    if observed_on:
        expected[observed_on] = f"{name} (observed)"
    assert around == expected


def test_only_the_six_holidays_the_clinic_observes_close_it():
    # The library knows more (MLK Day, Presidents' Day, Juneteenth, Veterans Day, …).
    names = {name for name, _ in clinic_holidays(2026)}
    assert len(names) == 6
    assert not closed_days(first=date(2026, 1, 2), last=date(2026, 5, 24))  # MLK, Presidents'
    assert not closed_days(first=date(2026, 6, 19), last=date(2026, 6, 19))  # Juneteenth


@pytest.mark.django_db
def test_the_yearly_task_seeds_time_off_through_next_year_once(time_machine):
    time_machine.move_to(pacific(2026, 12, 1, 3, 30), tick=False)
    working = ClinicianFactory(display_name="Alex Rivera")
    ClinicianFactory(display_name="Left the clinic", is_active=False)
    added = seed_holiday_time_off()
    rows = AvailabilityException.objects.filter(clinician=working)
    # Christmas 2026, then 2027's six plus the observed Jul 5, Dec 24 and Dec 31 (2028's
    # New Year's Day falls on a Saturday).
    assert added == rows.count() == 1 + 6 + 3
    assert AvailabilityException.objects.exclude(clinician=working).count() == 0
    christmas = rows.get(label="Holiday: Christmas Day", starts_at__year=2026)
    assert (christmas.starts_at, christmas.ends_at) == clock.day_bounds(date(2026, 12, 25))
    assert christmas.kind == AvailabilityException.Kind.TIME_OFF
    assert holiday_time_off_seed() == 0  # a second run adds nothing


def test_beat_runs_the_holiday_task_every_december():
    entry = settings.CELERY_BEAT_SCHEDULE["booking-seed-holiday-time-off"]
    assert entry["task"] == seed_holiday_time_off.name
    assert entry["schedule"].month_of_year == {12}


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
