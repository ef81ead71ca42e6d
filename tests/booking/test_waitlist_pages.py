"""The waitlist pages through the test client: join from the day/time pages, the offer
link (GET shows, POST books), kind answers for an ended offer or a bad link."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from booking import waitlist_selectors, waitlist_services
from booking.models import Appointment, WaitlistEntry, WaitlistOffer
from clinic_site.crypto import make_token
from tests.factories import InquiryFactory, pacific

from .test_waitlist import book, join

pytestmark = pytest.mark.django_db

WED_10 = pacific(2026, 3, 4, 10)
JOIN_URL = reverse("booking:waitlist_join", args=["couples-consultation"])
VALID = {
    "days": ["1", "2"],
    "parts": ["morning"],
    "valid_until": "2026-04-15",
    "name": "Sam",
    "email": "sam@example.com",
    "phone": "",
    "email_ok": "on",
}


@pytest.fixture(autouse=True)
def daytime(settings):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    settings.SITE_URL = "https://clinic.example"


def test_the_day_and_time_pages_offer_the_waitlist(client, clinicians, frozen_clock):
    for url in (
        reverse("booking:days", args=["couples-consultation"]),
        reverse("booking:times", args=["couples-consultation", "2026-03-04"]),
    ):
        page = client.get(url).content.decode()
        assert "None of these times work?" in page
        assert JOIN_URL in page


def test_joining_stores_the_windows_and_consent(client, clinicians, frozen_clock):
    alex = clinicians[0]
    response = client.post(JOIN_URL, {**VALID, "clinicians": [str(alex.pk)]})
    assert response.status_code == 302 and response.url == reverse("booking:waitlist_joined")
    entry = WaitlistEntry.objects.get()
    assert entry.windows == ["1:morning", "2:morning"]
    assert entry.valid_until == date(2026, 4, 15)
    assert list(entry.clinicians.all()) == [alex]
    assert entry.contact_email == "sam@example.com" and entry.email_ok and entry.email_consent_at
    assert entry.inquiry is None and entry.status == "waiting"
    page = client.get(response.url).content.decode()
    assert "You are on our list" in page and "Tuesday morning; Wednesday morning" in page


def test_joining_from_the_inquiry_link_fills_in_and_links_the_inquiry(
    client, clinicians, frozen_clock
):
    inquiry = InquiryFactory(contact_name="Dana", contact_email="dana@example.com")
    client.get(reverse("booking:start"), {"inquiry": make_token("inquiry-booking", inquiry.pk)})
    page = client.get(JOIN_URL).content.decode()
    assert 'value="dana@example.com"' in page and "from your inquiry" in page
    client.post(JOIN_URL, {**VALID, "email": "dana@example.com"})
    assert WaitlistEntry.objects.get().inquiry_id == inquiry.pk


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"days": []}, "days", "Choose at least one day."),
        ({"parts": []}, "parts", "Choose at least one time of day."),
        ({"valid_until": "2026-03-01"}, "valid_until", "Choose today or a later day."),
        ({"valid_until": "2026-12-31"}, "valid_until", "We keep the list for up to 120 days"),
        ({"email_ok": ""}, None, "Tick email or texts (or both)"),
        ({"sms_ok": "on"}, "phone", "Add your phone number to get texts."),
        ({"phone": "12"}, "phone", "Please enter a US phone number"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_stored(
    client, clinicians, frozen_clock, change, field, message
):
    response = client.post(JOIN_URL, {**VALID, **change})
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors.get(field) if field else form.non_field_errors()
    assert any(message in e for e in errors), form.errors
    assert not WaitlistEntry.objects.exists()


@pytest.fixture
def sent_offer(couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks):
    from booking import services

    appointment = book(couples_type, clinicians[0], WED_10)
    join(couples_type, 1)
    join(couples_type, 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_cancel(appointment=appointment, by="client")
    offer = WaitlistOffer.objects.get()
    return offer, reverse("booking:waitlist_offer", args=[waitlist_selectors.offer_token(offer)])


def test_the_offer_link_shows_the_held_time_and_changes_nothing(client, sent_offer):
    offer, url = sent_offer
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "A time is held for you" in page and "Wednesday, March 4, 2026 at 10:00 am" in page
    assert "8:30 am Pacific time" in page  # held until
    offer.refresh_from_db()
    assert offer.status == "sent" and offer.appointment.status == "held"


def test_one_post_books_the_held_time(client, sent_offer, django_capture_on_commit_callbacks):
    offer, url = sent_offer
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"mode": "in_person"})
    assert response.status_code == 302 and response.url == reverse("booking:done")
    booking = Appointment.objects.get(pk=offer.appointment_id)
    assert booking.status == "confirmed" and booking.mode == "in_person"
    assert "You are booked" in client.get(response.url).content.decode()
    # The link now leads to the booking; a second POST books nothing more.
    assert client.post(url, {"mode": "in_person"}).status_code == 302
    assert Appointment.objects.filter(status="confirmed").count() == 1


def test_a_way_to_meet_must_be_chosen(client, sent_offer):
    offer, url = sent_offer
    response = client.post(url, {"mode": "by carrier pigeon"})
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.status == "sent"


def test_an_offer_taken_after_expiry_says_so_kindly_and_shows_other_times(
    client, sent_offer, frozen_clock, django_capture_on_commit_callbacks
):
    offer, url = sent_offer
    frozen_clock.shift(timedelta(minutes=31))
    response = client.post(url, {"mode": "video"})
    page = response.content.decode()
    assert response.status_code == 410
    assert "This time is no longer held" in page and "Nothing was booked for you" in page
    assert "Other open times" in page and "/book/couples-consultation/2026-03-04/" in page
    assert not Appointment.objects.filter(status="confirmed").exists()
    with django_capture_on_commit_callbacks(execute=True):
        waitlist_services.waitlist_offers_expire()
    assert client.get(url).status_code == 410


def test_a_tampered_offer_link_is_refused(client, sent_offer):
    _, url = sent_offer
    response = client.get(url[:-3] + "xx/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_passing_on_is_a_post_and_keeps_the_couple_on_the_list(
    client, sent_offer, django_capture_on_commit_callbacks
):
    offer, url = sent_offer
    decline_url = url + "pass/"
    assert client.get(decline_url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decline_url)
    assert response.status_code == 200 and "we passed the time on" in response.content.decode()
    offer.refresh_from_db()
    offer.entry.refresh_from_db()
    assert (offer.status, offer.entry.status) == ("declined", "waiting")
    assert WaitlistOffer.objects.filter(status="sent").count() == 1  # the next couple's
