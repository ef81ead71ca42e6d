"""The waitlist on the real services: PostgreSQL, Redis as the broker and a real Celery
worker. A cancellation is announced after its commit, the worker offers the freed time and
delivers the offer; the couple's link books it; a lapsed offer passes on by the beat task."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from booking import services, waitlist_selectors
from booking.models import Appointment, WaitlistOffer
from booking.tasks import waitlist_tick
from clinic_site.outage import BREAKERS
from notifications import sms
from notifications.models import Message
from tests.factories import pacific
from tests.notifications.workers import point_broker_at, running_workers, wait_for

from .test_waitlist import book, join

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WED_10 = pacific(2026, 3, 4, 10)


@pytest.fixture(autouse=True)
def daytime(settings):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    settings.SITE_URL = "https://clinic.example"


def delivered(template_key: str) -> list[Message]:
    return list(
        Message.objects.filter(template_key=template_key, status=Message.Status.SENT).order_by("pk")
    )


def test_a_worker_offers_the_freed_time_delivers_it_and_passes_it_on(
    live_celery,  # noqa: F811
    couples_type,
    clinicians,
    frozen_clock,
):
    alex = clinicians[0]
    mail.outbox = []
    sms.outbox.clear()
    appointment = book(couples_type, alex, WED_10)
    first = join(couples_type, 1, sms=True)
    second = join(couples_type, 2)
    with running_workers(live_celery, count=1, concurrency=2):
        services.appointment_cancel(appointment=appointment, by="client")  # commits at once
        assert wait_for(lambda: len(delivered("waitlist_offer")) == 2, timeout=30)
        offer = WaitlistOffer.objects.get()
        assert offer.entry_id == first.pk and offer.status == "sent"
        assert Appointment.objects.get(pk=offer.appointment_id).status == "held"
        assert [m.to for m in sms.outbox] == ["+19495550101"]
        assert "/book/offer/" in sms.outbox[0].body

        # Not taken in time: the beat task passes the time to the next couple.
        frozen_clock.shift(timedelta(minutes=31))
        waitlist_tick.delay()
        assert wait_for(
            lambda: WaitlistOffer.objects.filter(entry=second, status="sent").exists(), timeout=30
        )
        assert wait_for(lambda: len(delivered("waitlist_offer")) == 3, timeout=30)
        passed_on = WaitlistOffer.objects.get(entry=second)
        assert WaitlistOffer.objects.get(entry=first).status == "expired"

        # The second couple books from their link; the worker sends the confirmation.
        url = reverse("booking:waitlist_offer", args=[waitlist_selectors.offer_token(passed_on)])
        response = Client().post(url, {"mode": "video"})
        assert response.status_code == 302
        assert wait_for(lambda: len(delivered("booking_confirmed")) == 2, timeout=30)
    booked = Appointment.objects.active().get(clinician=alex, start=WED_10)
    assert booked.pk == passed_on.appointment_id and booked.status == "confirmed"
    assert booked.contact_email == "person2@example.com"
    offers = WaitlistOffer.objects.all()
    print(
        f"worker run: offers {offers.count()}, holds "
        f"{offers.exclude(appointment=None).count()}, expired "
        f"{offers.filter(status='expired').count()}, booked "
        f"{offers.filter(status='accepted').count()}, offer messages delivered "
        f"{len(delivered('waitlist_offer'))}, all messages delivered "
        f"{Message.objects.filter(status=Message.Status.SENT).count()}"
    )


def test_with_the_broker_down_a_cancellation_still_offers_the_freed_time(
    live_celery,  # noqa: F811
    couples_type,
    clinicians,
    frozen_clock,
    settings,
):
    """Matching runs in the web process while the broker is down; the offer's messages wait
    in the outbox for the sweep, like every other message."""
    alex = clinicians[0]
    appointment = book(couples_type, alex, WED_10)
    entry = join(couples_type, 1)
    settings.OUTAGE_RETRY_SECONDS = 60
    point_broker_at(live_celery, "redis://127.0.0.1:1/0")  # nothing listens there
    try:
        services.appointment_cancel(appointment=appointment, by="client")
    finally:
        point_broker_at(live_celery, settings.REDIS_URL)
        for breaker in BREAKERS.values():
            breaker.reset()
    offer = WaitlistOffer.objects.get()
    assert offer.entry_id == entry.pk and offer.status == "sent"
    assert Appointment.objects.get(pk=offer.appointment_id).status == "held"
    queued = Message.objects.filter(template_key="waitlist_offer", status=Message.Status.QUEUED)
    assert queued.count() == 1
