"""Waitlist rules: pure functions, no database (tested with tables of cases).

- Windows: a couple says which days of the week and which parts of the day suit them, in
  Pacific time; a window is one (weekday, part) pair, stored as "1:morning".
- Matching: a freed slot goes to the first waiting entry it suits, urgent inquiries first,
  then in order of arrival. An entry is never offered the same slot twice (it let it lapse
  or passed it on), and holds at most one live offer.
- Timing: an offer that would go out in quiet hours waits for their end; its hold, and the
  expiry clock, start when it is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext_lazy as _

from clinic_site import clock
from notifications.quiet_hours import next_allowed_time

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PartOfDay:
    key: str
    label: str
    starts: time  # wall-clock start (inclusive); the part ends where the next begins


PARTS_OF_DAY = (
    PartOfDay("morning", _("Morning (before noon)"), time(0)),
    PartOfDay("afternoon", _("Afternoon (noon to 5 pm)"), time(12)),
    PartOfDay("evening", _("Evening (5 pm or later)"), time(17)),
)
PART_KEYS = tuple(p.key for p in PARTS_OF_DAY)


def part_of_day(wall: time) -> str:
    """'morning' before 12:00, 'afternoon' until 17:00, 'evening' after (Pacific clock)."""
    current = PARTS_OF_DAY[0].key
    for part in PARTS_OF_DAY:
        if wall >= part.starts:
            current = part.key
    return current


def window_key(weekday: int, part: str) -> str:
    if not 0 <= weekday <= 6 or part not in PART_KEYS:
        raise ValueError(f"not a window: {weekday!r}, {part!r}")
    return f"{weekday}:{part}"


def windows_from(days: Iterable[int], parts: Iterable[str]) -> list[str]:
    """Every (day, part) pair of the days and parts chosen on the form, in week order."""
    parts = [p for p in PART_KEYS if p in set(parts)]
    return [window_key(d, p) for d in sorted(set(days)) for p in parts]


def slot_window(start: datetime) -> str:
    """The window a slot starting at `start` (aware) falls in, on the Pacific clock."""
    local = clock.local(start)
    return window_key(local.weekday(), part_of_day(local.time()))


def windows_text(windows: Sequence[str]) -> str:
    """'Tuesday morning, Thursday afternoon or evening' — for staff and the person."""
    by_day: dict[int, list[str]] = {}
    for key in windows:
        day, part = key.split(":")
        by_day.setdefault(int(day), []).append(part)
    return "; ".join(
        f"{WEEKDAYS[day]} {' or '.join(p for p in PART_KEYS if p in parts)}"
        for day, parts in sorted(by_day.items())
    )


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know about one waitlist entry."""

    entry_id: int
    arrived: datetime
    consultation_type_id: int
    windows: frozenset[str]
    valid_until: date
    clinician_ids: frozenset[int] = frozenset()  # empty: any clinician
    urgent: bool = False
    waiting: bool = True  # False while it holds a live offer, or once closed
    # (clinician_id, start, end) of every time offered to it before: it let them lapse or
    # passed them on, so neither they nor an overlapping time are offered to it again.
    offered_before: frozenset[tuple[int, datetime, datetime]] = field(default_factory=frozenset)

    @property
    def order(self) -> tuple:
        return (not self.urgent, self.arrived, self.entry_id)


def _offered_before(candidate: Candidate, clinician_id: int, start: datetime, end: datetime):
    return any(c == clinician_id and s < end and start < e for c, s, e in candidate.offered_before)


def suits(
    candidate: Candidate,
    *,
    consultation_type_id: int,
    clinician_id: int,
    start: datetime,
    end: datetime,
) -> bool:
    """Whether a slot (type, clinician, [start, end)) suits a waiting entry."""
    return (
        candidate.waiting
        and candidate.consultation_type_id == consultation_type_id
        and (not candidate.clinician_ids or clinician_id in candidate.clinician_ids)
        and clock.local_date(start) <= candidate.valid_until
        and slot_window(start) in candidate.windows
        and not _offered_before(candidate, clinician_id, start, end)
    )


def first_in_line(
    candidates: Iterable[Candidate],
    *,
    consultation_type_id: int,
    clinician_id: int,
    start: datetime,
    end: datetime,
) -> Candidate | None:
    """The entry that gets the first chance at a slot: urgent first, then arrival order."""
    slot = {
        "consultation_type_id": consultation_type_id,
        "clinician_id": clinician_id,
        "start": start,
        "end": end,
    }
    suited = [c for c in candidates if suits(c, **slot)]
    return min(suited, key=lambda c: c.order, default=None)


def offer_send_time(
    now: datetime, *, quiet_start: int, quiet_end: int, tz: str = "America/Los_Angeles"
) -> datetime:
    """When an offer made at `now` goes out: now, or the end of quiet hours."""
    return next_allowed_time(now, start_hour=quiet_start, end_hour=quiet_end, tz=tz)


def offer_expiry(sent_at: datetime, *, hold_minutes: int) -> datetime:
    """The hold runs from the moment the offer is sent."""
    return sent_at + timedelta(minutes=hold_minutes)


def still_worth_sending(*, slot_start: datetime, send_at: datetime, notice: timedelta) -> bool:
    """An offer is only sent while the slot is still bookable (minimum notice) at send time."""
    return slot_start - notice > send_at
