"""How booking times and places read to a person: Pacific time, labelled, discreet."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from clinic_site.clock import local

PACIFIC_LABEL = "Pacific time"


def _clock(local: datetime) -> str:
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}:{local.minute:02d} {suffix}"


def time_text(start: datetime) -> str:
    """'10:00 am', or '1:30 am PDT' / '1:30 am PST' for the hour repeated at fall-back."""
    wall = local(start)
    text = _clock(wall)
    twin = wall.replace(fold=1 - wall.fold)
    if twin.utcoffset() != wall.utcoffset():
        text = f"{text} {wall.tzname()}"
    return text


def day_text(day: date) -> str:
    """'Tuesday, March 10, 2026'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def when_text(start: datetime) -> str:
    """'Tuesday, March 10, 2026 at 10:00 am Pacific time'."""
    return f"{day_text(local(start).date())} at {time_text(start)} {PACIFIC_LABEL}"


# A building number followed by a word, at the start of a line or after a comma:
# "1 Main St", "Suite 200, 123 Main St" — but not "Orange County, CA 92660" or "PO Box 12".
_STREET_NUMBER = re.compile(r"(?:^|[\n,])\s*\d+[A-Za-z-]*\s+[A-Za-z]")

MODE_WORDS = {"phone": "by phone", "video": "by video", "in_person": "in person"}


def has_street_address(address: str) -> bool:
    """Whether the clinic's address says where to go (a street), not just an area."""
    return bool(_STREET_NUMBER.search(address or ""))


def where_text(*, mode: str, address: str = "", phone: str = "") -> str:
    """Where to go or how to join — nothing about what the appointment is for.

    In person without a street address on file (Site settings holds only an area), the
    text says so plainly and gives the phone number, rather than promising an address
    that no message would carry.
    """
    if mode == "phone":
        return "by phone: we will call you at the number you gave"
    if mode == "video":
        return "by video: we will email you a private link before the call"
    if mode == "in_person":
        street = has_street_address(address)
        address = ", ".join(" ".join(line.split()) for line in address.splitlines() if line.strip())
        if street:
            return f"in person at {address}"
        place = f"in person at our office in {address}" if address else "in person at our office"
        return f"{place} (call us at {phone} for the street address)" if phone else place
    raise ValueError(f"unknown mode {mode!r}")


def where_choice_text(modes: list[str]) -> str:
    """The "where / how" line before a person has chosen between several ways to meet."""
    if len(modes) == 1:
        raise ValueError("one mode: use where_text")
    words = [MODE_WORDS[m] for m in modes]
    return f"{', '.join(words[:-1])} or {words[-1]} (you choose below)"


@dataclass(frozen=True)
class CalendarDay:
    """One square of the booking calendar: a date and its open times (None: nothing open)."""

    date: date
    row: dict | None

    @property
    def label(self) -> str:
        return day_text(self.date)


@dataclass(frozen=True)
class CalendarWeek:
    """Monday to Sunday; `heading` reads "Week of December 7" (Pacific dates)."""

    days: tuple[CalendarDay, ...]

    @property
    def heading(self) -> str:
        first = self.days[0].date
        return f"Week of {first:%B} {first.day}"

    @property
    def open_count(self) -> int:
        return sum(1 for day in self.days if day.row)


def calendar_weeks(day_rows: list[dict]) -> list[CalendarWeek]:
    """The days with open times laid out as whole weeks (Monday first), from the week of the
    first open day to the week of the last; weeks with nothing open in between are kept,
    so the calendar never jumps without saying so."""
    by_date = {row["date"]: row for row in day_rows}
    if not by_date:
        return []
    start = min(by_date) - timedelta(days=min(by_date).weekday())
    end = max(by_date)
    weeks = []
    while start <= end:
        days = tuple(
            CalendarDay(date=start + timedelta(days=n), row=by_date.get(start + timedelta(days=n)))
            for n in range(7)
        )
        weeks.append(CalendarWeek(days=days))
        start += timedelta(days=7)
    return weeks
