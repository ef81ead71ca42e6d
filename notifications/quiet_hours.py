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


# A message moved to before quiet hours goes this long before they begin, so that a short
# delay in delivery cannot carry it into them.
BEFORE_QUIET_HOURS_MARGIN = dt.timedelta(minutes=15)


def quiet_hours_began(when: dt.datetime, *, start_hour: int, end_hour: int, tz: str) -> dt.datetime:
    """The start (in UTC) of the quiet hours `when` falls in; `when` must be in quiet hours."""
    zone = ZoneInfo(tz)
    local = when.astimezone(zone)
    start_day = local.date()
    if start_hour > end_hour and local.hour < end_hour:  # early morning: they began last night
        start_day -= dt.timedelta(days=1)
    return dt.datetime.combine(start_day, dt.time(start_hour), tzinfo=zone).astimezone(dt.UTC)


def send_time_before_deadline(
    due: dt.datetime,
    *,
    deadline: dt.datetime,
    now: dt.datetime,
    start_hour: int,
    end_hour: int,
    tz: str,
) -> dt.datetime | None:
    """When to send a text due at `due` that is useless after `deadline` (e.g. a reminder
    and its appointment), or None if it should not be sent at all.

    Never after the deadline: outside quiet hours it goes when due; in quiet hours it waits
    for their end if that is still before the deadline, else goes shortly before those quiet
    hours begin (the evening before; at once if that is already past and they have not
    begun); otherwise it is dropped.
    """
    if due > deadline:
        return None
    if not in_quiet_hours(due, start_hour=start_hour, end_hour=end_hour, tz=tz):
        return due
    after = next_allowed_time(due, start_hour=start_hour, end_hour=end_hour, tz=tz)
    if after <= deadline:
        return after
    began = quiet_hours_began(due, start_hour=start_hour, end_hour=end_hour, tz=tz)
    before = max(began - BEFORE_QUIET_HOURS_MARGIN, now)
    if before < began and not in_quiet_hours(
        before, start_hour=start_hour, end_hour=end_hour, tz=tz
    ):
        return before
    return None
