"""The rules the booking pages apply, tested directly (the views only call these)."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from booking import selectors, services
from booking.models import Appointment
from tests.factories import pacific

Status = Appointment.Status
TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-02", (date(2026, 3, 2), "")),  # today
        ("2026-03-20", (date(2026, 3, 20), "")),
        ("2026-03-01", (None, "past")),
        ("2026-13-40", (None, "invalid")),
        ("2026-3-4", (None, "invalid")),  # only the links we make: YYYY-MM-DD
        ("yesterday", (None, "invalid")),
        ("", (None, "invalid")),
        ("2026-03-02T00:00", (None, "invalid")),
        ("+02026-0302", (None, "invalid")),
        ("0001-01-01", (None, "past")),
        ("2026-05-01", (date(2026, 5, 1), "")),  # the horizon's last day (60 days)
        ("2026-05-02", (None, "beyond")),
        ("9999-12-31", (None, "beyond")),
    ],
)
def test_bookable_day(raw, expected):
    assert selectors.bookable_day(raw, today=TODAY, horizon_days=60) == expected


def test_no_type_opens_a_day_past_the_longest_horizon():
    far = (TODAY + timedelta(days=731)).isoformat()
    assert selectors.bookable_day(far, today=TODAY, horizon_days=32767) == (None, "beyond")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        ("9", 9),
        ("8", None),
        ("", None),
        ("any", None),
        ("-7", None),
        ("7.0", None),
        ("²", None),
        ("٧", None),  # digits to str.isdigit, not to int() or not ASCII
    ],  # fmt: skip
)
def test_clinician_choice_names_only_clinicians_offering_the_type(raw, expected):
    offered = [SimpleNamespace(pk=7), SimpleNamespace(pk=9)]
    assert selectors.clinician_choice(raw, offered) == expected


NOW = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "ends_in", "expected"),
    [
        (Status.CONFIRMED, timedelta(days=2), ""),
        (Status.REQUESTED, timedelta(days=2), ""),
        (Status.CANCELLED, timedelta(days=2), ""),  # shows "cancelled" and the .ics CANCEL
        (Status.CONFIRMED, timedelta(minutes=1), ""),  # still on until it ends
        (Status.CONFIRMED, timedelta(0), "expired"),  # ended now
        (Status.CONFIRMED, -timedelta(days=1), "expired"),
        (Status.CANCELLED, -timedelta(days=1), "expired"),
        (Status.HELD, timedelta(days=2), "expired"),  # never booked
        (Status.COMPLETED, timedelta(days=2), "expired"),
        (Status.NO_SHOW, timedelta(days=2), "expired"),
    ],
)
def test_manage_link_problem(status, ends_in, expected):
    appointment = SimpleNamespace(status=status, end=NOW + ends_in)
    assert selectors.manage_link_problem(appointment, now=NOW) == expected


def test_a_manage_link_without_an_appointment_is_invalid():
    assert selectors.manage_link_problem(None, now=NOW) == "invalid"


def _appointment(**fields):
    base = {
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "mode": "video",
        "email_ok": False,
        "sms_ok": False,
        "voicemail_ok": False,
    }
    return SimpleNamespace(**{**base, **fields})


def _inquiry(**fields):
    base = {
        "contact_name": "Sam",
        "contact_email": "sam@example.com",
        "contact_phone": "+13105550100",
        "email_consent_at": NOW,
        "sms_safe": True,
        "sms_consent_at": NOW,
        "voicemail_ok": True,
    }
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize(
    ("inquiry_fields", "expected_consent"),
    [
        ({}, {"email_ok": True, "sms_ok": True, "voicemail_ok": True}),
        # Texts need both: a phone that is safe to text and recorded SMS consent.
        ({"sms_safe": False}, {"email_ok": True, "sms_ok": False, "voicemail_ok": True}),
        ({"sms_consent_at": None}, {"email_ok": True, "sms_ok": False, "voicemail_ok": True}),
        ({"email_consent_at": None}, {"email_ok": False, "sms_ok": True, "voicemail_ok": True}),
        ({"voicemail_ok": False}, {"email_ok": True, "sms_ok": True, "voicemail_ok": False}),
    ],
)
def test_contact_initial_carries_the_inquirys_consent_only_as_given(
    inquiry_fields, expected_consent
):
    initial = selectors.contact_initial(_appointment(), _inquiry(**inquiry_fields))
    assert {k: initial[k] for k in expected_consent} == expected_consent
    assert initial["name"] == "Sam"
    assert initial["phone"] == "(310) 555-0100"
    assert initial["mode"] == "video"


def test_contact_initial_prefers_what_the_booking_already_holds():
    held = _appointment(contact_name="Kim", contact_email="kim@example.com", sms_ok=True)
    initial = selectors.contact_initial(held, _inquiry())
    assert initial["name"] == "Kim"
    assert initial["email"] == "kim@example.com"
    assert (initial["email_ok"], initial["sms_ok"]) == (False, True)


def test_contact_initial_without_inquiry_or_details_only_sets_the_mode():
    assert selectors.contact_initial(_appointment(mode="phone"), None) == {"mode": "phone"}


# --- holding a new time releases the visitor's previous hold -----------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("previous", "released"),
    [
        ("none", False),  # first pick
        ("other", True),  # picked another time: the old one goes back
        ("same", False),  # double submit of the same pick: the hold stays
    ],
)
def test_hold_replacing(frozen_clock, couples_type, clinicians, previous, released):
    wed_10, wed_11 = pacific(2026, 3, 4, 10), pacific(2026, 3, 4, 11)
    earlier = services.appointment_hold(
        consultation_type=couples_type, start=wed_10, clinician=None, hold_key="k1"
    )
    previous_id = {"none": None, "other": earlier.pk, "same": earlier.pk}[previous]
    start, key = (wed_10, "k1") if previous == "same" else (wed_11, "k2")
    held = services.appointment_hold_replacing(
        previous_id=previous_id,
        consultation_type=couples_type,
        start=start,
        clinician=None,
        hold_key=key,
    )
    earlier.refresh_from_db()
    assert held.status == Status.HELD
    assert (earlier.status == Status.CANCELLED) is released
    assert (held.pk == earlier.pk) is (previous == "same")


@pytest.mark.django_db
def test_a_refused_hold_keeps_the_previous_one(frozen_clock, couples_type, clinicians):
    earlier = services.appointment_hold(
        consultation_type=couples_type, start=pacific(2026, 3, 4, 10), clinician=None, hold_key="k1"
    )
    with pytest.raises(services.SlotUnavailable):
        services.appointment_hold_replacing(
            previous_id=earlier.pk,
            consultation_type=couples_type,
            start=pacific(2026, 3, 4, 3),  # 3 am: never open
            clinician=None,
            hold_key="k2",
        )
    earlier.refresh_from_db()
    assert earlier.status == Status.HELD
