"""Staff side: agenda, filters, actions through the services, inline availability."""

from datetime import timedelta

import pytest
from django.urls import reverse

from booking.models import Appointment
from notifications.models import Message
from tests.factories import AppointmentFactory, InquiryFactory, pacific

from .test_flow import WED_10, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(client, clinicians, frozen_clock):
    book(client)
    return Appointment.objects.get()


def make(clinician, ctype, start, status="confirmed", **extra):
    return AppointmentFactory(
        consultation_type=ctype,
        clinician=clinician,
        mode="video",
        start=start,
        status=status,
        contact_email="x@example.com",
        email_ok=True,
        **extra,
    )


def test_agenda_by_day_and_week_per_clinician(admin_client, clinicians, couples_type, frozen_clock):
    alex, jordan = clinicians
    inquiry = InquiryFactory()
    make(alex, couples_type, WED_10, inquiry=inquiry)
    make(jordan, couples_type, pacific(2026, 3, 5, 14), status="requested")
    make(alex, couples_type, pacific(2026, 3, 5, 9), status="held")
    url = reverse("admin:booking_appointment_agenda")
    day = admin_client.get(url + "?date=2026-03-04").content.decode()
    assert "Wednesday, March 4, 2026" in day and "10:00 am–10:50 am" in day
    assert inquiry.reference_code in day
    assert "Jordan Lee" not in day.split("Wednesday, March 4, 2026")[1]
    week = admin_client.get(url + "?date=2026-03-04&span=week").content.decode()
    assert "Monday, March 2, 2026" in week and "Sunday, March 8, 2026" in week
    assert "⚑ Requested" in week
    assert "9:00 am–9:50 am" not in week  # holds are not bookings
    only_jordan = admin_client.get(url + f"?date=2026-03-04&span=week&clinician={jordan.pk}")
    assert "10:00 am–10:50 am" not in only_jordan.content.decode()


def test_agenda_query_count_does_not_grow_with_appointments(
    admin_client, clinicians, couples_type, frozen_clock, django_assert_max_num_queries
):
    alex, jordan = clinicians
    url = reverse("admin:booking_appointment_agenda") + "?date=2026-03-02&span=week"
    for day in range(2, 7):
        for hour in (9, 11, 14):
            make(alex, couples_type, pacific(2026, 3, day, hour), inquiry=InquiryFactory())
            make(jordan, couples_type, pacific(2026, 3, day, hour))
    with django_assert_max_num_queries(12):
        assert admin_client.get(url).status_code == 200


def test_changelist_filters_and_flags(admin_client, clinicians, couples_type, frozen_clock):
    alex, _ = clinicians
    make(alex, couples_type, WED_10, status="requested")
    make(alex, couples_type, pacific(2026, 3, 5, 10))
    url = reverse("admin:booking_appointment_changelist")
    body = admin_client.get(url + "?needs=confirming").content.decode()
    assert "⚑ Requested" in body and "Thursday" not in body
    body = admin_client.get(url + "?status__exact=confirmed").content.decode()
    assert "Thursday, March 5, 2026" in body and "Wednesday, March 4" not in body
    assert admin_client.get(url + "?when=upcoming").status_code == 200
    assert admin_client.get(url + "?when=today").status_code == 200


def test_search_by_exact_email_uses_the_keyed_hash(admin_client, booked):
    url = reverse("admin:booking_appointment_changelist")
    assert "Wednesday, March 4" in admin_client.get(url + "?q=SAM@example.com").content.decode()
    assert (
        "Wednesday, March 4" not in admin_client.get(url + "?q=other@example.com").content.decode()
    )


def test_confirm_action_confirms_requests_and_sends_messages(
    admin_client, clinicians, couples_type, frozen_clock
):
    alex, _ = clinicians
    requested = make(alex, couples_type, WED_10, status="requested")
    url = reverse("admin:booking_appointment_changelist")
    admin_client.post(url, {"action": "confirm_requested", "_selected_action": [requested.pk]})
    requested.refresh_from_db()
    assert requested.status == "confirmed"
    assert Message.objects.filter(template_key="booking_confirmed").count() == 1
    assert Message.objects.filter(template_key="booking_reminder").count() == 2


def test_cancel_action_works_inside_the_client_cutoff(
    admin_client, admin_user, booked, frozen_clock
):
    frozen_clock.move_to(WED_10 - timedelta(hours=3))
    admin_client.force_login(admin_user)
    url = reverse("admin:booking_appointment_changelist")
    admin_client.post(url, {"action": "cancel_selected", "_selected_action": [booked.pk]})
    booked.refresh_from_db()
    assert booked.status == "cancelled" and booked.cancelled_by == "staff"
    assert not Message.objects.filter(template_key="booking_reminder", status="queued").exists()


def test_outcome_actions_only_for_started_appointments(
    admin_client, admin_user, booked, frozen_clock
):
    url = reverse("admin:booking_appointment_changelist")
    admin_client.post(url, {"action": "mark_no_show", "_selected_action": [booked.pk]})
    booked.refresh_from_db()
    assert booked.status == "confirmed"
    frozen_clock.move_to(WED_10 + timedelta(hours=1))
    admin_client.force_login(admin_user)  # the idle session timed out while time moved
    admin_client.post(url, {"action": "mark_completed", "_selected_action": [booked.pk]})
    booked.refresh_from_db()
    assert booked.status == "completed"


def test_change_page_shows_contact_and_audits_the_view(admin_client, booked):
    from staff.models import AuditEntry

    response = admin_client.get(reverse("admin:booking_appointment_change", args=[booked.pk]))
    assert response.status_code == 200
    assert "sam@example.com" in response.content.decode()
    assert AuditEntry.objects.filter(action="view").exists()


def test_clinician_page_edits_hours_and_time_off_inline(admin_client, clinicians):
    alex, _ = clinicians
    response = admin_client.get(reverse("admin:booking_clinician_change", args=[alex.pk]))
    body = response.content.decode()
    assert "availability_rules-TOTAL_FORMS" in body
    assert "availability_exceptions-TOTAL_FORMS" in body


def test_day_agenda_shows_how_to_reach_each_person_and_links_the_inquiry(
    admin_client, clinicians, couples_type, frozen_clock
):
    alex, _ = clinicians
    inquiry = InquiryFactory(preferred_contact="phone")
    make(
        alex,
        couples_type,
        WED_10,
        inquiry=inquiry,
        contact_name="Robin Example",
        contact_phone="+19495550123",
        sms_ok=False,
        voicemail_ok=True,
        email_consent_at=WED_10,
    )
    make(alex, couples_type, pacific(2026, 3, 4, 14), contact_name="Sam Walkin")
    url = reverse("admin:booking_appointment_agenda") + "?date=2026-03-04"
    html = admin_client.get(url).content.decode()
    assert "Robin Example" in html and "prefers phone call" in html
    assert 'href="tel:+19495550123"' in html and "(949) 555-0123" in html
    assert "Do not text: they said texting is not safe." in html
    assert "You may leave a voicemail." in html and "You may email." in html
    change = reverse("admin:intake_inquiry_change", args=[inquiry.pk])
    assert f'<a href="{change}">Inquiry {inquiry.reference_code}</a>' in html
    assert "Booked without an inquiry" in html  # Sam's booking
    assert "data-print-button" in html and "staff/print" in html


def test_the_dashboard_links_todays_agenda(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:booking_appointment_agenda") in html
