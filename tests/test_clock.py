"""The clinic's clock: one time zone from settings, today there, a day's bounds."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clinic_site import clock

UTC = dt.UTC


@pytest.mark.parametrize(
    ("instant", "today"),
    [
        # 07:59 UTC is still the evening before in California (PST, UTC−8).
        (dt.datetime(2026, 1, 15, 7, 59, tzinfo=UTC), dt.date(2026, 1, 14)),
        (dt.datetime(2026, 1, 15, 8, 0, tzinfo=UTC), dt.date(2026, 1, 15)),
        # Summer: PDT, UTC−7.
        (dt.datetime(2026, 7, 1, 6, 59, tzinfo=UTC), dt.date(2026, 6, 30)),
        (dt.datetime(2026, 7, 1, 7, 0, tzinfo=UTC), dt.date(2026, 7, 1)),
    ],
)
def test_today_is_the_clinics_calendar_day(instant, today):
    assert clock.today(instant) == today
    assert clock.local_date(instant) == today


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        (dt.date(2026, 1, 15), 24),
        (dt.date(2026, 3, 8), 23),  # spring forward
        (dt.date(2026, 11, 1), 25),  # fall back
    ],
)
def test_a_days_bounds_are_its_midnights_whatever_its_length(day, hours):
    start, end = clock.day_bounds(day)
    assert start.astimezone(clock.clinic_tz()).time() == dt.time(0)
    assert end.astimezone(clock.clinic_tz()).date() == day + dt.timedelta(days=1)
    # Same-zone subtraction is wall-clock in Python; the elapsed time is measured in UTC.
    assert end.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=hours)
    assert clock.day_start(day) == start


def test_the_zone_comes_from_settings(settings):
    settings.CLINIC_TIME_ZONE = "America/New_York"
    assert clock.clinic_tz() == ZoneInfo("America/New_York")
    # 04:30 UTC on Jan 15 is still Jan 14 in New York (UTC−5), and in California.
    assert clock.today(dt.datetime(2026, 1, 15, 4, 30, tzinfo=UTC)) == dt.date(2026, 1, 14)
    assert clock.today(dt.datetime(2026, 1, 15, 5, 30, tzinfo=UTC)) == dt.date(2026, 1, 15)
    assert clock.day_start(dt.date(2026, 1, 15)).utcoffset() == dt.timedelta(hours=-5)
