"""Retention removes old inquiries that never became clients, leaving counts in the trail."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.models import Inquiry, InstrumentResult, PartnerScreening
from notifications.models import Message
from staff.models import AuditEntry
from staff.retention import months_before
from staff.tasks import apply_retention
from tests.factories import (
    AppointmentFactory,
    InquiryFactory,
    InquiryNoteFactory,
    InstrumentResultFactory,
    PartnerScreeningFactory,
)


def old_inquiry(status="closed", months=25, **kwargs):
    when = timezone.now() - dt.timedelta(days=31 * months)
    return InquiryFactory(status=status, created_at=when, status_changed_at=when, **kwargs)


def message_about(obj, key):
    from django.contrib.contenttypes.models import ContentType

    return Message.objects.create(
        channel="email",
        to="someone@example.com",
        template_key="inquiry_received",
        idempotency_key=key,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    )


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (dt.datetime(2026, 3, 31, tzinfo=dt.UTC), 1, dt.datetime(2026, 2, 28, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 15, tzinfo=dt.UTC), 24, dt.datetime(2024, 3, 15, tzinfo=dt.UTC)),
        (dt.datetime(2026, 1, 10, tzinfo=dt.UTC), 2, dt.datetime(2025, 11, 10, tzinfo=dt.UTC)),
        (dt.datetime(2024, 2, 29, tzinfo=dt.UTC), 12, dt.datetime(2023, 2, 28, tzinfo=dt.UTC)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected


@pytest.mark.django_db
def test_it_removes_old_non_clients_with_their_screenings_messages_and_notes(front_desk):
    gone = old_inquiry(status="closed")
    screening = PartnerScreeningFactory(inquiry=gone)
    InstrumentResultFactory(screening=screening)
    InquiryNoteFactory(inquiry=gone, author=front_desk, body="left a voicemail")
    message_about(gone, "m1")
    message_about(screening, "m2")
    past = AppointmentFactory(
        inquiry=gone, start=timezone.now() - dt.timedelta(days=700), status="completed"
    )
    message_about(past, "m3")
    client = old_inquiry(status="accepted")
    recent = InquiryFactory(status="closed")
    reopened_lately = old_inquiry(status="in_review")
    Inquiry.objects.filter(pk=reopened_lately.pk).update(status_changed_at=timezone.now())
    unrelated = message_about(recent, "m4")

    counts = apply_retention.delay().get()

    assert counts == {
        "inquiries": 1,
        "screenings": 1,
        "instrument_results": 1,
        "notes": 1,
        "appointments": 1,
        "waitlist_entries": 0,
        "messages": 3,
    }
    assert set(Inquiry.objects.values_list("pk", flat=True)) == {
        client.pk,
        recent.pk,
        reopened_lately.pk,
    }
    assert not PartnerScreening.objects.filter(inquiry_id=gone.pk).exists()
    assert not InstrumentResult.objects.exists()
    assert list(Message.objects.all()) == [unrelated]
    entry = AuditEntry.objects.get(action="retention")
    assert entry.user is None and entry.content_type is None
    assert entry.changes == {"counts": counts}
    assert gone.reference_code not in entry.detail


@pytest.mark.django_db
def test_the_command_has_a_dry_run_that_removes_nothing(settings):
    settings.RETENTION_MONTHS = 6
    old_inquiry(months=7)
    call_command("apply_retention", "--dry-run")
    assert Inquiry.objects.count() == 1
    assert not AuditEntry.objects.filter(action="retention").exists()
    call_command("apply_retention")
    assert Inquiry.objects.count() == 0
    assert AuditEntry.objects.filter(action="retention").count() == 1


@pytest.mark.django_db
def test_the_beat_schedule_names_the_registered_task():
    from django.conf import settings

    from clinic_site.celery import app

    assert settings.CELERY_BEAT_SCHEDULE["staff-retention"]["task"] == "staff.tasks.apply_retention"
    app.loader.import_default_modules()
    assert "staff.tasks.apply_retention" in app.tasks


@pytest.mark.django_db
def test_waitlist_entries_go_with_their_inquiry_and_visitors_entries_after_they_end():
    from booking.models import WaitlistEntry, WaitlistOffer

    gone = old_inquiry(status="closed")
    held = AppointmentFactory(start=timezone.now() - dt.timedelta(days=700), status="cancelled")
    ctype, clinician = held.consultation_type, held.clinician
    long_ago = timezone.now() - dt.timedelta(days=31 * 25)

    def entry(**fields):
        return WaitlistEntry.objects.create(
            consultation_type=ctype,
            windows=["1:morning"],
            valid_until=long_ago.date(),
            contact_email="x@example.com",
            **fields,
        )

    of_inquiry = entry(inquiry=gone, status="expired", status_changed_at=long_ago)
    offer = WaitlistOffer.objects.create(
        entry=of_inquiry,
        consultation_type=ctype,
        clinician=clinician,
        start=held.start,
        end=held.end,
        send_at=held.start,
        status="expired",
    )
    message_about(offer, "offer-1")
    old_visitor = entry(status="expired", status_changed_at=long_ago)
    recent_visitor = entry(status="expired")
    still_waiting = entry(status="waiting", status_changed_at=long_ago)

    counts = apply_retention.delay().get()

    assert counts["waitlist_entries"] == 2
    assert counts["messages"] == 1
    assert set(WaitlistEntry.objects.values_list("pk", flat=True)) == {
        recent_visitor.pk,
        still_waiting.pk,
    }
    assert not WaitlistOffer.objects.exists() and not Message.objects.exists()
    assert old_visitor.pk not in set(WaitlistEntry.objects.values_list("pk", flat=True))
