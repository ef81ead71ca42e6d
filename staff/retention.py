"""Retention: remove inquiries that never became clients once they are old enough.

An inquiry is removed when it was received more than settings.RETENTION_MONTHS ago, did
not end "accepted" (accepted couples became clients: their records follow clinical record
rules, not this one) and has not changed status within that period either. With it go its
screenings and results, internal notes, appointments that have ended, its waitlist entries
and offers, and every message about the inquiry, those appointments or those offers. New
visitors' waitlist entries (no inquiry) go the same number of months after they ended.
One audit entry with the counts (and nothing else) records each run.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from booking.models import Appointment, WaitlistEntry
from booking.waitlist_services import (
    waitlist_entries_purge,
    waitlist_visitor_entries_ended_before,
)
from intake.models import Inquiry, InstrumentResult, PartnerScreening
from notifications.models import Message
from staff.audit import audit_record
from staff.models import InquiryNote

BATCH_SIZE = 500


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day-of-month `months` earlier (clamped to the month's last day)."""
    year, month = divmod(moment.year * 12 + (moment.month - 1) - months, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def retention_candidates(*, now: dt.datetime | None = None, months: int | None = None):
    """The inquiries due for removal (a queryset)."""
    now = now or timezone.now()
    months = settings.RETENTION_MONTHS if months is None else months
    cutoff = months_before(now, months)
    return Inquiry.objects.filter(created_at__lt=cutoff, status_changed_at__lt=cutoff).exclude(
        status=Inquiry.Status.ACCEPTED
    )


def retention_apply(
    *, now: dt.datetime | None = None, months: int | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Remove what retention_candidates selects; return counts per kind. Audited."""
    now = now or timezone.now()
    ids = list(retention_candidates(now=now, months=months).values_list("pk", flat=True))
    counts = {
        "inquiries": 0,
        "screenings": 0,
        "instrument_results": 0,
        "notes": 0,
        "appointments": 0,
        "waitlist_entries": 0,
        "messages": 0,
    }
    inquiry_ct = ContentType.objects.get_for_model(Inquiry)
    screening_ct = ContentType.objects.get_for_model(PartnerScreening)
    appointment_ct = ContentType.objects.get_for_model(Appointment)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        with transaction.atomic():
            screening_ids = list(
                PartnerScreening.objects.filter(inquiry_id__in=batch).values_list("pk", flat=True)
            )
            appointments = Appointment.objects.filter(inquiry_id__in=batch, end__lt=now)
            appointment_ids = list(appointments.values_list("pk", flat=True))
            messages = (
                Message.objects.filter(content_type=inquiry_ct, object_id__in=batch)
                | Message.objects.filter(content_type=screening_ct, object_id__in=screening_ids)
                | Message.objects.filter(content_type=appointment_ct, object_id__in=appointment_ids)
            )
            counts["messages"] += messages.count()
            counts["appointments"] += len(appointment_ids)
            counts["screenings"] += len(screening_ids)
            counts["instrument_results"] += InstrumentResult.objects.filter(
                screening_id__in=screening_ids
            ).count()
            counts["notes"] += InquiryNote.objects.filter(inquiry_id__in=batch).count()
            counts["inquiries"] += len(batch)
            waitlist = waitlist_entries_purge(
                entries=WaitlistEntry.objects.filter(inquiry_id__in=batch), dry_run=dry_run
            )
            counts["waitlist_entries"] += waitlist["waitlist_entries"]
            counts["messages"] += waitlist["messages"]
            if dry_run:
                continue
            messages.delete()
            Appointment.objects.filter(pk__in=appointment_ids).delete()
            # Screenings, results and notes go by cascade with their inquiry.
            Inquiry.objects.filter(pk__in=batch).delete()
    with transaction.atomic():
        cutoff = months_before(now, settings.RETENTION_MONTHS if months is None else months)
        waitlist = waitlist_entries_purge(
            entries=waitlist_visitor_entries_ended_before(cutoff), dry_run=dry_run
        )
    counts["waitlist_entries"] += waitlist["waitlist_entries"]
    counts["messages"] += waitlist["messages"]
    if not dry_run:
        audit_record(
            action="retention",
            changes={"counts": counts},
            detail="retention: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()),
        )
    return counts
