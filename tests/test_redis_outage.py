"""The fault test: Redis (cache and broker) stops, the site keeps working from PostgreSQL and
loses nothing; when Redis is back the outbox sweep, on a real Celery worker, delivers every
message exactly once.

The test starts its own redis-server on a free port (never the machine's 6379) and stops
and restarts it; the app's cache and Celery's broker point at it for this test only.
"""

import contextlib
import logging
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from datetime import time as wall

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from booking.models import Appointment
from clinic_site.outage import BREAKERS
from intake.models import Inquiry
from intake.services import screening_link_path
from notifications import sms
from notifications.models import Message
from tests.factories import ConsultationTypeFactory, clinician_create
from tests.intake.flow import calm_answers, post_section, submit_inquiry
from tests.notifications.workers import (
    broker_idle,
    celery_publishing_to,
    running_workers,
    wait_for,
)

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server this test starts, stops and restarts on its own port."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server is not installed: the outage test needs its own Redis")
        self.port = _free_port()
        assert self.port != 6379
        self.dir = tempfile.mkdtemp(prefix="redis-outage-")
        self.process = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.dir, "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(self.answers, timeout=10), "redis-server did not start"

    def answers(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
            return True
        return False

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        assert not self.answers()

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def own_redis(settings):
    """The app's cache and Celery's broker on a Redis of the test's own (not eager)."""
    from clinic_site.celery import app

    server = OwnRedis()
    server.start()
    settings.REDIS_URL = server.url(0)
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "clinic_site.cache_backends.ReusingRedisCache",
            "LOCATION": server.url(1),
        }
    }
    settings.CELERY_BROKER_URL = server.url(0)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.OUTAGE_RETRY_SECONDS = 0.5
    settings.QUIET_HOURS_START = settings.QUIET_HOURS_END = 0
    sms.outbox.clear()
    try:
        with celery_publishing_to(app, server.url(0)):
            yield server
    finally:
        server.close()
        for breaker in BREAKERS.values():
            breaker.reset()
        sms.outbox.clear()


@pytest.fixture
def clinic(db):
    call_command("seed_content", verbosity=0)
    consultation = ConsultationTypeFactory(
        couples=True, slug="free-phone-call", offers_phone=True, minimum_notice_hours=1
    )
    clinician_create("Alex Rivera", [consultation], weekdays=range(7), start=wall(0), end=wall(23))
    return consultation


def walk_the_site_during_the_outage(client: Client, consultation) -> list[tuple[str, int]]:
    """Home → a topic → inquiry → screening → booking; returns (what, status) per request."""
    served = []

    def record(what, response, expected=(200,)):
        served.append((what, response.status_code))
        assert response.status_code in expected, (what, response.status_code)
        return response

    record("home", client.get("/"))
    for slug in ("who-can-benefit", "what-it-is", "notice-of-privacy-practices"):
        record(f"topic {slug}", client.get(f"/{slug}/"))
    record("inquiry step 1", client.get(reverse("intake:start")))
    record("staff sign-in page", client.get(reverse("admin:login")))

    # The inquiry: six steps, the last one saves it with its outbox rows.
    response, _token = submit_inquiry(client)
    served.append(("inquiry steps 1-6", response.status_code))
    record("inquiry sent", client.get(response.url))
    inquiry = Inquiry.objects.get()

    # The submitter's own screening, with an answer that makes the inquiry urgent (alerts).
    url = screening_link_path(screening=inquiry.screenings.get(role="submitter"))
    record("screening", client.get(url))
    record(
        "screening answer",
        post_section(client, url, "phq9", {**calm_answers("phq9"), "q9": "1"}),
        expected=(302,),
    )
    record("screening next section", client.get(url))

    # Booking: type → day → time (a POST through the rate limiter) → details → confirm.
    record("booking start", client.get(reverse("booking:start")))
    days = record("booking days", client.get(reverse("booking:days", args=[consultation.slug])))
    day = days.context["days"][0]["iso"]
    times_url = reverse("booking:times", args=[consultation.slug, day])
    times = record("booking times", client.get(times_url))
    hold = times.context["hold_key"]
    start = times.context["times"][0]["value"]
    record(
        "booking hold",
        client.post(times_url, {"start": start, "clinician": "any", "hold_key": hold}),
        expected=(302,),
    )
    details = {"name": "Sam", "email": "sam@example.com", "phone": "949-555-0142",
               "mode": "phone", "email_ok": "on", "sms_ok": "on"}  # fmt: skip
    record("booking details", client.post(reverse("booking:details"), details), expected=(302,))
    record("booking confirm", client.post(reverse("booking:confirm")), expected=(302,))
    record("booking done", client.get(reverse("booking:done")))
    return served


def test_with_redis_down_the_site_works_and_the_outbox_delivers_each_message_once_after(
    own_redis, clinic, caplog
):
    client = Client()
    assert client.get("/").status_code == 200  # warm: Redis is up and holds the page

    own_redis.stop()
    outage_started = time.monotonic()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        served = walk_the_site_during_the_outage(client, clinic)
        ready = client.get("/readyz")
    outage_seconds = time.monotonic() - outage_started

    # Every page was served (no 5xx), and the probe says "degraded", not "down".
    assert not [s for s in served if s[1] >= 500], served
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable", "broker": "unavailable"},
    }
    # The outage is logged once per service, not once per request or message.
    warnings = Counter(r.name for r in caplog.records if r.levelno >= logging.WARNING)
    assert warnings["clinic_site.outage"] == 2, caplog.text
    assert warnings["clinic_site.ratelimit"] == 1, caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text

    # Everything was saved: the inquiry, the screening answer, the booking, the outbox rows.
    assert Inquiry.objects.get().priority == "urgent"
    assert Appointment.objects.filter(status=Appointment.Status.CONFIRMED).count() == 1
    messages = list(Message.objects.order_by("pk"))
    templates = Counter(m.template_key for m in messages)
    assert templates["screening_link"] >= 1
    assert templates["staff_urgent_alert"] == 2  # on-call email + text
    assert templates["booking_confirmed"] == 2  # email + text
    assert {m.status for m in messages} == {Message.Status.QUEUED}
    assert all(m.dispatched_at is None for m in messages)  # never reached the broker
    assert not mail.outbox and not sms.outbox

    # Redis comes back: the next probe notices, the sweep (on a real worker) sends it all.
    own_redis.start()
    restarted = time.monotonic()
    # Within OUTAGE_RETRY_SECONDS the breakers let a call through and see Redis again.
    assert wait_for(lambda: client.get("/readyz").json()["status"] == "ok", timeout=10)
    from notifications.tasks import sweep_outbox

    with running_workers(own_redis_app(), count=1, concurrency=2):
        sweep_outbox.delay()
        delivered = wait_for(
            lambda: Message.objects.filter(status=Message.Status.SENT).count() == len(messages),
            timeout=30,
        )
        recovery_seconds = time.monotonic() - restarted
        assert delivered, list(Message.objects.values_list("template_key", "status"))
        # A second sweep finds nothing left to send: no duplicates.
        sweep_outbox.delay()
        assert wait_for(lambda: broker_idle(own_redis_app()))  # that sweep has run

    emails = Counter((m.to[0], m.subject) for m in mail.outbox)
    texts = Counter((t.to, t.body) for t in sms.outbox)
    email_rows = [m for m in messages if m.channel == Message.Channel.EMAIL]
    sms_rows = [m for m in messages if m.channel == Message.Channel.SMS]
    assert sum(emails.values()) == len(email_rows) and set(emails.values()) == {1}
    assert sum(texts.values()) == len(sms_rows) and set(texts.values()) == {1}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
    assert client.get("/").status_code == 200

    print(
        f"\nREDIS OUTAGE: {len(served)} requests served during the outage "
        f"({outage_seconds:.1f} s, 0 errors); {len(messages)} messages saved, "
        f"{len(mail.outbox) + len(sms.outbox)} delivered after Redis returned, 0 duplicates; "
        f"recovery (restart → all delivered) {recovery_seconds:.1f} s"
    )


def own_redis_app():
    from clinic_site.celery import app

    return app
