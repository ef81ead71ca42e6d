"""Reminders and quiet hours (issue 12): never a reminder after its appointment has begun."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from booking.models import Appointment
from booking.services import appointment_staff_confirm
from notifications import sms
from notifications.models import Message
from notifications.services import messages_sweep
from tests.factories import pacific

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_hours(settings):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8


def requested(clinician, ctype, start) -> Appointment:
    return Appointment.objects.create(
        consultation_type=ctype,
        clinician=clinician,
        mode="video",
        start=start,
        end=start + timedelta(minutes=50),
        status=Appointment.Status.REQUESTED,
        contact_email="sam@example.com",
        contact_phone="+19495550142",
        email_ok=True,
        sms_ok=True,
    )


def reminder_texts(appointment):
    return Message.objects.filter(
        template_key="booking_reminder", channel="sms", object_id=appointment.pk
    )


def test_an_early_appointments_text_reminder_goes_the_evening_before_not_after_it_starts(
    clinicians, couples_type, quiet_hours, django_capture_on_commit_callbacks
):
    alex, _ = clinicians
    start = pacific(2026, 3, 11, 7, 30)  # 07:30: the 2-hour reminder is due at 05:30
    appointment = requested(alex, couples_type, start)
    with (
        time_machine.travel(pacific(2026, 3, 9, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        appointment_staff_confirm(appointment=appointment)
    by_when = sorted(m.scheduled_for for m in reminder_texts(appointment))
    assert by_when == [
        pacific(2026, 3, 10, 8),  # 24 h before (07:30) waits for the end of quiet hours
        pacific(2026, 3, 10, 19, 45),  # 2 h before: moved before last night's quiet hours
    ]
    assert all(when < start for when in by_when)
    # The 2-hour email reminder is not held by quiet hours.
    emails = Message.objects.filter(template_key="booking_reminder", channel="email")
    assert sorted(m.scheduled_for for m in emails) == [
        start - timedelta(hours=24),
        start - timedelta(hours=2),
    ]


def test_a_reminder_that_cannot_go_in_time_is_dropped_with_the_reason_for_staff(
    clinicians, couples_type, quiet_hours, django_capture_on_commit_callbacks
):
    alex, _ = clinicians
    start = pacific(2026, 3, 11, 7, 30)
    appointment = requested(alex, couples_type, start)
    with (
        time_machine.travel(pacific(2026, 3, 10, 21), tick=False),  # booked in quiet hours
        django_capture_on_commit_callbacks(execute=True),
    ):
        appointment_staff_confirm(appointment=appointment)
    [two_hour] = reminder_texts(appointment)
    assert two_hour.status == Message.Status.CANCELLED
    assert "quiet hours" in two_hour.last_error


def test_a_reminder_held_up_past_its_appointment_is_never_sent(
    clinicians, couples_type, settings, django_capture_on_commit_callbacks
):
    """An outage (or retries) can delay any message: delivery refuses a reminder too late."""
    settings.QUIET_HOURS_START = settings.QUIET_HOURS_END = 0
    sms.outbox.clear()
    alex, _ = clinicians
    start = pacific(2026, 3, 11, 10)
    appointment = requested(alex, couples_type, start)
    with (
        time_machine.travel(pacific(2026, 3, 9, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        appointment_staff_confirm(appointment=appointment)
    mail.outbox.clear()
    sms.outbox.clear()
    with (
        time_machine.travel(start + timedelta(minutes=5), tick=False),  # the worker is back
        django_capture_on_commit_callbacks(execute=True),
    ):
        messages_sweep()
    reminders = Message.objects.filter(template_key="booking_reminder")
    assert set(reminders.values_list("status", flat=True)) == {Message.Status.CANCELLED}
    assert sms.outbox == [] and mail.outbox == []
