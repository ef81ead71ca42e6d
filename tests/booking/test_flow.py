"""The public booking flow through the test client: type → day → time → details → review
→ confirm → done."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from booking.models import Appointment
from clinic_site.crypto import make_token
from notifications.models import Message
from tests.factories import InquiryFactory, iso_z, pacific

pytestmark = pytest.mark.django_db

WED_10 = pacific(2026, 3, 4, 10)


def words_outside_links(text: str, words) -> list[str]:
    """The words that begin a word in `text` outside its links (a link's random token may
    hold any letters)."""
    plain = re.sub(r"https?://\S+", "", text.lower())
    return [word for word in words if re.search(rf"\b{word}", plain)]


def hold_key_of(response) -> str:
    return re.search(r'name="hold_key" value="([^"]+)"', response.content.decode()).group(1)


def pick_time(client, start=WED_10, slug="couples-consultation", day="2026-03-04", **extra):
    url = reverse("booking:times", args=[slug, day])
    page = client.get(url)
    data = {"start": iso_z(start), "clinician": "any", "hold_key": hold_key_of(page), **extra}
    return client.post(url, data)


CONTACT = {
    "name": "Sam",
    "email": "sam@example.com",
    "phone": "949-555-0142",
    "mode": "video",
    "email_ok": "on",
    "sms_ok": "on",
}


def book(client, start=WED_10, contact=CONTACT):
    response = pick_time(client, start)
    assert response.status_code == 302, response.content.decode()
    response = client.post(reverse("booking:details"), contact)
    assert response.status_code == 302, response.content.decode()
    return client.post(reverse("booking:confirm"))


def test_type_page_lists_bookable_types(client, clinicians, frozen_clock):
    response = client.get(reverse("booking:start"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Couples consultation" in body and "Free phone call" in body
    assert body.count("<h1") == 1


def test_days_page_lists_next_days_with_open_times_first(client, clinicians, frozen_clock):
    response = client.get(reverse("booking:days", args=["couples-consultation"]))
    body = response.content.decode()
    # Monday 08:00 + 24 h notice: Tuesday is the first day; weekends are closed.
    days = re.findall(r'class="booking-choice" href="/book/couples-consultation/([\d-]+)/', body)
    assert days[:5] == ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09"]
    assert "Pacific time" in body


def test_time_page_shows_pacific_times_labelled(client, clinicians, frozen_clock):
    response = client.get(reverse("booking:times", args=["couples-consultation", "2026-03-09"]))
    body = response.content.decode()
    assert "Times are shown in Pacific time" in body
    # Monday after spring-forward: still 9:00 to 16:00 wall clock.
    labels = re.findall(r'<button type="submit" name="start" value="[^"]+"[^>]*>([^<]+)<', body)
    assert labels[0] == "9:00 am" and labels[-1] == "4:00 pm"
    assert iso_z(pacific(2026, 3, 9, 9)) in body  # 16:00Z, PDT


def test_the_whole_flow_books_one_confirmed_appointment(client, clinicians, frozen_clock):
    response = book(client)
    assert response.status_code == 302 and response.url == reverse("booking:done")
    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.CONFIRMED
    assert appointment.start == WED_10
    assert appointment.mode == "video"
    assert appointment.buffer_after_minutes == 10
    done = client.get(reverse("booking:done"))
    body = done.content.decode()
    assert "You are booked" in body
    assert "Wednesday, March 4, 2026 at 10:00 am Pacific time" in body
    assert "calendar.ics" in body and "/book/manage/" in body


def test_contact_details_are_encrypted_at_rest(client, clinicians, frozen_clock):
    from django.db import connection

    book(client)
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_email, contact_phone FROM booking_appointment")
        row = cursor.fetchone()
    assert "sam@example.com" not in " ".join(row)
    assert "+19495550142" not in " ".join(row)
    assert Appointment.objects.get().contact_email == "sam@example.com"


def test_confirmation_messages_are_discreet_and_idempotent(
    client, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book(client)
    appointment = Appointment.objects.get()
    confirmed = Message.objects.filter(template_key="booking_confirmed")
    assert sorted(confirmed.values_list("channel", flat=True)) == ["email", "sms"]
    reminders = Message.objects.filter(template_key="booking_reminder")
    # 24 h and 2 h before, by text and by email.
    assert reminders.count() == 4
    assert {m.scheduled_for for m in reminders} >= {
        appointment.start - __import__("datetime").timedelta(hours=24),
    }
    sent = list(Message.objects.all())
    assert len(sent) >= 6  # two confirmations and four reminders, at least
    for message in sent:
        text = f"{message.subject} {message.body}"
        found = words_outside_links(text, ("therapy", "ketamine", "couples", "consultation", "sam"))
        assert not found, (found, text)
    # A repeated confirm sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("booking:confirm"))
    assert Message.objects.filter(template_key="booking_confirmed").count() == 2
    assert len(mail.outbox) == 1


def test_no_texts_without_sms_consent(client, clinicians, frozen_clock):
    book(client, contact={**CONTACT, "sms_ok": ""})
    assert set(Message.objects.values_list("channel", flat=True)) == {"email"}


def test_double_submitted_confirm_makes_one_appointment(client, clinicians, frozen_clock):
    pick_time(client)
    client.post(reverse("booking:details"), CONTACT)
    first = client.post(reverse("booking:confirm"))
    second = client.post(reverse("booking:confirm"))
    assert first.status_code == second.status_code == 302
    assert second.url == reverse("booking:done")
    assert Appointment.objects.count() == 1
    assert Appointment.objects.get().status == Appointment.Status.CONFIRMED


def test_double_submitted_time_pick_holds_once(client, clinicians, frozen_clock):
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    key = hold_key_of(client.get(url))
    data = {"start": iso_z(WED_10), "clinician": "any", "hold_key": key}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Appointment.objects.count() == 1


def test_picking_another_time_releases_the_first_hold(client, clinicians, frozen_clock):
    pick_time(client, WED_10)
    pick_time(client, pacific(2026, 3, 4, 11))
    assert Appointment.objects.active().count() == 1
    assert Appointment.objects.active().get().start == pacific(2026, 3, 4, 11)


def test_a_taken_time_gives_409_with_nearest_open_times(clinicians, frozen_clock):
    from django.test import Client

    first, second = Client(), Client()
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    page = second.get(url)  # rendered while the time was still open
    # Both clinicians get booked at 10:00 by others.
    pick_time(first, WED_10)
    pick_time(Client(), WED_10)
    response = second.post(
        url, {"start": iso_z(WED_10), "clinician": "any", "hold_key": hold_key_of(page)}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "That time was just taken" in body
    assert "Wednesday, March 4, 2026 at 11:00 am Pacific time" in body
    assert Appointment.objects.count() == 2


def test_request_to_book_types_wait_for_the_front_desk(client, clinicians, frozen_clock):
    from booking.models import ConsultationType

    ConsultationType.objects.filter(slug="couples-consultation").update(confirmation="request")
    book(client)
    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.REQUESTED
    assert "Request received" in client.get(reverse("booking:done")).content.decode()
    assert not Message.objects.filter(template_key="booking_confirmed").exists()


# --- coming from an inquiry ---------------------------------------------------------------
def test_inquiry_link_prefills_and_links_and_keeps_the_token_out_of_urls(
    client, clinicians, frozen_clock
):
    inquiry = InquiryFactory(contact_name="Robin", contact_email="robin@example.com")
    token = make_token("inquiry-booking", str(inquiry.pk))
    response = client.get(reverse("booking:start") + f"?inquiry={token}")
    assert response.status_code == 302 and response.url == reverse("booking:start")
    pick_time(client)
    details = client.get(reverse("booking:details"))
    body = details.content.decode()
    assert 'value="Robin"' in body and 'value="robin@example.com"' in body
    assert token not in body
    client.post(reverse("booking:details"), {**CONTACT, "name": "Robin"})
    client.post(reverse("booking:confirm"))
    appointment = Appointment.objects.get()
    assert appointment.inquiry_id == inquiry.pk
    inquiry.refresh_from_db()
    assert inquiry.status == "consultation_booked"


def test_tampered_inquiry_token_gives_a_message_and_stores_nothing(
    client, clinicians, frozen_clock
):
    inquiry = InquiryFactory()
    token = make_token("inquiry-booking", str(inquiry.pk)) + "x"
    response = client.get(reverse("booking:start") + f"?inquiry={token}")
    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()
    assert "booking_inquiry_id" not in client.session


# --- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-02-27", "That day has passed"),
        ("2026-13-40", "That date is not valid"),
        ("yesterday", "That date is not valid"),
        ("2026-3-4", "That date is not valid"),
    ],
)
def test_past_or_malformed_dates_get_a_clear_message(
    client, clinicians, frozen_clock, day, message
):
    response = client.get(reverse("booking:times", args=["couples-consultation", day]))
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (iso_z(pacific(2026, 3, 4, 7)), "That time is not available"),  # before hours
        (iso_z(pacific(2026, 3, 4, 10, 10)), "That time is not available"),  # off the grid
        (iso_z(pacific(2026, 3, 7, 10)), "That time is not available"),  # Saturday
        (iso_z(pacific(2026, 3, 2, 10)), "That time is not available"),  # inside notice
        (iso_z(pacific(2026, 2, 25, 10)), "That time is not available"),  # past
        (iso_z(pacific(2026, 6, 1, 10)), "That time is not available"),  # past the horizon
        ("2026-03-04T10:00:00", "That time is not valid"),  # naive
        ("not-a-time", "That time is not valid"),
    ],
)
def test_bad_times_get_a_clear_message_and_store_nothing(
    client, clinicians, frozen_clock, start, message
):
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    key = hold_key_of(client.get(url))
    response = client.post(url, {"start": start, "clinician": "any", "hold_key": key})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Appointment.objects.count() == 0


def test_unknown_clinician_is_refused(client, clinicians, frozen_clock):
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    key = hold_key_of(client.get(url))
    response = client.post(url, {"start": iso_z(WED_10), "clinician": "999", "hold_key": key})
    assert response.status_code == 400
    assert Appointment.objects.count() == 0


def test_inactive_type_cannot_be_booked(client, clinicians, couples_type, frozen_clock):
    couples_type.is_active = False
    couples_type.save()
    for response in (
        client.get(reverse("booking:days", args=["couples-consultation"])),
        client.post(
            reverse("booking:times", args=["couples-consultation", "2026-03-04"]),
            {"start": iso_z(WED_10), "clinician": "any", "hold_key": "k" * 32},
        ),
    ):
        assert response.status_code == 404
        assert "not available to book online" in response.content.decode()
    assert Appointment.objects.count() == 0
    assert "Couples consultation" not in client.get(reverse("booking:start")).content.decode()


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"email": "", "phone": ""}, "Please give an email address or a phone number."),
        ({"phone": "12"}, "Please enter a US phone number"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"name": ""}, "This field is required."),
        ({"mode": "phone"}, "Select a valid choice."),
        ({"phone": "", "sms_ok": "on"}, "Add your phone number to get texts."),
        ({"email": "", "email_ok": ""}, "We need an email address to send you the video link."),
    ],
)
def test_bad_contact_details_get_a_message_and_store_nothing(
    client, clinicians, frozen_clock, changes, field_error
):
    pick_time(client)
    response = client.post(reverse("booking:details"), {**CONTACT, **changes})
    assert response.status_code == 400
    assert field_error in response.content.decode()
    appointment = Appointment.objects.get()
    assert appointment.contact_email == "" and appointment.contact_name == ""
    # and it cannot be confirmed without details
    client.post(reverse("booking:confirm"))
    assert Appointment.objects.get().status == Appointment.Status.HELD


def test_confirm_is_post_only(client, clinicians, frozen_clock):
    assert client.get(reverse("booking:confirm")).status_code == 405


def test_details_without_a_hold_explains(client, clinicians, frozen_clock):
    response = client.get(reverse("booking:details"))
    assert response.status_code == 410
    assert "Nothing was booked" in response.content.decode()


def test_an_expired_hold_is_released_and_can_still_be_confirmed_if_free(
    client, clinicians, frozen_clock
):
    from booking.services import appointment_confirm_booking
    from booking.tasks import release_expired_holds

    pick_time(client)
    client.post(reverse("booking:details"), CONTACT)
    frozen_clock.shift(16 * 60)
    assert release_expired_holds() == 1
    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment_confirm_booking(appointment=appointment).status == "confirmed"


def test_an_expired_hold_whose_time_was_taken_cannot_be_confirmed(client, clinicians, frozen_clock):
    from django.test import Client

    from booking.services import SlotTaken, appointment_confirm_booking

    pick_time(client, slug="couples-consultation")
    client.post(reverse("booking:details"), CONTACT)
    mine = Appointment.objects.get()
    frozen_clock.shift(16 * 60)
    # Once the hold lapses, others can take the time with either clinician.
    assert pick_time(Client()).status_code == 302
    assert pick_time(Client()).status_code == 302
    with pytest.raises(SlotTaken):
        appointment_confirm_booking(appointment=mine)
    assert Appointment.objects.active().count() == 2


def test_any_clinician_spreads_bookings_across_clinicians(clinicians, frozen_clock):
    from django.test import Client

    pick_time(Client(), WED_10)
    pick_time(Client(), pacific(2026, 3, 4, 14))
    assert sorted(Appointment.objects.values_list("clinician__display_name", flat=True)) == [
        "Alex Rivera",
        "Jordan Lee",
    ]


# --- every page says it is not for emergencies ---------------------------------------------
NOT_FOR_EMERGENCIES = (
    "This site is not monitored around the clock and is not for emergencies. "
    'In an emergency call <a href="tel:911">911</a>. In crisis, call or text '
    '<a href="tel:988">988</a> (988 Suicide &amp; Crisis Lifeline). Veterans: call '
    '<a href="tel:988">988</a>, then press 1.'
)


def test_every_booking_page_says_it_is_not_for_emergencies(clinicians, frozen_clock):
    from django.test import Client

    from booking.selectors import manage_token

    client = Client()
    pages = {
        "type": client.get(reverse("booking:start")),
        "day": client.get(reverse("booking:days", args=["couples-consultation"])),
        "time": client.get(reverse("booking:times", args=["couples-consultation", "2026-03-04"])),
        "bad date": client.get(reverse("booking:times", args=["couples-consultation", "x"])),
    }
    pick_time(client)
    pages["details"] = client.get(reverse("booking:details"))
    client.post(reverse("booking:details"), CONTACT)
    pages["review"] = client.get(reverse("booking:review"))
    client.post(reverse("booking:confirm"))
    pages["done"] = client.get(reverse("booking:done"))
    token = manage_token(Appointment.objects.get())
    pages["manage"] = client.get(reverse("booking:manage", args=[token]))
    pages["cancel?"] = client.get(reverse("booking:manage_cancel", args=[token]))
    pages["new day"] = client.get(reverse("booking:reschedule_days", args=[token]))
    pages["new time"] = client.get(reverse("booking:reschedule_times", args=[token, "2026-03-05"]))
    pages["move?"] = client.get(
        reverse("booking:reschedule_confirm", args=[token]),
        {"start": iso_z(pacific(2026, 3, 5, 14))},
    )
    # A time taken a moment before (409).
    other = Client()
    page = other.get(reverse("booking:times", args=["couples-consultation", "2026-03-05"]))
    pick_time(Client(), pacific(2026, 3, 5, 11))
    pick_time(Client(), pacific(2026, 3, 5, 11))
    pages["taken"] = other.post(
        reverse("booking:times", args=["couples-consultation", "2026-03-05"]),
        {
            "start": iso_z(pacific(2026, 3, 5, 11)),
            "clinician": "any",
            "hold_key": hold_key_of(page),
        },
    )
    assert pages["taken"].status_code == 409
    for name, response in pages.items():
        assert response.status_code in (200, 400, 409), name
        assert NOT_FOR_EMERGENCIES in response.content.decode(), name


# --- the details page -----------------------------------------------------------------------
def test_details_prefill_shows_the_inquiry_phone_the_way_people_write_it(
    client, clinicians, frozen_clock
):
    inquiry = InquiryFactory(contact_phone="+19495550199")
    client.get(reverse("booking:start") + f"?inquiry={make_token('inquiry-booking', inquiry.pk)}")
    pick_time(client)
    body = client.get(reverse("booking:details")).content.decode()
    assert 'value="(949) 555-0199"' in body
    assert "+19495550199" not in body
    # The readable form goes back in unchanged and is stored as E.164.
    client.post(reverse("booking:details"), {**CONTACT, "phone": "(949) 555-0199"})
    assert Appointment.objects.get().contact_phone == "+19495550199"
    again = client.get(reverse("booking:details")).content.decode()
    assert 'value="(949) 555-0199"' in again


def test_where_line_lists_the_choices_until_one_is_chosen(client, clinicians, frozen_clock):
    pick_time(client)
    body = client.get(reverse("booking:details")).content.decode()
    assert "<dd>By video or in person (you choose below)</dd>" in body
    assert "by video: we will email" not in body.lower()
    client.post(reverse("booking:details"), {**CONTACT, "mode": "in_person"})
    body = client.get(reverse("booking:details")).content.decode()
    assert "<dd>In person at our office in Orange County, California" in body


def test_a_single_way_to_meet_is_named_from_the_start(client, clinicians, frozen_clock):
    pick_time(client, pacific(2026, 3, 3, 13), slug="free-phone-call", day="2026-03-03")
    body = client.get(reverse("booking:details")).content.decode()
    assert "<dd>By phone: we will call you at the number you gave</dd>" in body


def test_in_person_without_a_street_address_says_how_to_get_it(client, clinicians, frozen_clock):
    pick_time(client)
    client.post(reverse("booking:details"), {**CONTACT, "mode": "in_person"})
    body = client.get(reverse("booking:review")).content.decode()
    assert (
        "In person at our office in Orange County, California "
        "(call us at 949-625-0564 for the street address)" in body
    )


def test_in_person_with_a_street_address_gives_it(client, clinicians, frozen_clock):
    from pages.models import SiteSettings

    site = SiteSettings.load()
    site.address = "Moment of Clarity\n120 Newport Center Dr, Suite 200\nNewport Beach, CA 92660"
    site.save()
    pick_time(client)
    client.post(reverse("booking:details"), {**CONTACT, "mode": "in_person"})
    body = client.get(reverse("booking:review")).content.decode()
    assert (
        "In person at Moment of Clarity, 120 Newport Center Dr, Suite 200, "
        "Newport Beach, CA 92660</dd>" in body
    )
    client.post(reverse("booking:confirm"))
    confirmed = Message.objects.filter(template_key="booking_confirmed", channel="sms").get()
    assert "120 Newport Center Dr" in confirmed.body


@pytest.mark.parametrize("day", ["9999-12-31", "2026-05-02", "2028-03-04"])
def test_a_day_past_the_booking_horizon_is_a_clear_404_and_holds_nothing(
    client, clinicians, frozen_clock, day
):
    url = reverse("booking:times", args=["couples-consultation", day])
    for response in (
        client.get(url),
        client.post(url, {"start": iso_z(WED_10), "clinician": "any", "hold_key": "k" * 32}),
    ):
        assert response.status_code == 404
        assert "That day is not open for booking yet" in response.content.decode()
    assert Appointment.objects.count() == 0


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("9999-12-31T23:59:59-14:00", "That time is not valid"),  # past year 9999 in UTC
        ("0001-01-01T00:00:00+14:00", "That time is not valid"),  # before year 1 in UTC
        ("9999-12-31T23:00:00Z", "That time is not available"),
        ("0001-01-01T00:00:00Z", "That time is not available"),
        ("2028-03-04T18:00:00Z", "That time is not available"),  # past every horizon
    ],
)
def test_times_at_the_ends_of_the_calendar_get_a_clear_message_and_store_nothing(
    client, clinicians, frozen_clock, start, message
):
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    key = hold_key_of(client.get(url))
    response = client.post(url, {"start": start, "clinician": "any", "hold_key": key})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Appointment.objects.count() == 0


def test_a_clinician_that_only_looks_like_a_number_is_refused_not_a_500(
    client, clinicians, frozen_clock
):
    # Found by tests/test_fuzz_public_urls.py: "²".isdigit() is True, int("²") raises.
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    key = hold_key_of(client.get(url))
    response = client.post(url, {"start": iso_z(WED_10), "clinician": "²", "hold_key": key})
    assert response.status_code == 400
    assert client.get(url, {"clinician": "²"}).status_code == 200
    assert Appointment.objects.count() == 0
