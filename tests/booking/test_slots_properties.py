"""Properties of the slot engine over random schedules (hypothesis): whatever the bookings,
buffers and clock changes, an offered slot is inside working hours, clear of every booked
span, after the notice and before the horizon."""

from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from booking.slots import (
    Booked,
    ClinicianSchedule,
    Interval,
    SlotRules,
    WeeklyWindow,
    availability,
    open_slots,
)

# Around the spring and autumn clock changes of 2026.
BASES = [datetime(2026, 3, 5, 16, tzinfo=UTC), datetime(2026, 10, 29, 16, tzinfo=UTC)]

windows = st.builds(
    lambda day, start_h, length_h: WeeklyWindow(
        weekday=day, start=time(start_h), end=time(min(start_h + length_h, 23))
    ),
    st.integers(0, 6),
    st.integers(0, 20),
    st.integers(1, 8),
)


@st.composite
def scenarios(draw):
    base = draw(st.sampled_from(BASES))
    weekly = tuple(draw(st.lists(windows, min_size=1, max_size=6)))
    booked = tuple(
        Booked(
            start=base + timedelta(minutes=15 * k),
            end=base + timedelta(minutes=15 * k + length),
            buffer_before=timedelta(minutes=before),
            buffer_after=timedelta(minutes=after),
        )
        for k, length, before, after in draw(
            st.lists(
                st.tuples(
                    st.integers(0, 4 * 24 * 6),
                    st.sampled_from([15, 30, 50, 60]),
                    st.sampled_from([0, 5, 15]),
                    st.sampled_from([0, 10, 30]),
                ),
                max_size=25,
            )
        )
    )
    time_off = tuple(
        Interval(base + timedelta(hours=h), base + timedelta(hours=h + n))
        for h, n in draw(st.lists(st.tuples(st.integers(0, 140), st.integers(1, 12)), max_size=3))
    )
    rules = SlotRules(
        duration=timedelta(minutes=draw(st.sampled_from([15, 30, 50, 60]))),
        buffer_before=timedelta(minutes=draw(st.sampled_from([0, 10]))),
        buffer_after=timedelta(minutes=draw(st.sampled_from([0, 10, 15]))),
        minimum_notice=timedelta(hours=draw(st.integers(0, 48))),
        horizon=timedelta(days=draw(st.integers(1, 6))),
        step=timedelta(minutes=draw(st.sampled_from([15, 30, 60]))),
    )
    schedule = ClinicianSchedule(clinician_id=1, weekly=weekly, time_off=time_off, booked=booked)
    return base, schedule, rules


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_offered_slots_never_break_a_rule(scenario):
    now, schedule, rules = scenario
    slots = open_slots(schedule=schedule, rules=rules, now=now)
    working = availability(
        schedule, window=Interval(now - timedelta(days=1), now + rules.horizon + timedelta(days=1))
    )
    starts = [s.start for s in slots]
    assert starts == sorted(set(starts))
    for slot in slots:
        assert slot.start.tzinfo == UTC
        assert slot.end - slot.start == rules.duration
        assert now + rules.minimum_notice <= slot.start < now + rules.horizon
        assert any(w.start <= slot.start and slot.end <= w.end for w in working)
        assert not any(slot.start < t.end and t.start < slot.end for t in schedule.time_off)
        mine = Interval(slot.start - rules.buffer_before, slot.end + rules.buffer_after)
        assert not any(mine.overlaps(b.blocked) for b in schedule.booked)


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_removing_every_booking_never_loses_a_slot(scenario):
    now, schedule, rules = scenario
    booked = {s.start for s in open_slots(schedule=schedule, rules=rules, now=now)}
    free = ClinicianSchedule(clinician_id=1, weekly=schedule.weekly, time_off=schedule.time_off)
    assert booked <= {s.start for s in open_slots(schedule=free, rules=rules, now=now)}
