"""Never double-booked, against the real PostgreSQL: many requests at once, each on its own
database connection (Django gives every thread its own), meeting at a barrier first."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from booking.models import Appointment
from booking.services import is_exclusion_violation, is_retryable
from tests.factories import iso_z, pacific

from .test_flow import CONTACT, hold_key_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WED_10 = pacific(2026, 3, 4, 10)
THREADS = 24


def run_at_once(worker, count):
    """Run worker(i) in `count` threads released together; return results in order."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def target(i):
        try:
            barrier.wait(timeout=30)
            results[i] = worker(i)
        except BaseException as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def overlapping_pairs() -> int:
    """Active appointments of one clinician whose buffered spans overlap (should be 0)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM booking_appointment a JOIN booking_appointment b
              ON a.clinician_id = b.clinician_id AND a.id < b.id
            WHERE a.status IN ('held', 'requested', 'confirmed')
              AND b.status IN ('held', 'requested', 'confirmed')
              AND tstzrange(a.start - make_interval(mins => a.buffer_before_minutes),
                            a."end" + make_interval(mins => a.buffer_after_minutes))
               && tstzrange(b.start - make_interval(mins => b.buffer_before_minutes),
                            b."end" + make_interval(mins => b.buffer_after_minutes))
            """
        )
        return cursor.fetchone()[0]


def test_many_simultaneous_requests_for_one_slot_make_exactly_one_booking(clinicians, frozen_clock):
    alex = clinicians[0]
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    clients = [Client() for _ in range(THREADS)]
    keys = [hold_key_of(c.get(url)) for c in clients]

    def request(i):
        return (
            clients[i]
            .post(url, {"start": iso_z(WED_10), "clinician": str(alex.pk), "hold_key": keys[i]})
            .status_code
        )

    statuses = run_at_once(request, THREADS)
    assert sorted(statuses) == [302] + [409] * (THREADS - 1), statuses
    assert Appointment.objects.active().count() == 1


def test_the_database_itself_refuses_the_overlap(clinicians, couples_type):
    """Bypass every check in Python: only the exclusion constraint stands in the way."""
    alex = clinicians[0]

    def insert(i):
        try:
            Appointment.objects.create(
                consultation_type=couples_type,
                clinician=alex,
                mode="video",
                start=WED_10,
                end=WED_10 + timedelta(minutes=50),
                buffer_after_minutes=10,
                status="confirmed",
            )
            return "created"
        except IntegrityError as exc:
            return "23P01" if is_exclusion_violation(exc) else repr(exc)
        except OperationalError as exc:
            # Identical inserts racing on the constraint may deadlock while PostgreSQL checks
            # it (each waits for the others' uncommitted rows); it aborts the waiters: refused.
            return "40P01" if is_retryable(exc) else repr(exc)

    results = run_at_once(insert, THREADS)
    assert results.count("created") == 1, results
    assert set(results) <= {"created", "23P01", "40P01"}, results
    assert Appointment.objects.filter(clinician=alex).count() == 1


def test_overlapping_but_different_times_leave_no_overlap(clinicians, couples_type):
    """Starts every 10 minutes across two hours (50-minute slots + 10-minute buffer)."""
    alex = clinicians[0]
    starts = [WED_10 + timedelta(minutes=10 * i) for i in range(THREADS)]

    def insert(i):
        try:
            Appointment.objects.create(
                consultation_type=couples_type,
                clinician=alex,
                mode="video",
                start=starts[i],
                end=starts[i] + timedelta(minutes=50),
                buffer_before_minutes=5 * (i % 2),
                buffer_after_minutes=10,
                status=("held", "requested", "confirmed")[i % 3],
            )
            return "created"
        except IntegrityError as exc:
            assert is_exclusion_violation(exc)
            return "refused"
        except OperationalError as exc:
            # Racing overlapping inserts may deadlock while checking the constraint;
            # PostgreSQL aborts one: refused too (the service retries these).
            assert is_retryable(exc)
            return "refused"

    results = run_at_once(insert, THREADS)
    assert results.count("created") >= 1
    odd = [repr(r) for r in results if r not in ("created", "refused")]
    assert not odd, odd
    assert overlapping_pairs() == 0


def test_overlapping_requests_through_the_site_leave_no_overlap(clinicians, frozen_clock):
    alex = clinicians[0]
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    # The type steps every 30 minutes: 10:00, 10:30, 11:00 ... overlap their neighbours.
    starts = [WED_10 + timedelta(minutes=30 * (i % 8)) for i in range(THREADS)]
    clients = [Client() for _ in range(THREADS)]
    keys = [hold_key_of(c.get(url)) for c in clients]

    def request(i):
        return (
            clients[i]
            .post(url, {"start": iso_z(starts[i]), "clinician": str(alex.pk), "hold_key": keys[i]})
            .status_code
        )

    statuses = run_at_once(request, THREADS)
    assert set(statuses) <= {302, 409}, statuses
    assert statuses.count(302) == Appointment.objects.active().count() >= 1
    assert overlapping_pairs() == 0


def test_a_reschedule_into_a_taken_time_is_refused_by_the_database(clinicians, couples_type):
    alex = clinicians[0]
    common = {
        "consultation_type": couples_type,
        "clinician": alex,
        "mode": "video",
        "buffer_after_minutes": 10,
        "status": "confirmed",
    }
    Appointment.objects.create(start=WED_10, end=WED_10 + timedelta(minutes=50), **common)
    later = WED_10 + timedelta(hours=2)
    moving = Appointment.objects.create(start=later, end=later + timedelta(minutes=50), **common)
    with pytest.raises(IntegrityError) as caught:
        Appointment.objects.filter(pk=moving.pk).update(
            start=WED_10 + timedelta(minutes=55), end=WED_10 + timedelta(minutes=105)
        )
    assert is_exclusion_violation(caught.value)


def test_cancelled_appointments_do_not_block(clinicians, couples_type):
    alex = clinicians[0]
    common = {
        "consultation_type": couples_type,
        "clinician": alex,
        "mode": "video",
        "start": WED_10,
        "end": WED_10 + timedelta(minutes=50),
    }
    Appointment.objects.create(status="cancelled", **common)
    Appointment.objects.create(status="completed", **common)
    Appointment.objects.create(status="confirmed", **common)
    assert Appointment.objects.count() == 3


def test_double_submitted_confirm_at_the_same_moment_books_once(clinicians, frozen_clock):
    from notifications.models import Message

    first = Client()
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    first.post(
        url, {"start": iso_z(WED_10), "clinician": "any", "hold_key": hold_key_of(first.get(url))}
    )
    first.post(reverse("booking:details"), CONTACT)
    twins = [Client() for _ in range(6)]
    for twin in twins:
        twin.cookies = first.cookies  # the same browser session, submitted six times

    statuses = run_at_once(lambda i: twins[i].post(reverse("booking:confirm")).status_code, 6)
    assert statuses == [302] * 6, statuses
    assert Appointment.objects.count() == 1
    assert Appointment.objects.get().status == "confirmed"
    assert Message.objects.filter(template_key="booking_confirmed").count() == 2  # sms + email
