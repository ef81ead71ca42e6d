"""The waitlist's pure rules, as tables: windows, who is first in line, when an offer goes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.waitlist import (
    Candidate,
    first_in_line,
    offer_expiry,
    offer_send_time,
    part_of_day,
    slot_window,
    still_worth_sending,
    suits,
    windows_from,
    windows_text,
)

LA = ZoneInfo("America/Los_Angeles")


def pacific(*args):
    return datetime(*args, tzinfo=LA).astimezone(UTC)


@pytest.mark.parametrize(
    ("wall", "part"),
    [
        (time(0, 0), "morning"),
        (time(9, 0), "morning"),
        (time(11, 59), "morning"),
        (time(12, 0), "afternoon"),
        (time(16, 59), "afternoon"),
        (time(17, 0), "evening"),
        (time(23, 45), "evening"),
    ],
)
def test_part_of_day(wall, part):
    assert part_of_day(wall) == part


@pytest.mark.parametrize(
    ("start", "window"),
    [
        (pacific(2026, 3, 4, 10, 0), "2:morning"),  # Wednesday
        (pacific(2026, 3, 4, 12, 0), "2:afternoon"),
        (pacific(2026, 3, 6, 17, 30), "4:evening"),  # Friday
        # 18:30 UTC is 10:30 Pacific on the day clocks go forward (PDT), not 11:30.
        (datetime(2026, 3, 9, 18, 30, tzinfo=UTC), "0:morning"),
        # 23:30 Pacific on Sunday is already Monday in UTC: the Pacific day counts.
        (pacific(2026, 3, 8, 23, 30), "6:evening"),
    ],
)
def test_a_slot_falls_in_the_window_of_its_pacific_day_and_hour(start, window):
    assert slot_window(start) == window


def test_windows_are_every_chosen_day_with_every_chosen_part():
    assert windows_from([3, 1, 1], ["evening", "morning"]) == [
        "1:morning",
        "1:evening",
        "3:morning",
        "3:evening",
    ]
    assert windows_from([], ["morning"]) == []
    assert windows_text(["1:morning", "3:afternoon", "3:evening"]) == (
        "Tuesday morning; Thursday afternoon or evening"
    )


ARRIVED = pacific(2026, 3, 1, 9)
WED_10 = pacific(2026, 3, 4, 10)
WED_1050 = pacific(2026, 3, 4, 10, 50)
HALF_HOUR = timedelta(minutes=30)
SLOT = {"consultation_type_id": 1, "clinician_id": 7, "start": WED_10, "end": WED_1050}


def cand(entry_id, **overrides) -> Candidate:
    fields = {
        "entry_id": entry_id,
        "arrived": ARRIVED + timedelta(minutes=entry_id),
        "consultation_type_id": 1,
        "windows": frozenset({"2:morning"}),
        "valid_until": date(2026, 3, 31),
    }
    fields.update(overrides)
    return Candidate(**fields)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, True),
        ({"consultation_type_id": 2}, False),
        ({"windows": frozenset({"2:afternoon"})}, False),
        ({"windows": frozenset({"3:morning"})}, False),
        ({"clinician_ids": frozenset({7})}, True),
        ({"clinician_ids": frozenset({8, 9})}, False),
        ({"valid_until": date(2026, 3, 4)}, True),  # the last day still counts
        ({"valid_until": date(2026, 3, 3)}, False),
        ({"waiting": False}, False),  # holds a live offer, or closed
        ({"offered_before": frozenset({(7, WED_10, WED_1050)})}, False),  # let it lapse once
        # An overlapping time of the same clinician counts as the same offer…
        ({"offered_before": frozenset({(7, WED_10 - HALF_HOUR, WED_1050 - HALF_HOUR)})}, False),
        # …one that merely touches it does not, nor the same time with someone else.
        ({"offered_before": frozenset({(7, WED_10 - 2 * HALF_HOUR, WED_10)})}, True),
        ({"offered_before": frozenset({(8, WED_10, WED_1050)})}, True),
    ],
)
def test_which_entries_a_slot_suits(overrides, expected):
    assert suits(cand(1, **overrides), **SLOT) is expected


@pytest.mark.parametrize(
    ("candidates", "first"),
    [
        ([], None),
        ([cand(1), cand(2)], 1),  # arrival order
        ([cand(2), cand(1)], 1),  # whatever order they are given in
        ([cand(1), cand(2, urgent=True)], 2),  # urgent first, though it came later
        ([cand(1, urgent=True), cand(2, urgent=True)], 1),  # then arrival among urgent
        ([cand(1, waiting=False), cand(2)], 2),  # first already holds an offer
        ([cand(1, windows=frozenset({"0:evening"})), cand(2)], 2),
        ([cand(1, clinician_ids=frozenset({9})), cand(2)], 2),
        ([cand(1, urgent=True, consultation_type_id=2), cand(2)], 2),
        # Same arrival instant: the older row (smaller id) wins, deterministically.
        ([cand(5, arrived=ARRIVED), cand(4, arrived=ARRIVED)], 4),
    ],
)
def test_first_in_line_is_urgent_first_then_arrival_order(candidates, first):
    pick = first_in_line(candidates, **SLOT)
    assert (pick.entry_id if pick else None) == first


@pytest.mark.parametrize(
    ("now", "send_at"),
    [
        (pacific(2026, 3, 4, 10, 0), pacific(2026, 3, 4, 10, 0)),  # daytime: at once
        (pacific(2026, 3, 4, 19, 59), pacific(2026, 3, 4, 19, 59)),
        (pacific(2026, 3, 4, 20, 0), pacific(2026, 3, 5, 8, 0)),  # evening: next morning
        (pacific(2026, 3, 5, 2, 30), pacific(2026, 3, 5, 8, 0)),  # night: this morning
        (pacific(2026, 3, 5, 8, 0), pacific(2026, 3, 5, 8, 0)),
        # The night the clocks go forward: still 08:00 on the wall clock.
        (pacific(2026, 3, 7, 22, 0), pacific(2026, 3, 8, 8, 0)),
    ],
)
def test_an_offer_in_quiet_hours_waits_for_them_to_end(now, send_at):
    assert offer_send_time(now, quiet_start=20, quiet_end=8) == send_at


def test_quiet_hours_off_sends_at_once():
    night = pacific(2026, 3, 5, 2, 30)
    assert offer_send_time(night, quiet_start=0, quiet_end=0) == night


def test_the_hold_starts_when_the_offer_is_sent():
    sent = pacific(2026, 3, 5, 8, 0)
    assert offer_expiry(sent, hold_minutes=30) == pacific(2026, 3, 5, 8, 30)


@pytest.mark.parametrize(
    ("send_at", "worth"),
    [
        (pacific(2026, 3, 3, 9, 0), True),
        (pacific(2026, 3, 3, 9, 59), True),
        (pacific(2026, 3, 3, 10, 0), False),  # exactly at the notice limit: too late
        (pacific(2026, 3, 3, 11, 0), False),
    ],
)
def test_an_offer_is_only_sent_while_the_time_is_still_bookable(send_at, worth):
    assert still_worth_sending(slot_start=WED_10, send_at=send_at, notice=timedelta(hours=24)) is (
        worth
    )
