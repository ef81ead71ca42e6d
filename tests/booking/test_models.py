"""Model rules staff meet in the admin: clear messages for impossible set-ups."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from booking.models import AvailabilityRule, ConsultationType
from tests.factories import ConsultationTypeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "manage"}, "used by the booking pages"),
        ({"offers_video": False, "offers_in_person": False}, "at least one way to meet"),
        ({"buffer_after_minutes": 600}, "at most 240 minutes"),
        ({"slot_step_minutes": 0}, "more than zero"),
    ],
)
def test_consultation_type_set_up_errors(changes, message):
    ctype = ConsultationType(name="X", slug="x", offers_video=True, offers_in_person=True)
    for key, value in changes.items():
        setattr(ctype, key, value)
    with pytest.raises(ValidationError) as caught:
        ctype.clean()
    assert message in str(caught.value)


def test_a_sensible_type_is_clean():
    ConsultationTypeFactory(couples=True).clean()


def test_availability_rule_must_end_after_it_starts(clinicians):
    rule = AvailabilityRule(
        clinician=clinicians[0], weekday=0, start_time=time(12), end_time=time(9)
    )
    with pytest.raises(ValidationError) as caught:
        rule.clean()
    assert "end must be after the start" in str(caught.value)


def test_pages_read_with_get_store_nothing(client, clinicians, frozen_clock):
    from django.urls import reverse

    from booking.models import Appointment

    client.get(reverse("booking:start"))
    client.get(reverse("booking:days", args=["couples-consultation"]))
    client.get(reverse("booking:times", args=["couples-consultation", "2026-03-04"]))
    client.get(reverse("booking:review"))
    client.get(reverse("booking:done"))
    assert Appointment.objects.count() == 0
