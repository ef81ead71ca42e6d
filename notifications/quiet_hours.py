"""Quiet hours for non-urgent texts: nothing is texted between 20:00 and 08:00 Pacific.

Pure functions, so the rule is tested directly with a table of times.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def in_quiet_hours(when: dt.datetime, *, start_hour: int, end_hour: int, tz: str) -> bool:
    """True if `when` falls in [start_hour, end_hour) local time (the range may wrap midnight)."""
    hour = when.astimezone(ZoneInfo(tz)).hour
    if start_hour == end_hour:
        return False
    if start_hour < end_hour:
        return start_hour <= hour < end_hour
    return hour >= start_hour or hour < end_hour


def next_allowed_time(when: dt.datetime, *, start_hour: int, end_hour: int, tz: str) -> dt.datetime:
    """`when` itself if outside quiet hours, else the end of those quiet hours (in UTC).

    The end is computed on the local wall clock, so 08:00 stays 08:00 across DST changes.
    """
    if not in_quiet_hours(when, start_hour=start_hour, end_hour=end_hour, tz=tz):
        return when
    zone = ZoneInfo(tz)
    local = when.astimezone(zone)
    end_day = local.date()
    if local.hour >= end_hour:  # evening: quiet hours end tomorrow morning
        end_day += dt.timedelta(days=1)
    end_local = dt.datetime.combine(end_day, dt.time(end_hour), tzinfo=zone)
    return end_local.astimezone(dt.UTC)
