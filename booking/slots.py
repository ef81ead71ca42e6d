"""The slot engine: which consultation start times are open. Pure functions, no database.

open times = weekly availability (+ extra hours) − time off − booked appointments with
their buffers − minimum notice, up to the booking horizon.

Rules are written in the clinic's wall-clock time (settings.CLINIC_TIME_ZONE, read through
clinic_site.clock; every `tz` argument below defaults to it). Each day's window
is turned into real instants with zoneinfo *per calendar day*, so a 9:00–17:00 rule gives
9:00–17:00 on the days the clocks change too (never shifted by an hour, as happens when a
week is built by adding 24-hour steps in UTC). Inside a window, start times advance in
elapsed time, so a night window across a clock change has no duplicated or missing instant.
A window's start or end that names a skipped or repeated time takes the reading that keeps
the window inside the stated hours: the later instant for a start, the earlier for an end.

Intervals are half-open [start, end), like PostgreSQL's default tstzrange, so back-to-back
appointments do not overlap — the same rule the database's exclusion constraint enforces.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from clinic_site.clock import clinic_tz


@dataclass(frozen=True)
class WeeklyWindow:
    """A recurring stretch of availability: weekday 0 = Monday, wall-clock times."""

    weekday: int
    start: time
    end: time
    effective_from: date | None = None
    effective_to: date | None = None

    def applies_on(self, day: date) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.effective_from and day < self.effective_from:
            return False
        return not (self.effective_to and day > self.effective_to)


@dataclass(frozen=True, order=True)
class Interval:
    """A half-open span of real time [start, end) between two aware datetimes."""

    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Booked:
    """An appointment that blocks time: its own span widened by its buffers."""

    start: datetime
    end: datetime
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)

    @property
    def blocked(self) -> Interval:
        return Interval(self.start - self.buffer_before, self.end + self.buffer_after)


@dataclass(frozen=True)
class ClinicianSchedule:
    """Everything the engine needs to know about one clinician's time."""

    clinician_id: int
    weekly: tuple[WeeklyWindow, ...] = ()
    extra_hours: tuple[Interval, ...] = ()
    time_off: tuple[Interval, ...] = ()
    booked: tuple[Booked, ...] = ()


@dataclass(frozen=True)
class SlotRules:
    """The consultation type's timing rules."""

    duration: timedelta
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    minimum_notice: timedelta = timedelta(0)
    horizon: timedelta = timedelta(days=60)
    step: timedelta = timedelta(minutes=15)

    def __post_init__(self):
        if self.duration <= timedelta(0):
            raise ValueError("duration must be positive")
        if self.step <= timedelta(0):
            raise ValueError("step must be positive")
        if self.buffer_before < timedelta(0) or self.buffer_after < timedelta(0):
            raise ValueError("buffers cannot be negative")


@dataclass(frozen=True, order=True)
class Slot:
    """An open start time (UTC) and the clinicians free for it."""

    start: datetime
    end: datetime
    clinician_ids: tuple[int, ...] = field(default=(), compare=False)

    def local_start(self, tz: ZoneInfo | None = None) -> datetime:
        return self.start.astimezone(tz or clinic_tz())


# --- wall-clock helpers ----------------------------------------------------------------
def local_instant(day: date, wall: time, tz: ZoneInfo | None = None) -> datetime:
    """The UTC instant of a wall-clock time on a day in tz.

    A time that does not exist (skipped at spring-forward) moves forward by the gap, e.g.
    02:30 on 2026-03-08 becomes 03:30 PDT. An ambiguous time (repeated at fall-back) is the
    first occurrence (daylight time), which is what people mean by "1:30".
    """
    zone = tz or clinic_tz()
    return datetime.combine(day, wall).replace(tzinfo=zone, fold=0).astimezone(UTC)


def _both_readings(day: date, wall: time, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The two instants zoneinfo gives a wall-clock time: with the offset before the clock
    change (fold=0) and after it (fold=1). Equal on every ordinary time."""
    naive = datetime.combine(day, wall)
    return (
        naive.replace(tzinfo=tz, fold=0).astimezone(UTC),
        naive.replace(tzinfo=tz, fold=1).astimezone(UTC),
    )


def _is_skipped(day: date, wall: time, tz: ZoneInfo) -> bool:
    """True for a wall time the clock never shows (the spring-forward gap)."""
    naive = datetime.combine(day, wall)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive


def _clock_jump(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The instant the clock jumps over a skipped wall time (e.g. 02:00 PST = 03:00 PDT)."""
    naive = datetime.combine(day, wall)
    after, before = _both_readings(day, wall, tz)  # in a gap, fold=0 is the later instant
    while after - before > timedelta(microseconds=1):  # ~32 halvings of at most a few hours
        middle = before + (after - before) // 2
        if middle.astimezone(tz).replace(tzinfo=None) >= naive:
            after = middle
        else:
            before = middle
    return after


def window_start_instant(day: date, wall: time, tz: ZoneInfo | None = None) -> datetime:
    """When hours that start at `wall` begin: the *later* instant when it has two readings.

    Hours from 01:30 on the autumn change begin at 01:30 PST, not 01:30 PDT (from which
    01:00 PST, an hour later in real time, would be offered: before the stated start on the
    clock). Hours from 02:30 on the spring change, a time the clock never shows, begin at
    03:30 PDT.
    """
    return max(_both_readings(day, wall, tz or clinic_tz()))


def window_end_instant(day: date, wall: time, tz: ZoneInfo | None = None) -> datetime:
    """When hours that end at `wall` end: the *earlier* real instant.

    Hours until 01:30 on the autumn change end at the first 01:30 (PDT). Hours until 02:30
    on the spring change, a time the clock never shows, end when the clock jumps from 02:00
    PST to 03:00 PDT: the last real instant not after the stated end (reading it as 03:30 PDT
    offered a 03:00 PDT slot, after the end; reading it as 01:30 PST would cut hours until
    02:00 to nothing).
    """
    zone = tz or clinic_tz()
    if _is_skipped(day, wall, zone):
        return _clock_jump(day, wall, zone)
    return min(_both_readings(day, wall, zone))


def local_dates(start: datetime, end: datetime, tz: ZoneInfo | None = None) -> list[date]:
    """Calendar dates in tz touched by [start, end)."""
    zone = tz or clinic_tz()
    first = start.astimezone(zone).date()
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- interval algebra ------------------------------------------------------------------
def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Union of intervals, sorted; touching intervals join."""
    ordered = sorted(i for i in intervals if i.end > i.start)
    merged: list[Interval] = []
    for item in ordered:
        if merged and item.start <= merged[-1].end:
            if item.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, item.end)
        else:
            merged.append(item)
    return merged


def subtract_intervals(base: Sequence[Interval], cuts: Sequence[Interval]) -> list[Interval]:
    """base − cuts; both sorted and merged."""
    result: list[Interval] = []
    cut_index = 0
    for piece in base:
        cursor = piece.start
        while cut_index < len(cuts) and cuts[cut_index].end <= cursor:
            cut_index += 1
        j = cut_index
        while j < len(cuts) and cuts[j].start < piece.end:
            cut = cuts[j]
            if cut.start > cursor:
                result.append(Interval(cursor, cut.start))
            cursor = max(cursor, cut.end)
            j += 1
        if cursor < piece.end:
            result.append(Interval(cursor, piece.end))
    return result


def availability(
    schedule: ClinicianSchedule, *, window: Interval, tz: ZoneInfo | None = None
) -> list[Interval]:
    """When the clinician works inside window: weekly windows + extra hours − time off."""
    pieces: list[Interval] = []
    for day in local_dates(window.start, window.end, tz):
        for rule in schedule.weekly:
            if rule.applies_on(day) and rule.end > rule.start:
                pieces.append(
                    Interval(
                        window_start_instant(day, rule.start, tz),
                        window_end_instant(day, rule.end, tz),
                    )
                )
    pieces.extend(schedule.extra_hours)
    clipped = [
        Interval(max(p.start, window.start), min(p.end, window.end))
        for p in pieces
        if p.overlaps(window)
    ]
    return subtract_intervals(merge_intervals(clipped), merge_intervals(schedule.time_off))


class _BusyIndex:
    """Merged blocked spans of booked appointments, searchable by bisection."""

    def __init__(self, booked: Iterable[Booked]):
        self.spans = merge_intervals(b.blocked for b in booked)
        self.ends = [s.end for s in self.spans]

    def is_free(self, span: Interval) -> bool:
        index = bisect.bisect_right(self.ends, span.start)
        return index >= len(self.spans) or self.spans[index].start >= span.end


# --- the engine --------------------------------------------------------------------------
def booking_window(*, rules: SlotRules, now: datetime) -> Interval:
    """The span in which a consultation may start: minimum notice → horizon."""
    return Interval(now + rules.minimum_notice, now + rules.horizon)


def open_slots(
    *,
    schedule: ClinicianSchedule,
    rules: SlotRules,
    now: datetime,
    start_from: datetime | None = None,
    end_before: datetime | None = None,
    tz: ZoneInfo | None = None,
) -> list[Slot]:
    """Open start times for one clinician, sorted, as UTC datetimes.

    start_from / end_before narrow the result (e.g. one day) inside the booking window.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    window = booking_window(rules=rules, now=now)
    earliest = max(window.start, start_from) if start_from else window.start
    latest_start = min(window.end, end_before) if end_before else window.end
    if latest_start <= earliest:
        return []
    # Work windows may begin before `earliest`, so the step grid stays anchored to the
    # window's own start (10:00, 10:15, ...) rather than to "now".
    search = Interval(earliest - timedelta(days=1), latest_start + rules.duration)
    busy = _BusyIndex(schedule.booked)
    slots: list[Slot] = []
    for piece in availability(schedule, window=search, tz=tz):
        start = piece.start
        if start < earliest:
            steps_to_skip = -(-(earliest - start) // rules.step)  # ceiling division
            start = start + steps_to_skip * rules.step
        while start + rules.duration <= piece.end and start < latest_start:
            end = start + rules.duration
            if busy.is_free(Interval(start - rules.buffer_before, end + rules.buffer_after)):
                slots.append(
                    Slot(start.astimezone(UTC), end.astimezone(UTC), (schedule.clinician_id,))
                )
            start += rules.step
    return slots


def open_slots_any(
    *,
    schedules: Sequence[ClinicianSchedule],
    rules: SlotRules,
    now: datetime,
    start_from: datetime | None = None,
    end_before: datetime | None = None,
    tz: ZoneInfo | None = None,
) -> list[Slot]:
    """Open start times with any of the clinicians: one Slot per start time listing each
    clinician who is free for it (in the order the schedules were given)."""
    by_start: dict[datetime, tuple[datetime, list[int]]] = {}
    for schedule in schedules:
        for slot in open_slots(
            schedule=schedule,
            rules=rules,
            now=now,
            start_from=start_from,
            end_before=end_before,
            tz=tz,
        ):
            by_start.setdefault(slot.start, (slot.end, []))[1].append(schedule.clinician_id)
    return [Slot(start, end, tuple(ids)) for start, (end, ids) in sorted(by_start.items())]


def slots_by_local_date(
    slots: Iterable[Slot], tz: ZoneInfo | None = None
) -> dict[date, list[Slot]]:
    """Group slots by their calendar date in tz, keeping order."""
    grouped: dict[date, list[Slot]] = {}
    for slot in slots:
        grouped.setdefault(slot.local_start(tz).date(), []).append(slot)
    return grouped


def local_day_bounds(day: date, tz: ZoneInfo | None = None) -> Interval:
    """Midnight to midnight of a calendar day in tz (23 or 25 hours on clock-change days)."""
    return Interval(
        local_instant(day, time(0), tz), local_instant(day + timedelta(days=1), time(0), tz)
    )


def nearest_slots(slots: Sequence[Slot], *, target: datetime, limit: int = 5) -> list[Slot]:
    """The open slots closest in time to target, sorted by start."""
    closest = sorted(slots, key=lambda s: (abs(s.start - target), s.start))[:limit]
    return sorted(closest)
