"""The private manage link: view, cancel, reschedule; the .ics file; cut-off and expiry."""

from datetime import timedelta

import icalendar
import pytest
from django.test import override_settings
from django.urls import reverse

from booking.models import Appointment
from booking.selectors import manage_token
from notifications.models import Message
from tests.factories import iso_z, pacific

from .test_flow import WED_10, book, words_outside_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(client, clinicians, frozen_clock):
    book(client)
    appointment = Appointment.objects.get()
    return appointment, manage_token(appointment)


def snapshot():
    return list(
        Appointment.objects.order_by("pk").values_list(
            "status", "start", "end", "sequence", "updated_at"
        )
    ), list(Message.objects.order_by("pk").values_list("status", "template_key"))


def test_get_requests_to_every_manage_url_change_nothing(client, booked):
    appointment, token = booked
    before = snapshot()
    new_start = iso_z(pacific(2026, 3, 5, 14))
    for name, args, query in [
        ("booking:manage", [token], ""),
        ("booking:manage_cancel", [token], ""),
        ("booking:reschedule_days", [token], ""),
        ("booking:reschedule_times", [token, "2026-03-05"], ""),
        ("booking:reschedule_confirm", [token], f"?start={new_start}"),
        ("booking:calendar", [token], ""),
    ]:
        response = client.get(reverse(name, args=args) + query)
        assert response.status_code == 200, (name, response.status_code)
    assert snapshot() == before


def move(client, token, appointment, new_start, day):
    """Tap a new time, then confirm the move on the review page (two POSTs)."""
    response = client.post(
        reverse("booking:reschedule_times", args=[token, day]),
        {
            "start": iso_z(new_start),
            "clinician": str(appointment.clinician_id),
            "hold_key": "r" * 32,
        },
    )
    assert response.status_code == 302, response.content.decode()
    review_url = reverse("booking:reschedule_confirm", args=[token])
    assert response.url == f"{review_url}?start={iso_z(new_start)}"
    return client.post(review_url, {"start": iso_z(new_start)})


# --- cancel asks first ---------------------------------------------------------------------
def test_the_manage_page_cancel_button_leads_to_a_question_not_a_cancellation(client, booked):
    _, token = booked
    cancel_url = reverse("booking:manage_cancel", args=[token])
    body = client.get(reverse("booking:manage", args=[token])).content.decode()
    assert f'<a class="btn btn-outline-danger" href="{cancel_url}">Cancel this appointment</a>' in (
        body
    )
    assert f'action="{cancel_url}"' not in body


def test_get_of_the_cancel_link_asks_and_changes_nothing(client, booked):
    appointment, token = booked
    before = snapshot()
    response = client.get(reverse("booking:manage_cancel", args=[token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "<h1>Cancel your appointment on Wednesday, March 4, 2026 at 10:00 am Pacific time?</h1>"
        in body
    )
    assert f'method="post" action="{reverse("booking:manage_cancel", args=[token])}"' in body
    assert "Yes, cancel it</button>" in body
    assert f'href="{reverse("booking:manage", args=[token])}">Keep it</a>' in body
    assert snapshot() == before
    appointment.refresh_from_db()
    assert appointment.status == "confirmed"


def test_the_cancel_question_is_not_offered_inside_the_cutoff_or_once_cancelled(
    client, booked, frozen_clock
):
    appointment, token = booked
    url = reverse("booking:manage_cancel", args=[token])
    frozen_clock.move_to(WED_10 - timedelta(hours=23))
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("booking:manage", args=[token])
    frozen_clock.move_to(WED_10 - timedelta(hours=48))
    client.post(url)
    assert client.get(url).status_code == 302


# --- a wrong method gets a page, never a blank 405 -----------------------------------------
@pytest.mark.parametrize(
    ("method", "name", "allow"),
    [
        ("get", "booking:confirm", "POST"),
        ("post", "booking:start", "GET"),
        ("put", "booking:manage_cancel", "GET, POST"),
        ("delete", "booking:manage", "GET"),
        ("post", "booking:calendar", "GET"),
    ],
)
def test_a_wrong_method_gets_a_friendly_405_page(client, booked, method, name, allow):
    _, token = booked
    args = [] if name in ("booking:confirm", "booking:start") else [token]
    before = snapshot()
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 405
    assert response["Allow"] == allow
    body = response.content.decode()
    assert body.count("<h1") == 1 and "This page cannot be opened this way" in body
    assert "Nothing was changed." in body
    assert "not for emergencies" in body
    assert snapshot() == before


def test_manage_page_shows_the_booking_and_links_to_change_it(client, booked):
    _, token = booked
    body = client.get(reverse("booking:manage", args=[token])).content.decode()
    assert "Wednesday, March 4, 2026 at 10:00 am Pacific time" in body
    # Both lead to a page with a POST button; nothing on this page changes anything.
    assert 'method="post"' not in body.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Cancel this appointment" in body and "Choose a different time" in body


def test_cancel_by_post_cancels_and_withdraws_reminders(client, booked):
    appointment, token = booked
    assert Message.objects.filter(template_key="booking_reminder", status="queued").count() == 4
    response = client.post(reverse("booking:manage_cancel", args=[token]))
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "cancelled" and appointment.cancelled_by == "client"
    assert appointment.sequence == 1
    assert not Message.objects.filter(template_key="booking_reminder", status="queued").exists()
    assert Message.objects.filter(template_key="booking_cancelled").count() == 2
    body = client.get(reverse("booking:manage", args=[token])).content.decode()
    assert "This appointment is cancelled" in body
    assert "Cancel this appointment" not in body
    # cancelling again changes nothing
    client.post(reverse("booking:manage_cancel", args=[token]))
    assert Message.objects.filter(template_key="booking_cancelled").count() == 2


def test_reschedule_moves_the_same_row_and_keeps_the_calendar_uid(client, booked):
    appointment, token = booked
    uid = appointment.ics_uid
    new_start = pacific(2026, 3, 5, 14)
    url = reverse("booking:reschedule_times", args=[token, "2026-03-05"])
    page = client.get(url).content.decode()
    assert iso_z(new_start) in page
    response = move(client, token, appointment, new_start, "2026-03-05")
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.start == new_start and appointment.end == new_start + timedelta(minutes=50)
    assert appointment.ics_uid == uid and appointment.sequence == 1
    assert Appointment.objects.count() == 1
    old_reminders = Message.objects.filter(
        template_key="booking_reminder", idempotency_key__contains=":reminder:0:"
    )
    assert set(old_reminders.values_list("status", flat=True)) == {"cancelled"}
    new_reminders = Message.objects.filter(template_key="booking_reminder", status="queued")
    assert {m.scheduled_for for m in new_reminders} == {
        new_start - timedelta(hours=24),
        new_start - timedelta(hours=2),
    }
    assert Message.objects.filter(template_key="booking_rescheduled").count() == 2
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("booking:calendar", args=[token])).content
    )
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == new_start


def test_reschedule_can_overlap_its_own_old_time(client, booked):
    appointment, token = booked
    new_start = WED_10 + timedelta(minutes=30)
    response = move(client, token, appointment, new_start, "2026-03-04")
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.start == new_start


def test_tapping_a_new_time_only_opens_a_review_and_moves_nothing(client, booked):
    appointment, token = booked
    before = snapshot()
    new_start = pacific(2026, 3, 5, 14)
    response = client.post(
        reverse("booking:reschedule_times", args=[token, "2026-03-05"]),
        {
            "start": iso_z(new_start),
            "clinician": str(appointment.clinician_id),
            "hold_key": "r" * 32,
        },
    )
    assert response.status_code == 302
    assert snapshot() == before
    review = client.get(response.url)
    assert review.status_code == 200
    body = review.content.decode()
    assert "<h1>Move your appointment?</h1>" in body
    assert "Wednesday, March 4, 2026 at 10:00 am Pacific time" in body  # now
    assert "Thursday, March 5, 2026 at 2:00 pm Pacific time" in body  # new
    assert f'method="post" action="{reverse("booking:reschedule_confirm", args=[token])}"' in body
    assert f'name="start" value="{iso_z(new_start)}"' in body
    assert "Move my appointment</button>" in body
    assert f'href="{reverse("booking:manage", args=[token])}">Keep my current time</a>' in body
    assert snapshot() == before
    assert not Message.objects.filter(template_key="booking_rescheduled").exists()


@pytest.mark.parametrize(
    ("start", "status", "text"),
    [
        ("not-a-time", 400, "That time is not valid"),
        ("2026-03-05T14:00:00", 400, "That time is not valid"),  # no offset
        (iso_z(pacific(2026, 3, 7, 10)), 400, "not available"),  # a Saturday: closed
    ],
)
def test_the_reschedule_review_refuses_bad_times_and_moves_nothing(
    client, booked, start, status, text
):
    _, token = booked
    before = snapshot()
    url = reverse("booking:reschedule_confirm", args=[token])
    for response in (client.get(url, {"start": start}), client.post(url, {"start": start})):
        assert response.status_code == status
        assert text in response.content.decode()
    assert snapshot() == before


def test_a_time_taken_between_review_and_confirm_gives_409_and_keeps_the_old_time(client, booked):
    from django.test import Client

    from .test_flow import pick_time

    appointment, token = booked
    target = pacific(2026, 3, 5, 14)
    url = reverse("booking:reschedule_confirm", args=[token])
    assert client.get(url, {"start": iso_z(target)}).status_code == 200
    assert (
        pick_time(
            Client(), target, day="2026-03-05", clinician=str(appointment.clinician_id)
        ).status_code
        == 302
    )
    response = client.post(url, {"start": iso_z(target)})
    assert response.status_code == 409
    assert "/reschedule/2026-03-05/" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.start == WED_10 and appointment.sequence == 0


def test_a_double_submitted_move_moves_once(client, booked):
    appointment, token = booked
    new_start = pacific(2026, 3, 5, 14)
    move(client, token, appointment, new_start, "2026-03-05")
    again = client.post(
        reverse("booking:reschedule_confirm", args=[token]), {"start": iso_z(new_start)}
    )
    assert again.status_code == 302
    appointment.refresh_from_db()
    assert appointment.start == new_start and appointment.sequence == 1
    assert Message.objects.filter(template_key="booking_rescheduled").count() == 2


def test_reschedule_to_a_closed_time_is_refused(client, booked):
    appointment, token = booked
    response = client.post(
        reverse("booking:reschedule_times", args=[token, "2026-03-07"]),
        {
            "start": iso_z(pacific(2026, 3, 7, 10)),
            "clinician": str(appointment.clinician_id),
            "hold_key": "r" * 32,
        },
    )
    assert response.status_code == 400
    assert "not available" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.start == WED_10 and appointment.sequence == 0


def test_inside_the_cutoff_the_page_gives_the_phone_and_refuses_changes(
    client, booked, frozen_clock
):
    appointment, token = booked
    frozen_clock.move_to(WED_10 - timedelta(hours=23))
    body = client.get(reverse("booking:manage", args=[token])).content.decode()
    assert "can no longer be changed online" in body
    assert "949-625-0564" in body
    assert "Cancel this appointment" not in body
    client.post(reverse("booking:manage_cancel", args=[token]))
    appointment.refresh_from_db()
    assert appointment.status == "confirmed"
    response = client.get(reverse("booking:reschedule_days", args=[token]))
    assert response.status_code == 302


@override_settings(BOOKING_CHANGE_CUTOFF_HOURS=2)
def test_the_cutoff_is_a_setting(client, booked, frozen_clock):
    appointment, token = booked
    frozen_clock.move_to(WED_10 - timedelta(hours=23))
    assert (
        "Cancel this appointment"
        in client.get(reverse("booking:manage", args=[token])).content.decode()
    )


def test_the_link_stops_working_after_the_appointment(client, booked, frozen_clock):
    _, token = booked
    frozen_clock.move_to(WED_10 + timedelta(hours=1))
    for name in ("booking:manage", "booking:calendar", "booking:reschedule_days"):
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 410
    assert (
        "This link has expired"
        in client.get(reverse("booking:manage", args=[token])).content.decode()
    )


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t + "x",
        lambda t: t[:-2],
        lambda t: "x" + t[1:],
        lambda t: t.replace(":", ";"),
        lambda t: "not-a-token",
    ],
)
def test_tampered_tokens_open_nothing_and_change_nothing(client, booked, mangle):
    _, token = booked
    before = snapshot()
    bad = mangle(token)
    assert client.get(reverse("booking:manage", args=[bad])).status_code == 404
    assert client.post(reverse("booking:manage_cancel", args=[bad])).status_code == 404
    assert client.get(reverse("booking:calendar", args=[bad])).status_code == 404
    assert snapshot() == before


def test_a_token_for_another_purpose_is_refused(client, booked):
    from clinic_site.crypto import make_token

    appointment, _ = booked
    wrong = make_token("inquiry-booking", str(appointment.manage_key))
    assert client.get(reverse("booking:manage", args=[wrong])).status_code == 404


# --- the calendar file -------------------------------------------------------------------
def test_ics_is_valid_and_discreet(client, booked):
    appointment, token = booked
    response = client.get(reverse("booking:calendar", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded per RFC 5545
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "MC Office"
    assert event.decoded("DTSTART") == WED_10
    assert event.decoded("DTEND") == WED_10 + timedelta(minutes=50)
    assert str(event["UID"]) == appointment.ics_uid
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event
    unfolded = raw.decode().replace("\r\n ", "")
    words = ("therapy", "ketamine", "couples", "consultation", "sam", "rivera", "lee")
    assert words_outside_links(unfolded, words) == []


def test_ics_after_cancellation_is_a_cancel_with_the_same_uid(client, booked):
    appointment, token = booked
    client.post(reverse("booking:manage_cancel", args=[token]))
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("booking:calendar", args=[token])).content
    )
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == appointment.ics_uid
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_reschedule_to_a_time_just_taken_gives_409_and_keeps_the_old_time(client, booked):
    from django.test import Client

    from .test_flow import pick_time

    appointment, token = booked
    target = pacific(2026, 3, 5, 14)
    url = reverse("booking:reschedule_times", args=[token, "2026-03-05"])
    assert iso_z(target) in client.get(url).content.decode()
    # Someone else books 14:00 with the same clinician while the page is open.
    other = Client()
    assert (
        pick_time(
            other, target, day="2026-03-05", clinician=str(appointment.clinician_id)
        ).status_code
        == 302
    )
    response = client.post(
        url,
        {"start": iso_z(target), "clinician": str(appointment.clinician_id), "hold_key": "r" * 32},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "That time was just taken" in body
    assert "/reschedule/" in body  # the nearest times post back to the reschedule page
    appointment.refresh_from_db()
    assert appointment.start == WED_10 and appointment.sequence == 0


def test_a_number_that_texted_stop_gets_one_email_per_event_not_two(
    client, clinicians, frozen_clock
):
    from notifications.services import sms_opt_out

    from .test_flow import CONTACT

    sms_opt_out(phone=CONTACT["phone"])
    book(client)
    emails = Message.objects.filter(channel="email")
    assert [m.to for m in emails] == [CONTACT["email"]] * emails.count()
    keys = sorted(m.template_key for m in emails)
    assert keys == ["booking_confirmed", "booking_reminder", "booking_reminder"]
    assert not Message.objects.filter(channel="sms", status__in=["queued", "sending", "sent"])


def test_reschedule_urls_at_the_ends_of_the_calendar_get_clear_pages_and_change_nothing(
    client, booked
):
    _, token = booked
    before = snapshot()
    far_day = reverse("booking:reschedule_times", args=[token, "9999-12-31"])
    assert client.get(far_day).status_code == 404
    response = client.post(far_day, {"start": "9999-12-31T23:00:00Z", "hold_key": "r" * 32})
    assert response.status_code == 404
    confirm = reverse("booking:reschedule_confirm", args=[token])
    for start in ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00Z"):
        assert client.get(confirm, {"start": start}).status_code == 400
        assert client.post(confirm, {"start": start}).status_code == 400
    assert snapshot() == before
