"""Urgent staff alerts: their own queue, a short capped retry, and a sweep that sends a
stranded alert again within a minute. Real Celery workers on the real Redis broker."""

import datetime as dt
import random

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from notifications.models import Message
from notifications.retry import retry_delay_seconds
from notifications.services import message_create
from tests.notifications.workers import running_workers, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def create(prefix: str, *, urgent: bool, count: int = 1) -> list[Message]:
    with transaction.atomic():
        return [
            message_create(
                channel="sms",
                to=f"+1949555{2000 + i:04d}",
                template_key="staff_urgent_alert",
                context={"reference_code": f"KC-{prefix}{i:03d}"},
                idempotency_key=f"{prefix} {i}",
                urgent=urgent,
            )
            for i in range(count)
        ]


def status_of(message: Message) -> str:
    return Message.objects.values_list("status", flat=True).get(pk=message.pk)


def test_urgent_alerts_travel_on_their_own_queue(live_celery, fake_twilio):
    with running_workers(live_celery, count=1, queues=["urgent"]):
        [alert] = create("U", urgent=True)
        [reminder] = create("N", urgent=False)
        assert wait_for(lambda: status_of(alert) == Message.Status.SENT)
        assert status_of(reminder) == Message.Status.QUEUED  # not this worker's queue
    with running_workers(live_celery, count=1):  # a worker without -Q serves both queues
        assert wait_for(lambda: status_of(reminder) == Message.Status.SENT)
    assert len(fake_twilio.accepted) == 2


def test_an_urgent_alert_retries_soon_and_never_waits_long(live_celery, fake_twilio, settings):
    settings.URGENT_RETRY_BASE_SECONDS = 0.2
    settings.URGENT_RETRY_MAX_SECONDS = 0.5
    fake_twilio.fail_next(3, status=503)
    with running_workers(live_celery, count=1):
        [alert] = create("R", urgent=True)
        assert wait_for(lambda: status_of(alert) == Message.Status.SENT, timeout=10)
    alert.refresh_from_db()
    assert alert.attempts == 4 and len(fake_twilio.accepted) == 1


def test_the_urgent_backoff_is_capped_far_below_the_ordinary_one():
    rng = random.Random(1)
    urgent = [
        retry_delay_seconds(
            attempt=n,
            base_seconds=django_settings.URGENT_RETRY_BASE_SECONDS,
            max_seconds=django_settings.URGENT_RETRY_MAX_SECONDS,
            rng=rng,
        )
        for n in range(1, django_settings.MESSAGE_MAX_ATTEMPTS + 1)
    ]
    assert max(urgent) <= django_settings.URGENT_RETRY_MAX_SECONDS <= 30
    assert sum(urgent) < 120  # every attempt of an alert within two minutes


def test_a_stranded_urgent_alert_goes_out_again_within_a_minute(live_celery, fake_twilio):
    """Its task was lost with the broker: the urgent sweep (beat, every 15 s) resends it,
    while an ordinary message stranded as long waits for the five-minute sweep."""
    from notifications.tasks import sweep_urgent_outbox

    schedule = django_settings.CELERY_BEAT_SCHEDULE["notifications-sweep-urgent"]
    assert schedule["schedule"] + django_settings.URGENT_STUCK_AFTER_SECONDS <= 60
    [alert] = create("S", urgent=True)
    [reminder] = create("T", urgent=False)
    lost = timezone.now() - dt.timedelta(seconds=django_settings.URGENT_STUCK_AFTER_SECONDS + 1)
    # As if both tasks had been published and then lost with the broker.
    for queue in ("urgent", "celery"):
        with live_celery.connection_for_write() as connection:
            connection.default_channel.queue_purge(queue)
    Message.objects.update(dispatched_at=lost)

    with running_workers(live_celery, count=1, queues=["urgent"]):
        sweep_urgent_outbox.delay()
        assert wait_for(lambda: status_of(alert) == Message.Status.SENT)
    assert status_of(reminder) == Message.Status.QUEUED
    assert [m.body for m in fake_twilio.accepted] == [alert.body]
