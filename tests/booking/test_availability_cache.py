"""Open times cached per clinician and day (booking.availability): the same answer as the
slot engine over the database, invalidated by any change to appointments, hours or time off
(visible on the very next request), and the day and time pages cost no SQL once warm."""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse

from booking import selectors, services
from booking.models import Appointment, AvailabilityException, AvailabilityRule
from tests.factories import ConsultationTypeFactory, clinician_create, pacific

pytestmark = pytest.mark.django_db

DAY = "2026-03-04"  # a Wednesday, two days after the frozen clock


def both_ways(ctype, clinicians, **kwargs):
    cached = selectors.open_slots_for(consultation_type=ctype, clinicians=clinicians, **kwargs)
    direct = selectors.open_slots_for(
        consultation_type=ctype, clinicians=clinicians, cached=False, **kwargs
    )
    return cached, direct


def book(ctype, clinician, start, *, status="confirmed", **fields):
    return Appointment.objects.create(
        consultation_type=ctype,
        clinician=clinician,
        mode="video",
        start=start,
        end=start + timedelta(minutes=ctype.duration_minutes),
        buffer_after_minutes=ctype.buffer_after_minutes,
        status=status,
        **fields,
    )


def test_cached_open_times_equal_the_engine_over_the_database(
    clinicians, couples_type, phone_type, frozen_clock
):
    alex, jordan = clinicians
    book(couples_type, alex, pacific(2026, 3, 4, 10))
    book(couples_type, jordan, pacific(2026, 3, 4, 13))
    book(phone_type, alex, pacific(2026, 3, 5, 9, 15))
    book(
        couples_type,
        jordan,
        pacific(2026, 3, 6, 11),
        status="held",
        hold_expires_at=pacific(2026, 3, 2, 8, 10),
    )
    AvailabilityException.objects.create(
        clinician=alex, starts_at=pacific(2026, 3, 9, 12), ends_at=pacific(2026, 3, 10, 11)
    )
    AvailabilityException.objects.create(
        clinician=jordan,
        kind=AvailabilityException.Kind.EXTRA_HOURS,
        starts_at=pacific(2026, 3, 7, 10),
        ends_at=pacific(2026, 3, 7, 14),
    )
    for ctype in (couples_type, phone_type):
        for group in ([alex], [jordan], [alex, jordan]):
            for _ in range(2):  # computed, then read back from the cache
                cached, direct = both_ways(ctype, group)
                assert cached == direct
                assert [s.clinician_ids for s in cached] == [s.clinician_ids for s in direct]
                for day in (pacific(2026, 3, 3).date(), pacific(2026, 3, 4, 12).date()):
                    on_day = both_ways(ctype, group, day=day)
                    assert on_day[0] == on_day[1]
            days = selectors.open_days_for(consultation_type=ctype, clinicians=group)
            assert days == selectors.open_days_in(both_ways(ctype, group)[1])
    # Across the spring clock change (8 March) too.
    cached, direct = both_ways(couples_type, [alex], day=pacific(2026, 3, 9, 12).date())
    assert cached == direct


def _times_on_page(client, url) -> list[str]:
    return re.findall(r'name="start" value="([^"]+)"', client.get(url).content.decode())


def test_a_booking_and_its_cancellation_show_on_the_next_request(
    client, clinicians, couples_type, frozen_clock
):
    alex, _ = clinicians
    url = reverse("booking:times", args=[couples_type.slug, DAY]) + f"?clinician={alex.pk}"
    before = _times_on_page(client, url)
    assert before == _times_on_page(client, url)  # served from the cache
    chosen = before[2]
    hold = client.post(url, {"start": chosen, "clinician": alex.pk, "hold_key": "k" * 32})
    assert hold.status_code == 302
    held_page = _times_on_page(client, url)
    assert chosen not in held_page
    appointment = Appointment.objects.get(hold_key="k" * 32)
    services.appointment_release_hold(appointment=appointment)  # an UPDATE, no post_save
    assert _times_on_page(client, url) == before

    confirmed = book(couples_type, alex, appointment.start)
    assert chosen not in _times_on_page(client, url)
    confirmed.status = Appointment.Status.CANCELLED
    confirmed.save()
    assert _times_on_page(client, url) == before


def test_hours_and_time_off_changes_show_on_the_next_request(
    client, clinicians, couples_type, frozen_clock
):
    alex, _ = clinicians
    url = reverse("booking:times", args=[couples_type.slug, DAY]) + f"?clinician={alex.pk}"
    before = _times_on_page(client, url)
    assert before
    off = AvailabilityException.objects.create(
        clinician=alex, starts_at=pacific(2026, 3, 4, 0), ends_at=pacific(2026, 3, 5, 0)
    )
    assert _times_on_page(client, url) == []
    off.delete()
    assert _times_on_page(client, url) == before
    rule = AvailabilityRule.objects.get(clinician=alex, weekday=2)
    rule.start_time = time(13)
    rule.save()
    after = _times_on_page(client, url)
    assert after and len(after) < len(before)


def test_a_reschedule_to_another_clinician_frees_the_first_ones_time(
    clinicians, couples_type, frozen_clock
):
    alex, jordan = clinicians
    appointment = book(couples_type, alex, pacific(2026, 3, 4, 10))
    day = pacific(2026, 3, 4, 12).date()
    kwargs = {"consultation_type": couples_type, "clinicians": [alex], "day": day}
    assert appointment.start not in [s.start for s in selectors.open_slots_for(**kwargs)]
    moved = Appointment.objects.get(pk=appointment.pk)
    moved.clinician = jordan
    moved.save()
    assert appointment.start in [s.start for s in selectors.open_slots_for(**kwargs)]


def test_a_hold_stops_blocking_when_it_expires_without_any_write(
    clinicians, couples_type, frozen_clock
):
    alex, _ = clinicians
    start = pacific(2026, 3, 4, 10)
    book(couples_type, alex, start, status="held", hold_expires_at=pacific(2026, 3, 2, 8, 15))
    kwargs = {"consultation_type": couples_type, "clinicians": [alex]}
    assert start not in [s.start for s in selectors.open_slots_for(**kwargs)]
    frozen_clock.shift(timedelta(minutes=20))
    assert start in [s.start for s in selectors.open_slots_for(**kwargs)]


def test_the_catalog_follows_the_admin(client, clinicians, couples_type, frozen_clock):
    alex, jordan = clinicians
    days_url = reverse("booking:days", args=[couples_type.slug])
    assert jordan.display_name in client.get(days_url).content.decode()
    jordan.consultation_types.remove(couples_type)
    assert jordan.display_name not in client.get(days_url).content.decode()
    couples_type.is_active = False
    couples_type.save()
    assert client.get(days_url).status_code == 404


# (6, 40): 240 cached days, inside the local-memory cache's 300 entries when tests run
# without Redis (beyond it the cache evicts and pages recompute: slower, never wrong).
@pytest.mark.parametrize(("n_clinicians", "horizon_days"), [(1, 7), (6, 40)])
def test_the_day_and_time_pages_cost_no_queries_once_warm(
    client, frozen_clock, django_assert_max_num_queries, n_clinicians, horizon_days
):
    ctype = ConsultationTypeFactory(couples=True, horizon_days=horizon_days, minimum_notice_hours=0)
    for i in range(n_clinicians):
        clinician = clinician_create(f"Clinician {i}", [ctype], weekdays=range(7))
        book(ctype, clinician, pacific(2026, 3, 4, 9 + i % 5))
    day_url = reverse("booking:days", args=[ctype.slug])
    time_url = reverse("booking:times", args=[ctype.slug, DAY])
    for url in (day_url, time_url):
        client.get(url)  # computes and stores the open times
        with django_assert_max_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200
    assert 'name="start"' in response.content.decode()
