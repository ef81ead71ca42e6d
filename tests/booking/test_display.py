"""How times and places read: Pacific, labelled, discreet."""

from datetime import UTC, datetime

import pytest

from booking.display import day_text, time_text, when_text, where_text


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 3, 4, 18, 0, tzinfo=UTC), "10:00 am"),
        (datetime(2026, 3, 4, 20, 30, tzinfo=UTC), "12:30 pm"),
        (datetime(2026, 3, 5, 8, 0, tzinfo=UTC), "12:00 am"),
        (datetime(2026, 3, 9, 16, 0, tzinfo=UTC), "9:00 am"),  # after spring-forward
        (datetime(2026, 11, 1, 8, 30, tzinfo=UTC), "1:30 am PDT"),  # first 1:30
        (datetime(2026, 11, 1, 9, 30, tzinfo=UTC), "1:30 am PST"),  # second 1:30
        (datetime(2026, 11, 2, 17, 0, tzinfo=UTC), "9:00 am"),
    ],
)
def test_time_text(utc, expected):
    assert time_text(utc) == expected


def test_when_text_names_the_day_and_the_zone():
    moment = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
    assert when_text(moment) == "Wednesday, March 4, 2026 at 10:00 am Pacific time"
    assert day_text(moment.date()) == "Wednesday, March 4, 2026"


@pytest.mark.parametrize(
    ("mode", "address", "expected"),
    [
        ("phone", "", "by phone: we will call you at the number you gave"),
        ("video", "", "by video: we will email you a private link before the call"),
        ("in_person", "1 Main St, Irvine", "in person at 1 Main St, Irvine"),
        ("in_person", "", "in person at our office"),
    ],
)
def test_where_text(mode, address, expected):
    assert where_text(mode=mode, address=address) == expected


def test_where_text_refuses_unknown_modes():
    with pytest.raises(ValueError):
        where_text(mode="carrier pigeon")
