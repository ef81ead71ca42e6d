"""The clinic's clock: its time zone (settings.CLINIC_TIME_ZONE), today there, a day's bounds.

Every "which day is it" and "where does a day start" question in the project asks this
module, so the clinic's zone is written in one place (settings) and a test can move it.
Days are calendar days in the clinic's zone; bounds are aware datetimes (compare them with
UTC values freely). A day's length follows daylight-saving time (23 or 25 hours).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def clinic_tz() -> ZoneInfo:
    """The clinic's time zone (ZoneInfo caches instances, so this is cheap)."""
    return ZoneInfo(settings.CLINIC_TIME_ZONE)


def local(instant: dt.datetime) -> dt.datetime:
    """An aware datetime as the clinic's wall clock shows it."""
    return instant.astimezone(clinic_tz())


def local_date(instant: dt.datetime) -> dt.date:
    """The clinic's calendar day that an aware datetime falls on."""
    return local(instant).date()


def today(now: dt.datetime | None = None) -> dt.date:
    """Today in the clinic's zone (`now` defaults to the current time)."""
    return local_date(now or timezone.now())


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the clinic's zone."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=clinic_tz())


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of `day` in the clinic's zone: its midnight and the next day's."""
    return day_start(day), day_start(day + dt.timedelta(days=1))
