"""Property-based: arbitrary strings, dates and instants thrown at every public URL pattern and
form of intake and booking. Whatever comes in, the answer is never a 5xx, and a rejected
request leaves no new rows behind.

Example counts are bounded (FUZZ_EXAMPLES per test) so the whole file runs in well under a
minute; each run still draws fresh examples, and hypothesis replays any failure it found.
"""

import string
from datetime import UTC, date, datetime, time, timedelta, timezone
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from booking import services as booking_services
from booking.models import Appointment, WaitlistEntry, WaitlistOffer
from booking.selectors import manage_token, open_slots_for
from intake.models import Inquiry, InstrumentResult, PartnerScreening
from intake.services import inquiry_booking_token, screening_link_path
from notifications.models import Message
from tests.factories import (
    ConsultationTypeFactory,
    InquiryFactory,
    PartnerScreeningFactory,
    clinician_create,
)

pytestmark = pytest.mark.django_db

FUZZ_EXAMPLES = 15
fuzz = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text a browser or a script could send: every Unicode character except lone surrogates
# (which cannot be encoded in a request at all), NUL and control characters included.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
url_text = any_text.filter(lambda s: s not in ("", ".", ".."))
# Dates and instants from year 1 to 9999 (the calendar's ends drawn as often as the middle),
# with any offset, and near-miss spellings of them.
EDGE_VALUES = [
    "9999-12-31", "0001-01-01", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00",
    "9999-12-31T23:00:00Z", "0001-01-01T00:00:00+05:00", "2026-02-30", "2026-13-01",
    "+002026-01-01", "2026-W10-3", "20260304", "0000-00-00", "2026-03-04\x00",
]  # fmt: skip
calendar_ends = st.dates(max_value=date(1, 2, 1)) | st.dates(min_value=date(9999, 11, 30))
any_date = (calendar_ends | st.dates()).map(lambda d: d.isoformat())
instants = st.datetimes(max_value=datetime(1, 1, 3)) | st.datetimes(
    min_value=datetime(9999, 12, 29)
)
any_instant = (instants | st.datetimes()).flatmap(
    lambda d: st.sampled_from(
        [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=14))]
    ).map(lambda tz: d.replace(tzinfo=tz).isoformat().replace("+00:00", "Z"))
)
date_like = st.sampled_from(EDGE_VALUES) | any_date | any_instant | any_text
token_like = any_text | st.text(string.ascii_letters + string.digits + ":-_", max_size=120)


def table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Inquiry,
            PartnerScreening,
            InstrumentResult,
            Appointment,
            Message,
            WaitlistEntry,
            WaitlistOffer,
        )
    }


def assert_no_5xx_and_nothing_new_on_rejection(response, before: dict):
    assert response.status_code < 500, response.status_code
    if response.status_code >= 400:
        assert table_counts() == before


def path_piece(value: str) -> str:
    return quote(value, safe="")


@pytest.fixture
def clinic(db):
    # A small calendar (three hours a day, three weeks ahead) keeps each page cheap.
    consultation = ConsultationTypeFactory(
        couples=True, slug="couples-consultation", minimum_notice_hours=1, horizon_days=21
    )
    clinician = clinician_create(
        "Alex Rivera", [consultation], weekdays=range(7), start=time(9), end=time(12)
    )
    inquiry = InquiryFactory()
    submitter = PartnerScreeningFactory(inquiry=inquiry, role="submitter", name="Dana")
    # The booking lies past the change cut-off, so its reschedule pages open; the hold
    # (for the details form) takes the first open time.
    slots = open_slots_for(consultation_type=consultation, clinicians=[clinician])
    slot = slots[-1]
    appointment = booking_services.appointment_hold(
        consultation_type=consultation,
        start=slot.start,
        clinician=clinician,
        hold_key="f" * 32,
        inquiry=None,
    )
    booking_services.appointment_set_contact(
        appointment=appointment,
        contact=booking_services.ContactDetails(
            name="Sam", email="sam@example.com", phone="", email_ok=True, sms_ok=False,
            voicemail_ok=False, sms_consent_text="",
        ),
        mode="video",
    )  # fmt: skip
    appointment = booking_services.appointment_confirm_booking(
        appointment=Appointment.objects.get(pk=appointment.pk)
    )
    booking_services.appointment_hold(
        consultation_type=consultation,
        start=slots[0].start,
        clinician=clinician,
        hold_key="g" * 32,
        inquiry=None,
    )
    return {
        "type": consultation,
        "day": slot.local_start().date().isoformat(),
        "token": manage_token(appointment),
        "screening_url": screening_link_path(screening=submitter),
        "inquiry_token": inquiry_booking_token(inquiry=inquiry),
    }


@fuzz
@given(slug=url_text, day=date_like, query=any_text)
@example(slug="x", day="9999-12-31", query="\x00")
@example(slug="x", day="0001-01-01", query="1")
def test_booking_day_and_time_pages_never_fail(clinic, slug, day, query):
    client = Client()
    before = table_counts()
    for path in (
        f"/book/{path_piece(slug)}/",
        f"/book/{clinic['type'].slug}/{path_piece(day)}/",
        f"/book/{path_piece(slug)}/{path_piece(day)}/",
    ):
        response = client.get(path, {"clinician": query})
        assert_no_5xx_and_nothing_new_on_rejection(response, before)
    for inquiry_token in (query, clinic["inquiry_token"] + query):
        response = client.get(reverse("booking:start"), {"inquiry": inquiry_token})
        assert_no_5xx_and_nothing_new_on_rejection(response, before)


@fuzz
@given(day=date_like, start=date_like, clinician=any_text, hold_key=token_like)
@example(day="9999-12-31", start="9999-12-31T23:00:00-05:00", clinician="", hold_key="k" * 32)
@example(day="0001-01-01", start="0001-01-01T00:00:00+05:00", clinician="", hold_key="k" * 32)
def test_the_time_hold_form_never_fails(clinic, day, start, clinician, hold_key):
    client = Client()
    before = table_counts()
    for path_day in (clinic["day"], day):
        response = client.post(
            f"/book/{clinic['type'].slug}/{path_piece(path_day)}/",
            {"start": start, "clinician": clinician, "hold_key": hold_key},
        )
        assert_no_5xx_and_nothing_new_on_rejection(response, before)


MANAGE_PATHS = ["/", "/cancel/", "/reschedule/", "/reschedule/confirm/", "/calendar.ics"]


@fuzz
@given(
    token=token_like,
    page=st.sampled_from(MANAGE_PATHS),
    day=date_like,
    start=date_like,
    clinician=any_text,
)
@example(token="x", page="/", day="9999-12-31", start="9999-12-31T23:59:59-14:00", clinician="")
@example(token="x", page="/", day="0001-01-01", start="0001-01-01T00:00:00+14:00", clinician="")
def test_manage_and_reschedule_pages_never_fail(clinic, token, page, day, start, clinician):
    client = Client()
    before = table_counts()
    mine = f"/book/manage/{path_piece(clinic['token'])}"
    for response in (
        client.get(f"/book/manage/{path_piece(token)}{page}", {"start": start}),
        client.get(f"{mine}{page}"),
        client.get(f"{mine}/reschedule/{path_piece(day)}/"),
        client.get(f"{mine}/reschedule/confirm/", {"start": start}),
        client.post(
            f"{mine}/reschedule/{path_piece(day)}/",
            {"start": start, "clinician": clinician, "hold_key": "r" * 32},
        ),
    ):
        assert_no_5xx_and_nothing_new_on_rejection(response, before)


@fuzz
@given(
    fields=st.dictionaries(
        st.sampled_from(["name", "email", "phone", "mode", "email_ok", "sms_ok", "voicemail_ok"]),
        any_text,
    )
)
def test_the_booking_details_form_never_fails(clinic, fields):
    client = Client()
    session = client.session
    session["booking_hold_id"] = Appointment.objects.get(status=Appointment.Status.HELD).pk
    session.save()
    before = table_counts()
    response = client.post(reverse("booking:details"), fields)
    assert_no_5xx_and_nothing_new_on_rejection(response, before)


INTAKE_FIELDS = [
    "contact_name", "contact_email", "contact_phone", "preferred_contact", "sms_safe",
    "voicemail_ok", "partner_first_name", "partner_email", "partner_phone",
    "partner_preferred_contact", "partner_sms_consent", "both_adults", "in_california",
    "concerns", "concerns_other", "message", "medicine_interest", "session_format", "payment",
    "insurance_carrier", "military_family", "privacy_acknowledged", "email_consent",
    "website", "submission_token", "back",
]  # fmt: skip


@fuzz
@given(
    number=st.integers(min_value=-2, max_value=9),
    fields=st.dictionaries(st.sampled_from(INTAKE_FIELDS) | any_text, any_text, max_size=8),
)
def test_the_inquiry_steps_never_fail(clinic, number, fields):
    client = Client()
    before = table_counts()
    path = f"/inquiry/step/{number}/" if number >= 0 else f"/inquiry/step/{number}x/"
    assert_no_5xx_and_nothing_new_on_rejection(client.get(path), before)
    response = client.post(path, fields)
    assert_no_5xx_and_nothing_new_on_rejection(response, before)
    assert table_counts()["Inquiry"] == before["Inquiry"]  # never without all six steps


@fuzz
@given(
    token=token_like,
    instrument=st.sampled_from(["phq9", "gad7", "csi4", "relationship_safety"]) | any_text,
    answers=st.dictionaries(any_text, any_text | st.sampled_from(["0", "1", "3", "yes"])),
)
def test_the_screening_pages_never_fail(clinic, token, instrument, answers):
    client = Client()
    before = table_counts()
    for url in (clinic["screening_url"], f"/inquiry/s/{path_piece(token)}/"):
        assert_no_5xx_and_nothing_new_on_rejection(client.get(url), before)
        response = client.post(url, {"instrument_key": instrument, **answers})
        assert_no_5xx_and_nothing_new_on_rejection(response, before)


WAITLIST_FIELDS = [
    "clinicians", "days", "parts", "valid_until", "name", "email", "phone", "email_ok",
    "sms_ok", "voicemail_ok",
]  # fmt: skip


@fuzz
@given(
    fields=st.dictionaries(st.sampled_from(WAITLIST_FIELDS), any_text, max_size=6),
    valid_until=date_like,
    token=token_like,
)
@example(fields={"days": "0", "parts": "morning"}, valid_until="9999-12-31", token="x")
@example(fields={"days": "0", "parts": "morning"}, valid_until="0001-01-01", token="\x00")
def test_the_waitlist_and_offer_pages_never_fail(clinic, fields, valid_until, token):
    client = Client()
    before = table_counts()
    join = reverse("booking:waitlist_join", args=[clinic["type"].slug])
    data = {**fields, "valid_until": valid_until, "email": "sam@example.com", "email_ok": "on"}
    for response in (
        client.get(join),
        client.post(join, data),
        client.get(f"/book/offer/{path_piece(token)}/"),
        client.post(f"/book/offer/{path_piece(token)}/", fields),
        client.post(f"/book/offer/{path_piece(token)}/pass/"),
    ):
        assert_no_5xx_and_nothing_new_on_rejection(response, before)
