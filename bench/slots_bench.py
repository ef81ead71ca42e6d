"""Open-slot computation for 5 clinicians × 60 days ("any available clinician").

A standalone benchmark of the pure slot engine (booking/slots.py), no database: each
clinician works Monday–Friday 9:00–17:00 Pacific with a lunch break, has a day of time off,
an evening of extra hours and about four booked appointments a day. Prints the timing.
Run: .venv/bin/python bench/slots_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from booking.slots import (  # noqa: E402
    Booked,
    ClinicianSchedule,
    Interval,
    SlotRules,
    WeeklyWindow,
    open_slots_any,
    slots_by_local_date,
)

LA = ZoneInfo("America/Los_Angeles")
CLINICIANS = 5
DAYS = 60
NOW = datetime(2026, 2, 20, 8, 0, tzinfo=LA).astimezone(UTC)  # spans the March clock change


def pacific(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LA).astimezone(UTC)


def build_schedules() -> list[ClinicianSchedule]:
    schedules = []
    first = NOW.astimezone(LA).date()
    for cid in range(1, CLINICIANS + 1):
        weekly = tuple(
            WeeklyWindow(weekday=d, start=s, end=e)
            for d in range(5)
            for s, e in ((time(9), time(12)), (time(13), time(17)))
        )
        booked = []
        for offset in range(DAYS + 1):
            day = first + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for hour in (9 + cid % 2, 11, 14, 16 - cid % 2):
                start = pacific(day, hour)
                booked.append(
                    Booked(
                        start, start + timedelta(minutes=50), timedelta(0), timedelta(minutes=10)
                    )
                )
        off_day = first + timedelta(days=7 + cid)
        schedules.append(
            ClinicianSchedule(
                clinician_id=cid,
                weekly=weekly,
                extra_hours=(
                    Interval(
                        pacific(first + timedelta(days=10), 17),
                        pacific(first + timedelta(days=10), 20),
                    ),
                ),
                time_off=(Interval(pacific(off_day, 0), pacific(off_day + timedelta(days=1), 0)),),
                booked=tuple(booked),
            )
        )
    return schedules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rules = SlotRules(
        duration=timedelta(minutes=50),
        buffer_after=timedelta(minutes=10),
        minimum_notice=timedelta(hours=24),
        horizon=timedelta(days=DAYS),
        step=timedelta(minutes=15),
    )
    schedules = build_schedules()
    appointments = sum(len(s.booked) for s in schedules)
    timings = []
    slots = []
    for _ in range(args.repeat):
        started = clock.perf_counter()
        slots = open_slots_any(schedules=schedules, rules=rules, now=NOW)
        timings.append((clock.perf_counter() - started) * 1000)
    days_with_slots = len(slots_by_local_date(slots))
    offers = sum(len(s.clinician_ids) for s in slots)
    print(f"open slots: {CLINICIANS} clinicians × {DAYS} days, {appointments} booked appointments")
    print(
        f"  distinct start times: {len(slots)} on {days_with_slots} days ({offers} clinician-slots)"
    )
    median = statistics.median(timings)
    print(
        f"  time per computation over {args.repeat} runs: median {median:.1f} ms, "
        f"min {min(timings):.1f} ms, max {max(timings):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
