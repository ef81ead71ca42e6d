"""Open times cached per clinician and day, invalidated by any change to what shapes them.

The day and time pages need every chosen clinician's open times for the booking window on
each view; computing them costs three queries (weekly hours, time off, appointments) and the
slot engine. So the open start times of each (clinician, day, timing rules) are kept in the
shared cache:

* Each clinician has an *availability generation* token. Saving or deleting one of their
  appointments, weekly hours or time off (signals below; `availability_changed` for the few
  bulk UPDATEs in booking.services; `time_freed` from booking.events) replaces the token,
  now and again once the transaction commits, so every cached day of that clinician is
  stale at once and the next request, in any process, recomputes it. An entry records the
  token it was computed under; one MGET reads the tokens on every request.
* An entry holds the day's open start times ignoring "now": minimum notice and the horizon
  are applied when reading. A hold that has not expired blocks its time, and an expired one
  stops blocking without any write, so an entry shaped by a live hold is kept only until
  that hold expires.
* The timing rules (duration, buffers, step) are part of the key, so editing a consultation
  type needs no invalidation of open times. Which types are bookable and who offers them
  (the catalog) is kept per worker under its own token (`catalog_value`).

Reads that must see the database itself (the booking services deciding whether a time is
still open) pass `cached=False` to `booking.selectors.open_slots_for`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from clinic_site.outage import service_recovered
from pages.models import TeamMember

from . import slots as engine
from .events import time_freed
from .models import (
    Appointment,
    AvailabilityException,
    AvailabilityRule,
    Clinician,
    ConsultationType,
)

# Entries live as long as the booking window needs them; a changed generation makes them
# unreachable long before that.
ENTRY_SECONDS = 24 * 60 * 60


# --- invalidation ------------------------------------------------------------------------
def _generation_key(clinician_id: int) -> str:
    return f"booking:open-gen:{clinician_id}"


def availability_changed(*, clinician_ids: Iterable[int | None]) -> None:
    """Every cached day of these clinicians is stale: now, and again once the surrounding
    transaction commits (a reader between the write and the commit may have computed from
    the old rows under the new token)."""
    keys = sorted({_generation_key(cid) for cid in clinician_ids if cid is not None})
    if not keys:
        return

    def bump():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)

    bump()
    transaction.on_commit(bump)


def _remember_clinician(sender, instance, **kwargs):
    # The clinician the row had when loaded: a reschedule may move it to another clinician,
    # and both clinicians' days change. (Deferred: not known, so not remembered.)
    instance._availability_clinician_id = instance.__dict__.get("clinician_id")


def _schedule_saved_or_deleted(sender, instance, **kwargs):
    availability_changed(
        clinician_ids=[instance.clinician_id, getattr(instance, "_availability_clinician_id", None)]
    )
    instance._availability_clinician_id = instance.clinician_id


def _cache_back_after_outage(sender, name, **kwargs):
    """Changes made while Redis was unreachable could not replace any token; a Redis that
    comes back with its old data would serve open times from before them."""
    if name == "cache":
        worker_entries.entries.clear()
        availability_changed(clinician_ids=Clinician.objects.values_list("pk", flat=True))
        catalog_changed()


def _time_freed(sender, *, clinician_id, **kwargs):
    # Sent by code that frees time with a bulk UPDATE (e.g. a waitlist offer's hold ending).
    availability_changed(clinician_ids=[clinician_id])


def connect() -> None:
    service_recovered.connect(_cache_back_after_outage, dispatch_uid="booking-cache-recovered")
    time_freed.connect(_time_freed, dispatch_uid="booking-availability-time-freed")
    for model in (Appointment, AvailabilityRule, AvailabilityException):
        uid = f"booking-availability-{model.__name__}"
        post_init.connect(_remember_clinician, sender=model, dispatch_uid=uid + "-init")
        post_save.connect(_schedule_saved_or_deleted, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_schedule_saved_or_deleted, sender=model, dispatch_uid=uid + "-del")


# --- the bookable catalog: types by slug and who offers them -----------------------------
# Read on every day and time page, changed a few times a year in the admin. Each worker keeps
# what it read for the current catalog token and checks the token at most every
# PAGE_LOCAL_REVALIDATE_SECONDS (production: 1 s, as for public pages; 0: on every read).
CATALOG_KEY = "booking:catalog-gen"
_MAX_CATALOG_VALUES = 1000


class _CatalogCopy:
    def __init__(self):
        self.clear()

    def clear(self):
        self.generation, self.checked_at, self.values = "", 0.0, {}


catalog_copy = _CatalogCopy()


def catalog_value(name: str, build):
    """`build()`'s result, kept by this worker until the catalog token changes."""
    seconds = settings.PAGE_LOCAL_REVALIDATE_SECONDS
    moment = time.monotonic()
    if not (seconds > 0 and moment - catalog_copy.checked_at < seconds):
        token = cache.get(CATALOG_KEY)
        if token is None:
            cache.add(CATALOG_KEY, uuid.uuid4().hex, timeout=None)
            token = cache.get(CATALOG_KEY)
        if token is None:  # the cache is unreachable: read the database, keep nothing
            catalog_copy.clear()
            return build()
        if token != catalog_copy.generation or len(catalog_copy.values) > _MAX_CATALOG_VALUES:
            catalog_copy.values = {}
        catalog_copy.generation, catalog_copy.checked_at = token, moment
    if name not in catalog_copy.values:
        catalog_copy.values[name] = build()
    return catalog_copy.values[name]


def catalog_changed(**kwargs) -> None:
    """A consultation type, a clinician, their public profile or who offers what changed:
    every worker reloads."""

    def bump():
        catalog_copy.clear()
        cache.set(CATALOG_KEY, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def connect_catalog() -> None:
    # A clinician's public profile (photo, role, whether it is shown) is read with the
    # clinicians; deleting one clears Clinician.profile with a bulk UPDATE (SET_NULL), which
    # sends no signal of Clinician's own: the profile's own signals cover both.
    for model in (ConsultationType, Clinician, TeamMember):
        uid = f"booking-catalog-{model.__name__}"
        post_save.connect(catalog_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(catalog_changed, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(
        catalog_changed,
        sender=Clinician.consultation_types.through,
        dispatch_uid="booking-catalog-offers",
    )


# --- entries ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DayEntry:
    """One clinician's open start times on one Pacific day (UTC epoch seconds)."""

    generation: str | None
    starts: tuple[int, ...]
    computed_at: float  # epoch seconds of the "now" it was computed at
    valid_until: float | None  # the first live hold's expiry that shaped it, if any

    def usable_at(self, generation: str | None, now: datetime) -> bool:
        moment = now.timestamp()
        return (
            generation is not None
            and self.generation == generation
            and self.computed_at <= moment
            and (self.valid_until is None or moment < self.valid_until)
        )


def _rules_key(rules: engine.SlotRules) -> str:
    minutes = [
        int(value.total_seconds() // 60)
        for value in (rules.duration, rules.buffer_before, rules.buffer_after, rules.step)
    ]
    return "-".join(map(str, minutes))


def _entry_key(rules_key: str, clinician_id: int, day: date) -> str:
    return f"booking:open:{rules_key}:{clinician_id}:{day.isoformat()}"


def _compute_days(
    *, schedules, rules: engine.SlotRules, days: list[date], now: datetime, generations, holds
) -> dict[tuple[int, date], DayEntry]:
    """Each (clinician, day)'s open starts with notice and horizon lifted: the day computed
    as if "now" were its midnight, so only weekly hours, time off and bookings decide."""
    unbounded = replace(rules, minimum_notice=timedelta(0), horizon=timedelta(days=2))
    computed = {}
    for schedule in schedules:
        expiries = holds.get(schedule.clinician_id, ())
        for day in days:
            bounds = engine.local_day_bounds(day)
            slots = engine.open_slots(
                schedule=schedule,
                rules=unbounded,
                now=bounds.start,
                start_from=bounds.start,
                end_before=bounds.end,
            )
            # A live hold anywhere near this day may be what closed one of its times.
            near = [
                expiry.timestamp()
                for expiry, start, end in expiries
                if start < bounds.end + timedelta(days=1) and end > bounds.start - timedelta(days=1)
            ]
            computed[(schedule.clinician_id, day)] = DayEntry(
                generation=generations[schedule.clinician_id],
                starts=tuple(int(slot.start.timestamp()) for slot in slots),
                computed_at=now.timestamp(),
                valid_until=min(near) if near else None,
            )
    return computed


class _WorkerEntries:
    """Day entries this worker process read or computed. The generation tokens are read from
    the shared cache on every request, so a change made anywhere is seen on the next request;
    only the entries themselves, which a token makes current or stale, are kept here."""

    MAX_ENTRIES = 20_000

    def __init__(self):
        self.entries: dict[str, DayEntry] = {}

    def keep(self, found: dict[str, DayEntry]) -> None:
        if len(self.entries) + len(found) > self.MAX_ENTRIES:
            self.entries.clear()
        self.entries.update(found)


worker_entries = _WorkerEntries()


def _current_generations(clinician_ids: list[int]) -> dict[int, str | None]:
    keys = {cid: _generation_key(cid) for cid in clinician_ids}
    found = cache.get_many(list(keys.values()))
    missing = [key for key in keys.values() if key not in found]
    if missing:
        # add(): a token another process set first wins; read back whichever is current.
        for key in missing:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
    # None when the cache is unreachable: then nothing is trusted or kept, every day computed.
    return {cid: found.get(key) for cid, key in keys.items()}


def day_entries(
    *,
    clinicians: list,
    rules: engine.SlotRules,
    days: list[date],
    now: datetime,
    load,
) -> dict[tuple[int, date], DayEntry]:
    """Each (clinician, day)'s entry, current for the clinician's generation: one round trip
    for the tokens; entries from this worker's copy, else the shared cache (a second round
    trip), else computed (three queries, whatever the number of days) and stored. `load`
    reads the database: (schedules, live holds) for some clinicians over a window."""
    clinician_ids = [c.pk for c in clinicians]
    generations = _current_generations(clinician_ids)
    rules_key = _rules_key(rules)
    keys = {(cid, day): _entry_key(rules_key, cid, day) for cid in clinician_ids for day in days}
    entries: dict[tuple[int, date], DayEntry] = {}
    wanted: dict[tuple[int, date], str] = {}
    for pair, key in keys.items():
        entry = worker_entries.entries.get(key)
        if entry is not None and entry.usable_at(generations[pair[0]], now):
            entries[pair] = entry
        else:
            wanted[pair] = key
    if not wanted:
        return entries
    shared = cache.get_many(list(wanted.values()))
    stale = []
    for pair, key in wanted.items():
        entry = shared.get(key)
        if isinstance(entry, DayEntry) and entry.usable_at(generations[pair[0]], now):
            entries[pair] = entry
        else:
            stale.append(pair)
    computed: dict[tuple[int, date], DayEntry] = {}
    if stale:
        stale_ids = sorted({cid for cid, _ in stale})
        stale_days = sorted({day for _, day in stale})
        span = engine.Interval(
            engine.local_day_bounds(stale_days[0]).start,
            engine.local_day_bounds(stale_days[-1]).end,
        )
        by_id = {c.pk: c for c in clinicians}
        schedules, holds = load(clinicians=[by_id[cid] for cid in stale_ids], window=span)
        everything = _compute_days(
            schedules=schedules,
            rules=rules,
            days=stale_days,
            now=now,
            generations=generations,
            holds=holds,
        )
        computed = {pair: everything[pair] for pair in stale}
        entries.update(computed)
    # Only entries tied to a known token are kept (none while the cache is unreachable).
    keepable = {keys[pair]: entries[pair] for pair in wanted if entries[pair].generation}
    to_share = {keys[pair]: entry for pair, entry in computed.items() if keys[pair] in keepable}
    if to_share:
        cache.set_many(to_share, ENTRY_SECONDS)
    worker_entries.keep(keepable)
    return entries


def _starts_in(entries, clinician_ids, days, *, window, rules, now) -> dict[int, list[int]]:
    """Open start times (epoch seconds) inside the window, notice and horizon applied, each
    with the clinicians free for it in the order given."""
    earliest = max(window.start, now + rules.minimum_notice)
    latest = min(window.end, now + rules.horizon)
    lo, hi = earliest.timestamp(), latest.timestamp()
    by_start: dict[int, list[int]] = {}
    for day in days:
        for cid in clinician_ids:
            for start in entries[(cid, day)].starts:
                if lo <= start < hi:
                    by_start.setdefault(start, []).append(cid)
    return by_start


def open_slots_cached(
    *, clinicians: list, rules: engine.SlotRules, window: engine.Interval, now: datetime, **loaders
) -> list[engine.Slot]:
    """Open slots for `clinicians` starting inside `window`, from the per-day cache. Same
    result as the slot engine over the database (tests/booking/test_availability.py)."""
    if not clinicians or window.end <= window.start:
        return []
    days = engine.local_dates(window.start, window.end)
    entries = day_entries(clinicians=clinicians, rules=rules, days=days, now=now, **loaders)
    by_start = _starts_in(
        entries, [c.pk for c in clinicians], days, window=window, rules=rules, now=now
    )
    slots = []
    for start, ids in sorted(by_start.items()):
        begins = datetime.fromtimestamp(start, UTC)
        slots.append(engine.Slot(begins, begins + rules.duration, tuple(ids)))
    return slots


@dataclass(frozen=True)
class OpenDay:
    """A Pacific day with open times: how many distinct start times, and the first."""

    day: date
    count: int
    first: datetime


def open_days_cached(
    *, clinicians: list, rules: engine.SlotRules, window: engine.Interval, now: datetime, **loaders
) -> list[OpenDay]:
    """The days with open times inside `window` (the day page), counted from the per-day
    entries without building every slot of the booking window."""
    if not clinicians or window.end <= window.start:
        return []
    days = engine.local_dates(window.start, window.end)
    entries = day_entries(clinicians=clinicians, rules=rules, days=days, now=now, **loaders)
    earliest = max(window.start, now + rules.minimum_notice)
    latest = min(window.end, now + rules.horizon)
    lo, hi = earliest.timestamp(), latest.timestamp()
    clinician_ids = [c.pk for c in clinicians]
    found = []
    for day in days:
        starts = {s for cid in clinician_ids for s in entries[(cid, day)].starts if lo <= s < hi}
        if starts:
            found.append(OpenDay(day, len(starts), datetime.fromtimestamp(min(starts), UTC)))
    return found
