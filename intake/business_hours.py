"""Clinic business hours and response-due arithmetic (pure; no database).

Response due = the inquiry's arrival plus N business hours for its priority
(settings.RESPONSE_DUE_BUSINESS_HOURS). Business hours come from SiteSettings.hours when
that text can be read ("Monday to Friday, 9 am to 5 pm"), else Monday–Friday 9–17.
`subtract_business_hours` is the exact inverse used to filter overdue rows in SQL:
    add_business_hours(c, h) <= now   ⟺   c <= subtract_business_hours(now, h)
"""

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class BusinessHours:
    """Opening time, closing time and open weekdays (0 = Monday), in one time zone."""

    opens: dt.time = dt.time(9, 0)
    closes: dt.time = dt.time(17, 0)
    weekdays: frozenset[int] = frozenset(range(5))
    tz: str = "America/Los_Angeles"  # callers pass settings.CLINIC_TIME_ZONE

    def __post_init__(self):
        if self.closes <= self.opens:
            raise ValueError("closing time must be after opening time")
        if not self.weekdays:
            raise ValueError("at least one open weekday is needed")

    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if day.weekday() not in self.weekdays:
            return None
        zone = ZoneInfo(self.tz)
        return (
            dt.datetime.combine(day, self.opens, tzinfo=zone),
            dt.datetime.combine(day, self.closes, tzinfo=zone),
        )

    def is_open_at(self, moment: dt.datetime) -> bool:
        """Whether the clinic is open at this aware moment (else: out of hours, on call)."""
        local = moment.astimezone(ZoneInfo(self.tz))
        window = self.window(local.date())
        return window is not None and window[0] <= local < window[1]


DEFAULT_HOURS = BusinessHours()


def add_business_hours(start: dt.datetime, hours: float, *, schedule: BusinessHours) -> dt.datetime:
    """The moment `hours` business hours after `start` (an aware datetime)."""
    remaining = dt.timedelta(hours=hours)
    cursor = start.astimezone(ZoneInfo(schedule.tz))
    day = cursor.date()
    for _ in range(3660):  # ten years of days: always enough, never an endless loop
        window = schedule.window(day)
        if window is not None:
            opens, closes = window
            cursor = max(cursor, opens)
            if cursor < closes:
                available = closes - cursor
                if remaining <= available:
                    return (cursor + remaining).astimezone(dt.UTC)
                remaining -= available
        day += dt.timedelta(days=1)
        cursor = dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(schedule.tz))
    raise ValueError("no business hours found within ten years")


def subtract_business_hours(
    end: dt.datetime, hours: float, *, schedule: BusinessHours
) -> dt.datetime:
    """The latest moment whose `add_business_hours(..., hours)` is at or before `end`."""
    remaining = dt.timedelta(hours=hours)
    cursor = end.astimezone(ZoneInfo(schedule.tz))
    day = cursor.date()
    for _ in range(3660):
        window = schedule.window(day)
        if window is not None:
            opens, closes = window
            cursor = min(cursor, closes)
            if cursor > opens:
                available = cursor - opens
                if remaining <= available:
                    return (cursor - remaining).astimezone(dt.UTC)
                remaining -= available
        day -= dt.timedelta(days=1)
        cursor = dt.datetime.combine(day, dt.time.max, tzinfo=ZoneInfo(schedule.tz))
    raise ValueError("no business hours found within ten years")


_DAY_RANGE = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*(?:to|through|thru|-|–|—)\s*"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*",
    re.IGNORECASE,
)
_TIME_RANGE = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:to|-|–|—)\s*"
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?",
    re.IGNORECASE,
)


def _to_time(hour: str, minute: str | None, meridiem: str | None) -> dt.time:
    h, m = int(hour), int(minute or 0)
    marker = (meridiem or "").replace(".", "").lower()
    if marker == "pm" and h < 12:
        h += 12
    if marker == "am" and h == 12:
        h = 0
    return dt.time(h, m)


def parse_clinic_hours(text: str, *, tz: str = DEFAULT_HOURS.tz) -> BusinessHours | None:
    """Read "Monday to Friday, 9 am to 5 pm" style text; None when it cannot be read."""
    days = _DAY_RANGE.search(text or "")
    times = _TIME_RANGE.search(text or "")
    if not days or not times:
        return None
    first = _DAY_NAMES.index(days.group(1).lower()[:3])
    last = _DAY_NAMES.index(days.group(2).lower()[:3])
    weekdays = frozenset(d % 7 for d in range(first, first + ((last - first) % 7) + 1))
    open_meridiem = times.group(3)
    close_meridiem = times.group(6)
    if close_meridiem and not open_meridiem and int(times.group(1)) < 12:
        # "9-5 pm": the opening hour is a morning hour unless that makes no sense.
        open_meridiem = "am"
    try:
        opens = _to_time(times.group(1), times.group(2), open_meridiem)
        closes = _to_time(times.group(4), times.group(5), close_meridiem)
        if not close_meridiem and closes <= opens and closes.hour < 12:
            closes = dt.time(closes.hour + 12, closes.minute)  # "9 to 5"
        return BusinessHours(opens=opens, closes=closes, weekdays=weekdays, tz=tz)
    except ValueError:
        return None
