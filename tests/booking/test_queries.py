"""The day and time pages cost the same number of queries however many days and clinicians
there are; the staff queue's next appointment is a column of its own query."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from booking.selectors import next_appointment_start
from intake.models import Inquiry
from tests.factories import (
    AppointmentFactory,
    AvailabilityExceptionFactory,
    ConsultationTypeFactory,
    InquiryFactory,
    clinician_create,
    pacific,
)

pytestmark = pytest.mark.django_db

# Warm (the second visit), the type, its clinicians and the open days come from the cache
# (booking/availability.py): no query at all, however many clinicians and days there are.
DAY_PAGE_MAX = 0
TIME_PAGE_MAX = 0


def clinic(n_clinicians, horizon_days):
    ctype = ConsultationTypeFactory(couples=True, horizon_days=horizon_days, minimum_notice_hours=0)
    clinicians = [
        clinician_create(f"Clinician {i}", [ctype], weekdays=range(7), start=time(8), end=time(18))
        for i in range(n_clinicians)
    ]
    for i, clinician in enumerate(clinicians):
        for day in range(0, horizon_days, 3):
            start = pacific(2026, 3, 3, 9 + i % 5) + timedelta(days=day)
            AppointmentFactory(
                consultation_type=ctype,
                clinician=clinician,
                mode="video",
                start=start,
                buffer_after_minutes=10,
            )
        AvailabilityExceptionFactory(
            clinician=clinician,
            starts_at=pacific(2026, 3, 10, 12),
            ends_at=pacific(2026, 3, 10, 14),
        )
    return ctype


@pytest.mark.parametrize(("n_clinicians", "horizon_days"), [(1, 7), (2, 30), (6, 90)])
def test_day_page_query_count_is_flat(
    client, frozen_clock, django_assert_max_num_queries, n_clinicians, horizon_days
):
    ctype = clinic(n_clinicians, horizon_days)
    url = reverse("booking:days", args=[ctype.slug])
    client.get(url)  # warm the session and site settings like a real visit
    with django_assert_max_num_queries(DAY_PAGE_MAX):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="booking-choice"') >= min(horizon_days, 7) - 1


@pytest.mark.parametrize(("n_clinicians", "horizon_days"), [(1, 7), (2, 30), (6, 90)])
def test_time_page_query_count_is_flat(
    client, frozen_clock, django_assert_max_num_queries, n_clinicians, horizon_days
):
    ctype = clinic(n_clinicians, horizon_days)
    url = reverse("booking:times", args=[ctype.slug, "2026-03-04"])
    client.get(url)
    with django_assert_max_num_queries(TIME_PAGE_MAX):
        response = client.get(url)
    assert response.status_code == 200
    assert 'name="start"' in response.content.decode()


def test_next_appointment_start_is_a_column_of_the_inquiry_query(
    clinicians, couples_type, frozen_clock, django_assert_num_queries
):
    alex, jordan = clinicians
    first, second, none = InquiryFactory(), InquiryFactory(), InquiryFactory()

    def make(inquiry, clinician, start, status="confirmed"):
        return AppointmentFactory(
            consultation_type=couples_type,
            clinician=clinician,
            inquiry=inquiry,
            mode="video",
            start=start,
            status=status,
        )

    make(first, alex, pacific(2026, 3, 1, 10))  # already past
    soonest = make(first, alex, pacific(2026, 3, 4, 10))
    make(first, jordan, pacific(2026, 3, 5, 10))
    make(second, jordan, pacific(2026, 3, 4, 12), status="cancelled")
    requested = make(second, jordan, pacific(2026, 3, 6, 12), status="requested")
    make(none, alex, pacific(2026, 3, 6, 12), status="held")
    with django_assert_num_queries(1):
        starts = dict(
            Inquiry.objects.filter(pk__in=[first.pk, second.pk, none.pk])
            .annotate(next_start=next_appointment_start(now=timezone.now()))
            .values_list("pk", "next_start")
        )
    assert starts == {first.pk: soonest.start, second.pk: requested.start, none.pk: None}
