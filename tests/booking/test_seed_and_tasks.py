"""The seed command and the hold sweep."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from booking.models import Appointment, AvailabilityRule, Clinician, ConsultationType
from booking.services import holds_release_expired

pytestmark = pytest.mark.django_db


def test_seed_booking_is_idempotent():
    call_command("seed_booking", stdout=io.StringIO())
    call_command("seed_booking", stdout=io.StringIO())
    types = {t.slug: t for t in ConsultationType.objects.all()}
    assert set(types) == {"free-phone-call", "couples-consultation"}
    assert types["free-phone-call"].duration_minutes == 15
    assert types["free-phone-call"].modes == ["phone"]
    assert types["couples-consultation"].duration_minutes == 50
    assert types["couples-consultation"].modes == ["video", "in_person"]
    assert Clinician.objects.count() == 2
    assert all(c.consultation_types.count() == 2 for c in Clinician.objects.all())
    weekdays = set(AvailabilityRule.objects.values_list("weekday", flat=True))
    assert weekdays <= {0, 1, 2, 3, 4} and len(weekdays) == 5


def test_seed_leaves_staff_edits_alone():
    call_command("seed_booking", stdout=io.StringIO())
    ConsultationType.objects.filter(slug="free-phone-call").update(duration_minutes=20)
    call_command("seed_booking", stdout=io.StringIO())
    assert ConsultationType.objects.get(slug="free-phone-call").duration_minutes == 20


def test_expired_holds_are_released_and_others_kept(clinicians, couples_type):
    now = timezone.now()
    start = now + timedelta(days=3)

    def make(status, expires, offset):
        return Appointment.objects.create(
            consultation_type=couples_type,
            clinician=clinicians[0],
            mode="video",
            start=start + timedelta(hours=offset),
            end=start + timedelta(hours=offset, minutes=50),
            status=status,
            hold_expires_at=expires,
        )

    stale = make("held", now - timedelta(minutes=1), 0)
    fresh = make("held", now + timedelta(minutes=5), 2)
    confirmed = make("confirmed", None, 4)
    assert holds_release_expired(now=now) == 1
    stale.refresh_from_db()
    assert stale.status == "cancelled" and stale.cancelled_by == "hold_expired"
    assert Appointment.objects.get(pk=fresh.pk).status == "held"
    assert Appointment.objects.get(pk=confirmed.pk).status == "confirmed"
    assert holds_release_expired(now=now) == 0
