"""The slot engine, tested directly with tables of cases (no database)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.slots import (
    Booked,
    ClinicianSchedule,
    Interval,
    SlotRules,
    WeeklyWindow,
    local_day_bounds,
    local_instant,
    merge_intervals,
    nearest_slots,
    open_slots,
    open_slots_any,
    slots_by_local_date,
    subtract_intervals,
    window_end_instant,
    window_start_instant,
)

LA = ZoneInfo("America/Los_Angeles")
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def la(y, m, d, hh=0, mm=0, fold=0):
    return datetime(y, m, d, hh, mm, tzinfo=LA, fold=fold).astimezone(UTC)


def every_day(start=time(9), end=time(17)):
    return tuple(WeeklyWindow(weekday=d, start=start, end=end) for d in range(7))


def rules(minutes=60, step=60, before=0, after=0, notice_h=0, horizon_days=60):
    return SlotRules(
        duration=timedelta(minutes=minutes),
        step=timedelta(minutes=step),
        buffer_before=timedelta(minutes=before),
        buffer_after=timedelta(minutes=after),
        minimum_notice=timedelta(hours=notice_h),
        horizon=timedelta(days=horizon_days),
    )


def local_labels(slots):
    return [s.start.astimezone(LA).strftime("%H:%M %Z") for s in slots]


def day_slots(schedule, the_day, slot_rules, now):
    bounds = local_day_bounds(the_day)
    return open_slots(
        schedule=schedule,
        rules=slot_rules,
        now=now,
        start_from=bounds.start,
        end_before=bounds.end,
    )


NOW = la(2026, 3, 1, 8)


def two_days_before(the_day):
    return la(the_day.year, the_day.month, the_day.day) - timedelta(
        days=2
    )  # a Sunday, well before both clock changes


# --- DST: a 9-to-5 day reads 9-to-5 on every side of both clock changes -------------------
@pytest.mark.parametrize(
    "the_day",
    [
        date(2026, 3, 7),  # Saturday before spring-forward
        date(2026, 3, 8),  # spring-forward (02:00 → 03:00)
        date(2026, 3, 9),  # Monday after
        date(2026, 10, 31),
        date(2026, 11, 1),  # fall-back (02:00 → 01:00)
        date(2026, 11, 2),
    ],
)
def test_office_hours_are_the_same_wall_clock_times_around_dst(the_day):
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day())
    slots = day_slots(schedule, the_day, rules(), two_days_before(the_day))
    assert [s.start.astimezone(LA).strftime("%H:%M") for s in slots] == [
        f"{h:02d}:00" for h in range(9, 17)
    ]
    # each slot is exactly one real hour and none are duplicated
    assert all(s.end - s.start == HOUR for s in slots)
    assert len({s.start for s in slots}) == 8


@pytest.mark.parametrize(
    ("the_day", "expected_utc_hour"),
    [
        (date(2026, 3, 7), 17),  # PST: 09:00 = 17:00Z
        (date(2026, 3, 8), 16),  # PDT from this day: 09:00 = 16:00Z
        (date(2026, 10, 31), 16),
        (date(2026, 11, 1), 17),  # PST again
    ],
)
def test_nine_am_maps_to_the_right_utc_instant(the_day, expected_utc_hour):
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day())
    slots = day_slots(schedule, the_day, rules(), two_days_before(the_day))
    assert slots[0].start.hour == expected_utc_hour
    assert slots[0].start.tzinfo == UTC


def test_a_week_of_slots_across_spring_forward_has_no_shifted_day():
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day(time(9), time(10)))
    now = la(2026, 3, 4, 0)
    slots = open_slots(schedule=schedule, rules=rules(), now=now, end_before=la(2026, 3, 12))
    assert [s.start.astimezone(LA).strftime("%m-%d %H:%M") for s in slots] == [
        f"03-{d:02d} 09:00" for d in range(4, 12)
    ]


def test_a_week_of_slots_across_fall_back_has_no_shifted_day():
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day(time(9), time(10)))
    now = la(2026, 10, 28, 0)
    slots = open_slots(schedule=schedule, rules=rules(), now=now, end_before=la(2026, 11, 5))
    assert [s.start.astimezone(LA).strftime("%m-%d %H:%M") for s in slots] == [
        *(f"10-{d:02d} 09:00" for d in range(28, 32)),
        *(f"11-{d:02d} 09:00" for d in range(1, 5)),
    ]


@pytest.mark.parametrize(
    ("the_day", "window", "expected"),
    [
        # Spring-forward night: 01:00–04:00 wall clock is two real hours; 02:xx never exists.
        (date(2026, 3, 8), (time(1), time(4)), ["01:00 PST", "03:00 PDT"]),
        # Fall-back night: 00:00–03:00 wall clock is four real hours; 01:00 happens twice,
        # as two distinct instants — both offered, neither duplicated.
        (
            date(2026, 11, 1),
            (time(0), time(3)),
            ["00:00 PDT", "01:00 PDT", "01:00 PST", "02:00 PST"],
        ),
        # A window starting inside the spring gap starts when the clock resumes.
        (date(2026, 3, 8), (time(2, 30), time(5)), ["03:30 PDT"]),
    ],
)
def test_night_windows_across_the_clock_change_count_real_time(the_day, window, expected):
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day(*window))
    slots = day_slots(schedule, the_day, rules(), two_days_before(the_day))
    assert local_labels(slots) == expected
    starts = [s.start for s in slots]
    assert len(starts) == len(set(starts))
    assert all(b - a >= HOUR for a, b in zip(starts, starts[1:], strict=False))


@pytest.mark.parametrize(
    ("the_day", "hours"),
    [(date(2026, 3, 8), 23), (date(2026, 11, 1), 25), (date(2026, 6, 1), 24)],
)
def test_clock_change_days_are_23_and_25_hours_long(the_day, hours):
    bounds = local_day_bounds(the_day)
    assert bounds.end - bounds.start == timedelta(hours=hours)


# Issue 12: a window's edge that names a skipped or repeated time never lets a slot run
# outside the stated hours on the clock: a start takes the later reading, an end the earlier.
@pytest.mark.parametrize(
    ("the_day", "window", "expected"),
    [
        # Spring: hours until 02:30 (never shown) end when the clock jumps to 03:00 PDT; the
        # old reading (03:30 PDT) also offered 03:00 PDT, after the stated end.
        (
            date(2026, 3, 8),
            (time(0), time(2, 30)),
            ["00:00 PST", "00:30 PST", "01:00 PST", "01:30 PST"],
        ),
        # ... and hours until 02:00 keep their last half-hour (not cut to 01:00 PST).
        (date(2026, 3, 8), (time(1), time(2)), ["01:00 PST", "01:30 PST"]),
        # Spring: hours from 02:30 (never shown) start at 03:30 PDT.
        (date(2026, 3, 8), (time(2, 30), time(4, 30)), ["03:30 PDT", "04:00 PDT"]),
        # Autumn: hours from 01:30 start at 01:30 PST; the old reading (01:30 PDT) also
        # offered 01:00 PST, before the stated start on the clock.
        (
            date(2026, 11, 1),
            (time(1, 30), time(3)),
            ["01:30 PST", "02:00 PST", "02:30 PST"],
        ),
        # Autumn: hours until 01:30 end at the first 01:30 (PDT).
        (date(2026, 11, 1), (time(0), time(1, 30)), ["00:00 PDT", "00:30 PDT", "01:00 PDT"]),
    ],
)
def test_hours_that_start_or_end_on_a_clock_change_stay_inside_the_stated_hours(
    the_day, window, expected
):
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day(*window))
    slots = day_slots(schedule, the_day, rules(minutes=30, step=30), two_days_before(the_day))
    assert local_labels(slots) == expected


@pytest.mark.parametrize(
    ("the_day", "wall", "start_utc", "end_utc"),
    [
        (date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 10, 30), datetime(2026, 3, 8, 10)),
        (date(2026, 3, 8), time(2), datetime(2026, 3, 8, 10), datetime(2026, 3, 8, 10)),
        (
            date(2026, 11, 1),
            time(1, 30),
            datetime(2026, 11, 1, 9, 30),
            datetime(2026, 11, 1, 8, 30),
        ),
        (date(2026, 11, 1), time(1), datetime(2026, 11, 1, 9), datetime(2026, 11, 1, 8)),
        (date(2026, 6, 1), time(9), datetime(2026, 6, 1, 16), datetime(2026, 6, 1, 16)),
    ],
)
def test_window_edges_read_the_later_instant_for_a_start_and_the_earlier_for_an_end(
    the_day, wall, start_utc, end_utc
):
    assert window_start_instant(the_day, wall) == start_utc.replace(tzinfo=UTC)
    assert window_end_instant(the_day, wall) == end_utc.replace(tzinfo=UTC)


def test_local_instant_reads_ambiguous_time_as_the_first_occurrence():
    assert local_instant(date(2026, 11, 1), time(1, 30)) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)


# --- availability − exceptions − appointments − notice, to the horizon ---------------------
MONDAY = date(2026, 3, 16)
MON_SCHEDULE = ClinicianSchedule(
    clinician_id=7, weekly=(WeeklyWindow(weekday=0, start=time(9), end=time(12)),)
)


def mon(hh, mm=0):
    return la(2026, 3, 16, hh, mm)


CASES = [
    ("plain hours", MON_SCHEDULE, rules(), ["09:00", "10:00", "11:00"]),
    (
        "50-minute slots every 30 minutes must end inside the window",
        MON_SCHEDULE,
        rules(minutes=50, step=30),
        ["09:00", "09:30", "10:00", "10:30", "11:00"],
    ),
    (
        "time off removes what it touches",
        ClinicianSchedule(
            clinician_id=7, weekly=MON_SCHEDULE.weekly, time_off=(Interval(mon(10), mon(10, 30)),)
        ),
        rules(minutes=30, step=30),
        ["09:00", "09:30", "10:30", "11:00", "11:30"],
    ),
    (
        "extra hours add a window",
        ClinicianSchedule(
            clinician_id=7, weekly=MON_SCHEDULE.weekly, extra_hours=(Interval(mon(14), mon(15)),)
        ),
        rules(),
        ["09:00", "10:00", "11:00", "14:00"],
    ),
    (
        "extra hours touching a window merge into one",
        ClinicianSchedule(
            clinician_id=7, weekly=MON_SCHEDULE.weekly, extra_hours=(Interval(mon(12), mon(13)),)
        ),
        rules(minutes=90, step=30),
        ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"],
    ),
    (
        "a booked appointment blocks its own time",
        ClinicianSchedule(
            clinician_id=7, weekly=MON_SCHEDULE.weekly, booked=(Booked(mon(10), mon(11)),)
        ),
        rules(),
        ["09:00", "11:00"],
    ),
    (
        "the booked appointment's buffer after blocks the next start",
        ClinicianSchedule(
            clinician_id=7,
            weekly=MON_SCHEDULE.weekly,
            booked=(Booked(mon(9), mon(9, 50), buffer_after=timedelta(minutes=10)),),
        ),
        rules(minutes=30, step=30),
        ["10:00", "10:30", "11:00", "11:30"],
    ),
    (
        "the new slot's own buffers count too",
        ClinicianSchedule(
            clinician_id=7, weekly=MON_SCHEDULE.weekly, booked=(Booked(mon(10), mon(11)),)
        ),
        rules(minutes=30, step=30, before=15, after=15),
        ["09:00", "11:30"],
    ),
    (
        "back-to-back is allowed (half-open ranges)",
        ClinicianSchedule(
            clinician_id=7, weekly=MON_SCHEDULE.weekly, booked=(Booked(mon(10), mon(10, 30)),)
        ),
        rules(minutes=30, step=30),
        ["09:00", "09:30", "10:30", "11:00", "11:30"],
    ),
    (
        "rule not yet in effect",
        ClinicianSchedule(
            clinician_id=7,
            weekly=(
                WeeklyWindow(
                    weekday=0,
                    start=time(9),
                    end=time(12),
                    effective_from=MONDAY + timedelta(days=1),
                ),
            ),
        ),
        rules(),
        [],
    ),
    (
        "rule already ended",
        ClinicianSchedule(
            clinician_id=7,
            weekly=(
                WeeklyWindow(
                    weekday=0, start=time(9), end=time(12), effective_to=MONDAY - timedelta(days=1)
                ),
            ),
        ),
        rules(),
        [],
    ),
    (
        "rule ending that day still applies",
        ClinicianSchedule(
            clinician_id=7,
            weekly=(WeeklyWindow(weekday=0, start=time(9), end=time(10), effective_to=MONDAY),),
        ),
        rules(),
        ["09:00"],
    ),
]


@pytest.mark.parametrize(
    ("name", "schedule", "slot_rules", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_open_slots_table(name, schedule, slot_rules, expected):
    slots = day_slots(schedule, MONDAY, slot_rules, NOW)
    assert [s.start.astimezone(LA).strftime("%H:%M") for s in slots] == expected


@pytest.mark.parametrize(
    ("now", "notice_h", "horizon_days", "expected"),
    [
        (mon(8), 0, 60, ["09:00", "10:00", "11:00"]),
        (mon(9, 1), 0, 60, ["10:00", "11:00"]),  # 09:00 has started
        (mon(8), 2, 60, ["10:00", "11:00"]),  # two hours' notice
        (mon(8, 30), 2, 60, ["11:00"]),
        (mon(12), 0, 60, []),  # the day is over
        (mon(10) - timedelta(days=1), 0, 1, ["09:00"]),  # horizon ends at 10:00 Monday
    ],
)
def test_minimum_notice_and_horizon(now, notice_h, horizon_days, expected):
    slots = day_slots(
        MON_SCHEDULE, MONDAY, rules(notice_h=notice_h, horizon_days=horizon_days), now
    )
    assert [s.start.astimezone(LA).strftime("%H:%M") for s in slots] == expected


def test_step_grid_stays_anchored_to_the_window_not_to_now():
    slots = day_slots(MON_SCHEDULE, MONDAY, rules(minutes=15, step=15), mon(9, 7))
    assert slots[0].start == mon(9, 15)


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        open_slots(schedule=MON_SCHEDULE, rules=rules(), now=datetime(2026, 3, 1))


@pytest.mark.parametrize(
    "bad", [{"duration": timedelta(0)}, {"step": timedelta(0)}, {"buffer_after": -MIN}]
)
def test_rules_refuse_nonsense(bad):
    with pytest.raises(ValueError):
        SlotRules(**{"duration": HOUR, **bad})


# --- any available clinician --------------------------------------------------------------
def test_any_clinician_merges_times_and_lists_who_is_free():
    a = ClinicianSchedule(
        clinician_id=1,
        weekly=(WeeklyWindow(weekday=0, start=time(9), end=time(11)),),
        booked=(Booked(mon(9), mon(10)),),
    )
    b = ClinicianSchedule(
        clinician_id=2, weekly=(WeeklyWindow(weekday=0, start=time(10), end=time(12)),)
    )
    bounds = local_day_bounds(MONDAY)
    slots = open_slots_any(
        schedules=[a, b], rules=rules(), now=NOW, start_from=bounds.start, end_before=bounds.end
    )
    assert [(s.start.astimezone(LA).hour, s.clinician_ids) for s in slots] == [
        (10, (1, 2)),
        (11, (2,)),
    ]


def test_slots_group_by_pacific_date_not_utc_date():
    # 16:00–17:00 Pacific is already the next day in UTC.
    schedule = ClinicianSchedule(
        clinician_id=1, weekly=(WeeklyWindow(weekday=0, start=time(16), end=time(18)),)
    )
    slots = day_slots(schedule, MONDAY, rules(), NOW)
    assert slots[-1].start.date() == date(2026, 3, 17)  # UTC
    assert list(slots_by_local_date(slots)) == [MONDAY]


def test_nearest_slots_are_the_closest_in_time_sorted():
    schedule = ClinicianSchedule(clinician_id=1, weekly=every_day())
    slots = open_slots(schedule=schedule, rules=rules(), now=NOW, end_before=la(2026, 3, 20))
    near = nearest_slots(slots, target=mon(12, 10), limit=3)
    assert [s.start for s in near] == [mon(11), mon(12), mon(13)]


# --- interval algebra --------------------------------------------------------------------
def test_merge_and_subtract():
    a = Interval(mon(9), mon(10))
    b = Interval(mon(9, 30), mon(11))
    c = Interval(mon(12), mon(13))
    assert merge_intervals([c, b, a]) == [Interval(mon(9), mon(11)), c]
    assert subtract_intervals([Interval(mon(9), mon(13))], [Interval(mon(10), mon(11)), c]) == [
        Interval(mon(9), mon(10)),
        Interval(mon(11), mon(12)),
    ]
    assert subtract_intervals([a], [Interval(mon(8), mon(14))]) == []
