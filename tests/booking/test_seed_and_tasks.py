"""The seed command and the hold sweep."""

import io
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from booking import selectors
from booking.models import (
    Appointment,
    AvailabilityException,
    AvailabilityRule,
    Clinician,
    ConsultationType,
)
from booking.services import holds_release_expired
from tests.factories import LA, AppointmentFactory, ClinicianFactory

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


@pytest.fixture
def seeded_on_black_friday():
    """The starter data as seeded on Friday 27 November 2026 (the day after Thanksgiving)."""
    with time_machine.travel(datetime(2026, 11, 27, 8, 0, tzinfo=LA), tick=False):
        call_command("seed_booking", stdout=io.StringIO())
        yield


def _starter_slots(slug: str):
    consultation_type = ConsultationType.objects.get(slug=slug)
    return selectors.open_slots_for(
        consultation_type=consultation_type,
        clinicians=selectors.clinicians_for(consultation_type=consultation_type),
    )


@pytest.mark.parametrize("slug", ["couples-consultation", "free-phone-call"])
def test_starter_slots_stay_inside_the_stated_hours(seeded_on_black_friday, slug):
    """Site settings say "Monday to Friday, 9 am to 5 pm Pacific": no visit ends after 5."""
    slots = _starter_slots(slug)
    assert slots
    for slot in slots:
        start, end = slot.start.astimezone(LA), slot.end.astimezone(LA)
        assert start.weekday() < 5, start
        assert start.time() >= time(9) and end.time() <= time(17) and end.date() == start.date()
    if slug == "couples-consultation":
        last_starts = {s.start.astimezone(LA).time() for s in slots}
        assert max(last_starts) == time(16)  # 4:00–4:50 pm is the last 50-minute visit
        assert time(17) not in last_starts


def test_starter_availability_is_closed_on_the_clinic_holidays(seeded_on_black_friday):
    days = {s.start.astimezone(LA).date() for s in _starter_slots("couples-consultation")}
    # The 60-day horizon runs to late January 2027.
    assert date(2026, 12, 25) not in days and date(2027, 1, 1) not in days
    assert {date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 31), date(2027, 1, 4)} <= days
    labels = set(AvailabilityException.objects.values_list("label", flat=True))
    assert {
        "Holiday: New Year's Day",
        "Holiday: Memorial Day",
        "Holiday: Independence Day",
        "Holiday: Independence Day (observed)",
        "Holiday: Labor Day",
        "Holiday: Thanksgiving Day",
        "Holiday: Christmas Day",
    } <= labels
    christmas = AvailabilityException.objects.filter(label="Holiday: Christmas Day").first()
    assert christmas.kind == "time_off"
    assert christmas.starts_at == datetime(2026, 12, 25, tzinfo=LA)
    assert christmas.ends_at == datetime(2026, 12, 26, tzinfo=LA)


def test_holiday_time_off_is_added_once_and_reaches_the_end_of_next_year(seeded_on_black_friday):
    count = AvailabilityException.objects.count()
    # Each clinician: Thanksgiving is past; Christmas 2026, then 2027's six holidays plus
    # the observed Mondays/Fridays for July 4 2027 (Sunday), Dec 25 2027 and Jan 1 2028
    # (Saturdays: Dec 24 and Dec 31 2027).
    per_clinician = set(
        AvailabilityException.objects.filter(clinician=Clinician.objects.first()).values_list(
            "starts_at", flat=True
        )
    )
    assert len(per_clinician) == 1 + 6 + 3
    assert max(per_clinician).astimezone(LA).date() == date(2027, 12, 31)
    assert count == 2 * len(per_clinician)
    with time_machine.travel(datetime(2026, 11, 28, 8, 0, tzinfo=LA), tick=False):
        call_command("seed_booking", stdout=io.StringIO())
    assert AvailabilityException.objects.count() == count


def test_seed_moves_its_own_old_evening_hours_but_not_edited_ones():
    old = [(day, time(10), time(18)) for day in range(1, 5)]
    jordan = ClinicianFactory(display_name="Jordan Lee", credentials="LMFT")
    AvailabilityRule.objects.bulk_create(
        AvailabilityRule(clinician=jordan, weekday=d, start_time=s, end_time=e) for d, s, e in old
    )
    call_command("seed_booking", stdout=io.StringIO())
    assert set(jordan.availability_rules.values_list("end_time", flat=True)) == {time(17)}
    assert jordan.availability_rules.count() == 4
    # Hours staff changed (here: Friday ends at 18:00 on purpose, Monday added) stay as they are.
    jordan.availability_rules.all().delete()
    AvailabilityRule.objects.bulk_create(
        AvailabilityRule(clinician=jordan, weekday=d, start_time=s, end_time=e)
        for d, s, e in [*old, (0, time(9), time(12))]
    )
    call_command("seed_booking", stdout=io.StringIO())
    assert jordan.availability_rules.count() == 5
    assert jordan.availability_rules.filter(end_time=time(18)).count() == 4


def test_expired_holds_are_released_and_others_kept(clinicians, couples_type):
    now = timezone.now()
    start = now + timedelta(days=3)

    def make(status, expires, offset):
        return AppointmentFactory(
            consultation_type=couples_type,
            clinician=clinicians[0],
            mode="video",
            start=start + timedelta(hours=offset),
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
