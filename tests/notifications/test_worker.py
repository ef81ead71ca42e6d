"""Real Celery workers on the real Redis deliver through the real Twilio SDK to our fake
Twilio server: exactly one accepted send per message, under retries, duplicate tasks, two
racing workers, and a broker outage."""

import socket
import time
from collections import Counter

import pytest
from django.db import transaction

from notifications.models import Message
from notifications.services import message_create, message_enqueue, messages_sweep

from .workers import broker_idle, point_broker_at, running_workers, wait_for, worker_process

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fast_retries(settings):
    settings.MESSAGE_RETRY_BASE_SECONDS = 0.1
    settings.MESSAGE_RETRY_MAX_SECONDS = 0.5


def create_alerts(count: int, *, prefix: str) -> list[Message]:
    """`count` texts with distinct bodies (so the fake server can count each one)."""
    with transaction.atomic():
        return [
            message_create(
                channel="sms",
                to=f"+1949555{1000 + i:04d}",
                template_key="staff_urgent_alert",
                context={"reference_code": f"KC-{prefix}{i:03d}"},
                idempotency_key=f"{prefix} {i}",
                urgent=True,
            )
            for i in range(count)
        ]


def sent_count() -> int:
    return Message.objects.filter(status=Message.Status.SENT).count()


def assert_each_accepted_once(fake_twilio, messages):
    counts = Counter(m.body for m in fake_twilio.accepted)
    assert sorted(counts) == sorted(m.body for m in messages)
    assert set(counts.values()) == {1}
    sids = dict(Message.objects.values_list("pk", "provider_message_id"))
    assert sorted(sids.values()) == sorted(m.sid for m in fake_twilio.accepted)


def test_a_worker_retries_transient_errors_and_each_message_is_accepted_once(
    live_celery, fake_twilio, fast_retries
):
    fake_twilio.fail_next(2, status=500)
    fake_twilio.fail_next(1, status=429, code=20429)
    fake_twilio.hang_next(1, seconds=1.5)  # the client gives up after 1 s
    with running_workers(live_celery, count=1, concurrency=2):
        messages = create_alerts(6, prefix="R")
        assert wait_for(lambda: sent_count() == 6), list(
            Message.objects.values_list("status", "attempts", "last_error")
        )
    assert_each_accepted_once(fake_twilio, messages)
    assert sum(Message.objects.values_list("attempts", flat=True)) == 6 + 4
    assert len(fake_twilio.requests) == 6 + 4


def test_a_permanent_error_fails_once_without_retrying(live_celery, fake_twilio, fast_retries):
    fake_twilio.reject_number("+19495551000", code=21211)
    with running_workers(live_celery, count=1):
        create_alerts(2, prefix="P")
        assert wait_for(lambda: Message.objects.filter(status__in=["sent", "failed"]).count() == 2)
        assert wait_for(lambda: broker_idle(live_celery))  # a wrong retry would run by now
    failed = Message.objects.get(status=Message.Status.FAILED)
    assert failed.attempts == 1 and "21211" in failed.last_error
    assert len(fake_twilio.requests) == 2


def test_two_racing_workers_with_duplicate_tasks_send_each_message_once(
    live_celery, fake_twilio, fast_retries, settings
):
    """One worker in this process and one in its own process take the same tasks."""
    from celery.worker import state

    fake_twilio.fail_next(3, status=503)
    handled_here_before = state.total_count.get("notifications.tasks.deliver_message", 0)
    with (
        worker_process(settings, fake_twilio) as other,
        running_workers(live_celery, count=1, concurrency=3),
    ):
        messages = create_alerts(20, prefix="D")  # each enqueued once on commit
        for message in messages:  # and the same task three more times (redelivery, sweep)
            for _ in range(3):
                message_enqueue(message.pk)
        assert wait_for(lambda: sent_count() == 20), list(
            Message.objects.values_list("status", "attempts", "last_error")
        )
        assert wait_for(lambda: broker_idle(live_celery))  # every duplicate task has run
        handled_there = other.log().count("deliver_message[")
    handled_here = state.total_count.get("notifications.tasks.deliver_message", 0)
    assert handled_here > handled_here_before and handled_there > 0  # both workers raced
    assert_each_accepted_once(fake_twilio, messages)
    assert len(fake_twilio.requests) == 20 + 3


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_the_broker_down_messages_commit_and_the_sweep_delivers_them_once_it_returns(
    live_celery, fake_twilio, settings
):
    point_broker_at(live_celery, f"redis://127.0.0.1:{closed_port()}/0")
    started = time.monotonic()
    messages = create_alerts(8, prefix="B")
    assert time.monotonic() - started < 15  # publishing gives up quickly
    assert Message.objects.filter(status="queued", dispatched_at__isnull=True).count() == 8

    point_broker_at(live_celery, settings.REDIS_URL)
    with running_workers(live_celery, count=1, concurrency=2):
        assert messages_sweep() == 8  # beat's next run
        assert wait_for(lambda: sent_count() == 8)
        assert messages_sweep() == 0
        assert wait_for(lambda: broker_idle(live_celery))
    assert_each_accepted_once(fake_twilio, messages)
    assert len(fake_twilio.requests) == 8


def test_a_worker_killed_mid_send_loses_nothing_and_sends_once(live_celery, fake_twilio, settings):
    settings.MESSAGE_STUCK_AFTER_SECONDS = 1
    fake_twilio.hang_next(1, seconds=3)  # the first send is in flight when the worker dies
    with worker_process(settings, fake_twilio) as doomed:
        [message] = create_alerts(1, prefix="K")
        assert wait_for(lambda: len(fake_twilio.requests) == 1)
        doomed.process.kill()
        doomed.process.wait()
    message.refresh_from_db()
    assert message.status == Message.Status.SENDING  # stuck: nobody will finish this send

    # The sweep takes the send back once it has been stuck for MESSAGE_STUCK_AFTER_SECONDS.
    assert wait_for(lambda: messages_sweep() == 1, timeout=5)
    with running_workers(live_celery, count=1):
        assert wait_for(lambda: sent_count() == 1)
    message.refresh_from_db()
    assert message.attempts == 2
    assert "queued again" in message.last_error
    assert_each_accepted_once(fake_twilio, [message])
