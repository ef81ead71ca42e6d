"""How booking times and places read to a person: Pacific time, labelled, discreet."""

from datetime import date, datetime

from .slots import CLINIC_TZ

PACIFIC_LABEL = "Pacific time"


def _clock(local: datetime) -> str:
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}:{local.minute:02d} {suffix}"


def time_text(start: datetime) -> str:
    """'10:00 am', or '1:30 am PDT' / '1:30 am PST' for the hour repeated at fall-back."""
    local = start.astimezone(CLINIC_TZ)
    text = _clock(local)
    twin = local.replace(fold=1 - local.fold)
    if twin.utcoffset() != local.utcoffset():
        text = f"{text} {local.tzname()}"
    return text


def day_text(day: date) -> str:
    """'Tuesday, March 10, 2026'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def when_text(start: datetime) -> str:
    """'Tuesday, March 10, 2026 at 10:00 am Pacific time'."""
    local = start.astimezone(CLINIC_TZ)
    return f"{day_text(local.date())} at {time_text(start)} {PACIFIC_LABEL}"


def where_text(*, mode: str, address: str = "") -> str:
    """Where to go or how to join — nothing about what the appointment is for."""
    if mode == "phone":
        return "by phone: we will call you at the number you gave"
    if mode == "video":
        return "by video: we will email you a private link before the call"
    if mode == "in_person":
        return f"in person at {address}" if address else "in person at our office"
    raise ValueError(f"unknown mode {mode!r}")
