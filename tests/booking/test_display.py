"""How times and places read: Pacific, labelled, discreet."""

from datetime import UTC, datetime

import pytest

from booking.display import (
    day_text,
    has_street_address,
    time_text,
    when_text,
    where_choice_text,
    where_text,
)


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
        (
            "in_person",
            "Orange County, California",
            "in person at our office in Orange County, California",
        ),
        ("in_person", "Suite 200, 45 Main St", "in person at Suite 200, 45 Main St"),
        (
            "in_person",
            "Clinic\n45 Main St\nIrvine, CA",
            "in person at Clinic, 45 Main St, Irvine, CA",
        ),
    ],
)
def test_where_text(mode, address, expected):
    assert where_text(mode=mode, address=address) == expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("1 Main St, Irvine", True),
        ("120 Newport Center Dr\nNewport Beach, CA 92660", True),
        ("Suite 200, 45 Main St", True),
        ("Orange County, California", False),
        ("Orange County, CA 92660", False),
        ("PO Box 12, Irvine", False),
        ("", False),
    ],
)
def test_has_street_address(address, expected):
    assert has_street_address(address) is expected


def test_in_person_without_a_street_gives_the_phone_instead_of_promising_an_address():
    assert where_text(
        mode="in_person", address="Orange County, California", phone="949-625-0564"
    ) == (
        "in person at our office in Orange County, California "
        "(call us at 949-625-0564 for the street address)"
    )
    assert where_text(mode="in_person", address="1 Main St", phone="949-625-0564") == (
        "in person at 1 Main St"
    )


@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        (["video", "in_person"], "by video or in person (you choose below)"),
        (["phone", "video", "in_person"], "by phone, by video or in person (you choose below)"),
    ],
)
def test_where_choice_text(modes, expected):
    assert where_choice_text(modes) == expected


def test_where_text_refuses_unknown_modes():
    with pytest.raises(ValueError):
        where_text(mode="carrier pigeon")
