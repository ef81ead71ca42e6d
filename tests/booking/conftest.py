"""Booking fixtures: a clinic with two clinicians, two consultation types, a fixed clock."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from booking.models import AvailabilityRule, Clinician, ConsultationType

LA = ZoneInfo("America/Los_Angeles")
# Monday 2 March 2026, 08:00 Pacific: before the spring clock change on 8 March.
FROZEN_NOW = datetime(2026, 3, 2, 8, 0, tzinfo=LA)


def pacific(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LA).astimezone(UTC)


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@pytest.fixture
def frozen_clock():
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


def make_type(**overrides) -> ConsultationType:
    fields = {
        "slug": "couples-consultation",
        "name": "Couples consultation",
        "offers_video": True,
        "offers_in_person": True,
        "duration_minutes": 50,
        "buffer_before_minutes": 0,
        "buffer_after_minutes": 10,
        "minimum_notice_hours": 24,
        "horizon_days": 60,
        "slot_step_minutes": 30,
    }
    fields.update(overrides)
    return ConsultationType.objects.create(**fields)


def make_clinician(name: str, types, *, weekdays=range(5), start=time(9), end=time(17)):
    clinician = Clinician.objects.create(display_name=name, credentials="LMFT")
    clinician.consultation_types.set(types)
    AvailabilityRule.objects.bulk_create(
        AvailabilityRule(clinician=clinician, weekday=d, start_time=start, end_time=end)
        for d in weekdays
    )
    return clinician


@pytest.fixture
def couples_type(db):
    return make_type()


@pytest.fixture
def phone_type(db):
    return make_type(
        slug="free-phone-call",
        name="Free phone call",
        offers_video=False,
        offers_in_person=False,
        offers_phone=True,
        duration_minutes=15,
        buffer_after_minutes=5,
        minimum_notice_hours=4,
        slot_step_minutes=15,
        horizon_days=30,
    )


@pytest.fixture
def clinicians(couples_type, phone_type):
    return [
        make_clinician("Alex Rivera", [couples_type, phone_type]),
        make_clinician("Jordan Lee", [couples_type, phone_type]),
    ]
