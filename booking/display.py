"""How booking times and places read to a person: Pacific time, labelled, discreet."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from clinic_site.clock import local

# Every text here is in the active language: the page's, or the recipient's for a message
# (rendered under translation.override).
PACIFIC_LABEL = gettext_lazy("Pacific time")


def _clock(local: datetime) -> str:
    hour = local.hour % 12 or 12
    suffix = pgettext("time of day", "am") if local.hour < 12 else pgettext("time of day", "pm")
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
    """'Tuesday, March 10, 2026' ('martes, 10 de marzo de 2026')."""
    # Translators: a date format (Django's date letters): weekday, month, day, year.
    return dateformat.format(day, _("l, F j, Y"))


def when_text(start: datetime) -> str:
    """'Tuesday, March 10, 2026 at 10:00 am Pacific time'."""
    wall = local(start)
    # Spanish says "a la 1:00" but "a las 2:00": the one o'clock hours get their own wording.
    if wall.hour % 12 == 1:
        pattern = pgettext("one o'clock", "{day} at {time} {zone}")
    else:
        pattern = _("{day} at {time} {zone}")
    return pattern.format(day=day_text(wall.date()), time=time_text(start), zone=PACIFIC_LABEL)


def time_zone_text(start: datetime) -> str:
    """'10:00 am Pacific time' (a time on a day the page already names)."""
    return _("{time} {zone}").format(time=time_text(start), zone=PACIFIC_LABEL)


# A building number followed by a word, at the start of a line or after a comma:
# "1 Main St", "Suite 200, 123 Main St" — but not "Orange County, CA 92660" or "PO Box 12".
_STREET_NUMBER = re.compile(r"(?:^|[\n,])\s*\d+[A-Za-z-]*\s+[A-Za-z]")

MODE_WORDS = {
    "phone": gettext_lazy("by phone"),
    "video": gettext_lazy("by video"),
    "in_person": gettext_lazy("in person"),
}


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
        return _("by phone: we will call you at the number you gave")
    if mode == "video":
        return _("by video: we will email you a private link before the call")
    if mode == "in_person":
        street = has_street_address(address)
        address = ", ".join(" ".join(line.split()) for line in address.splitlines() if line.strip())
        if street:
            return _("in person at {address}").format(address=address)
        place = (
            _("in person at our office in {address}").format(address=address)
            if address
            else _("in person at our office")
        )
        if phone:
            return _("{place} (call us at {phone} for the street address)").format(
                place=place, phone=phone
            )
        return place
    raise ValueError(f"unknown mode {mode!r}")


def where_choice_text(modes: list[str]) -> str:
    """The "where / how" line before a person has chosen between several ways to meet."""
    if len(modes) == 1:
        raise ValueError("one mode: use where_text")
    words = [str(MODE_WORDS[m]) for m in modes]
    return _("{some} or {last} (you choose below)").format(
        some=", ".join(words[:-1]), last=words[-1]
    )


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
        # Translators: a date format (Django's date letters): month and day.
        return _("Week of {date}").format(date=dateformat.format(first, _("F j")))

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
