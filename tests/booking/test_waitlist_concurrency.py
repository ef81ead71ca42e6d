"""Never two holders of one time, on the real PostgreSQL: the waitlist's offers race normal
bookings and each other in threads (each with its own connection) released at a barrier."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from booking import services, waitlist_selectors, waitlist_services
from booking.models import Appointment, WaitlistEntry, WaitlistOffer
from tests.factories import iso_z, pacific

from .test_concurrency import overlapping_pairs, run_at_once
from .test_flow import CONTACT, hold_key_of
from .test_waitlist import book, join

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WED_10 = pacific(2026, 3, 4, 10)
ROUNDS = 8


@pytest.fixture(autouse=True)
def daytime(settings):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    settings.SITE_URL = "https://clinic.example"


def holders(clinician, start=WED_10) -> list[Appointment]:
    return list(Appointment.objects.active().filter(clinician=clinician, start=start))


def normal_booking(client: Client, clinician) -> int:
    """A stranger books Wednesday 10:00 through the pages: pick, details, confirm."""
    url = reverse("booking:times", args=["couples-consultation", "2026-03-04"])
    picked = client.post(
        url,
        {"start": iso_z(WED_10), "clinician": str(clinician.pk), "hold_key": client.hold_key},
    )
    if picked.status_code != 302:
        return picked.status_code
    client.post(reverse("booking:details"), CONTACT)
    return client.post(reverse("booking:confirm")).status_code


def stranger(clinician) -> Client:
    client = Client()
    client.hold_key = hold_key_of(
        client.get(reverse("booking:times", args=["couples-consultation", "2026-03-04"]))
    )
    return client


def test_the_offer_link_racing_a_normal_booking_leaves_exactly_one_appointment(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    alex = clinicians[0]
    appointment = book(couples_type, alex, WED_10)
    join(couples_type, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_cancel(appointment=appointment, by="client")
    offer = WaitlistOffer.objects.get()
    url = reverse("booking:waitlist_offer", args=[waitlist_selectors.offer_token(offer)])
    couple, other = Client(), stranger(alex)

    def race(i):
        if i == 0:
            return couple.post(url, {"mode": "video"}).status_code
        return normal_booking(other, alex)

    assert run_at_once(race, 2) == [302, 409]
    (booked,) = holders(alex)
    assert booked.pk == offer.appointment_id and booked.status == "confirmed"
    assert overlapping_pairs() == 0


def test_an_expired_offer_link_racing_a_normal_booking_leaves_exactly_one_appointment(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    """The hold ran out a moment ago and no sweep has run yet: the stranger may take the
    time, the couple's link must not — and never both."""
    alex = clinicians[0]
    appointment = book(couples_type, alex, WED_10)
    join(couples_type, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_cancel(appointment=appointment, by="client")
    offer = WaitlistOffer.objects.get()
    url = reverse("booking:waitlist_offer", args=[waitlist_selectors.offer_token(offer)])
    couple, other = Client(), stranger(alex)
    frozen_clock.shift(timedelta(minutes=31))

    def race(i):
        if i == 0:
            return couple.post(url, {"mode": "video"}).status_code
        return normal_booking(other, alex)

    assert run_at_once(race, 2) == [410, 302]
    (booked,) = holders(alex)
    assert booked.pk != offer.appointment_id and booked.status == "confirmed"
    assert overlapping_pairs() == 0


def test_making_an_offer_racing_a_normal_hold_never_gives_the_time_twice(
    couples_type, clinicians, frozen_clock
):
    """Round after round, an offer for the freed time and a stranger's pick of it meet at a
    barrier: exactly one of them holds it."""
    alex = clinicians[0]
    outcomes = Counter()
    for round_number in range(ROUNDS):
        entry = join(couples_type, round_number + 1)

        def race(i, entry=entry, round_number=round_number):
            if i == 0:
                return waitlist_services.waitlist_offer_create(
                    entry=WaitlistEntry.objects.get(pk=entry.pk), clinician=alex, start=WED_10
                )
            return services.appointment_hold(
                consultation_type=couples_type,
                start=WED_10,
                clinician=alex,
                hold_key=f"stranger-hold-key-{round_number:04d}",
            )

        offer_result, hold_result = run_at_once(race, 2)
        winners = [r for r in (offer_result, hold_result) if not isinstance(r, Exception)]
        losers = [r for r in (offer_result, hold_result) if isinstance(r, Exception)]
        assert len(winners) == 1, (offer_result, hold_result)
        assert all(isinstance(e, services.SlotTaken) for e in losers), losers
        assert len(holders(alex)) == 1 and overlapping_pairs() == 0
        outcomes["offer" if isinstance(offer_result, WaitlistOffer) else "stranger"] += 1
        if isinstance(hold_result, Exception):
            assert WaitlistOffer.objects.filter(entry=entry, status="sent").count() == 1
        else:  # the offer wrote nothing: no offer row, the couple still waiting
            assert not WaitlistOffer.objects.filter(entry=entry).exists()
            assert WaitlistEntry.objects.get(pk=entry.pk).status == "waiting"
        # Free the time again for the next round.
        Appointment.objects.active().filter(clinician=alex).update(status="cancelled")
        WaitlistOffer.objects.filter(status="sent").update(status="withdrawn")
    print(f"offer-vs-hold races: {dict(outcomes)} over {ROUNDS} rounds")
    assert sum(outcomes.values()) == ROUNDS


def test_many_matching_tasks_at_once_make_one_offer_per_time_and_per_couple(
    couples_type, clinicians, frozen_clock
):
    """Two cancellations (Alex's and Jordan's 10:00) announced four times each, all at once:
    the two couples waiting get one offer each, and each time has one holder."""
    alex, jordan = clinicians
    first, second = join(couples_type, 1), join(couples_type, 2)
    jobs = [alex, jordan] * 4

    def match(i):
        try:
            return len(
                waitlist_services.waitlist_offer_freed_time(
                    clinician_id=jobs[i].pk,
                    freed_start=WED_10,
                    freed_end=WED_10 + timedelta(minutes=50),
                )
            )
        finally:
            connections.close_all()

    made = run_at_once(match, len(jobs))
    assert sum(made) == 2, made
    offers = WaitlistOffer.objects.filter(status="sent")
    assert sorted(o.entry_id for o in offers) == [first.pk, second.pk]
    assert sorted(o.clinician_id for o in offers) == sorted([alex.pk, jordan.pk])
    assert len(holders(alex)) == len(holders(jordan)) == 1
    assert overlapping_pairs() == 0
