"""The pieces that keep the site up when Redis is down: the circuit breaker, the cache backend
that degrades to misses, the rate limiter that fails open, SiteSettings and the outbox
falling back to PostgreSQL. The whole walk is in tests/test_redis_outage.py."""

import logging
import socket
import time

import pytest
from django.core.cache import cache
from django.db import transaction

from clinic_site import ratelimit
from clinic_site.cache_backends import ReusingRedisCache
from clinic_site.outage import Breaker, broker_breaker, cache_breaker, service_recovered
from notifications.models import Message
from notifications.services import message_create
from pages.cache import GENERATION_KEY, content_generation
from pages.models import SiteSettings


def closed_port() -> int:
    """A local port nothing listens on (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "clinic_site.cache_backends.ReusingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    yield cache
    cache_breaker.reset()


def test_a_dead_redis_is_a_miss_for_every_call_and_is_logged_once(dead_redis_cache, caplog):
    backend = ReusingRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    started = time.monotonic()
    with caplog.at_level(logging.INFO):
        for _ in range(50):
            assert backend.get("k", "fallback") == "fallback"
            assert backend.get_many(["a", "b"]) == {}
            assert backend.add("k", 1) is False
            backend.set("k", 1)
            backend.set_many({"a": 1})
            backend.delete("k")
            with pytest.raises(ValueError):
                backend.incr("k")
    assert time.monotonic() - started < 2.0  # 350 calls: skipped, not each refused
    outage_lines = [r for r in caplog.records if r.name == "clinic_site.outage"]
    assert len(outage_lines) == 1 and outage_lines[0].levelno == logging.WARNING
    assert "Redis cache unavailable" in outage_lines[0].getMessage()
    assert backend.available is False


def test_the_breaker_lets_one_call_through_per_interval_and_announces_recovery_once(
    settings, caplog
):
    settings.OUTAGE_RETRY_SECONDS = 0.05
    breaker = Breaker("test", "Test service")
    heard = []

    def on_recovered(sender, name, **kwargs):
        heard.append(name)

    service_recovered.connect(on_recovered)
    try:
        with caplog.at_level(logging.INFO):
            assert breaker.allow()
            breaker.failed(ConnectionError("refused"))
            breaker.failed(ConnectionError("refused"))
            assert not breaker.allow() and breaker.is_down
            time.sleep(0.06)
            assert breaker.allow()  # the probe
            assert not breaker.allow()  # everyone else waits for the probe's result
            breaker.succeeded()
            breaker.succeeded()
            assert breaker.allow() and not breaker.is_down
    finally:
        service_recovered.disconnect(on_recovered)
    assert heard == ["test"]
    messages = [r.getMessage() for r in caplog.records if r.name == "clinic_site.outage"]
    assert len(messages) == 2
    assert "Test service unavailable (ConnectionError)" in messages[0]
    assert "Test service is back after" in messages[1]


def test_the_rate_limit_fails_open_with_one_log_line_when_its_store_is_down(
    dead_redis_cache, caplog
):
    with caplog.at_level(logging.WARNING):
        results = [ratelimit.hit("inquiry-submit", "198.51.100.7", "1/h") for _ in range(20)]
    assert all(results)
    lines = [r for r in caplog.records if r.name == "clinic_site.ratelimit"]
    assert len(lines) == 1 and "not enforced" in lines[0].getMessage()


@pytest.mark.redis
def test_the_rate_limit_holds_when_its_store_is_up():
    assert ratelimit.hit("inquiry-submit", "198.51.100.8", "2/h")
    assert ratelimit.hit("inquiry-submit", "198.51.100.8", "2/h")
    assert not ratelimit.hit("inquiry-submit", "198.51.100.8", "2/h")


@pytest.mark.django_db
def test_site_settings_come_from_the_database_when_the_cache_is_down(dead_redis_cache):
    SiteSettings.objects.update_or_create(pk=1, defaults={"phone": "949-555-0100"})
    assert SiteSettings.load().phone == "949-555-0100"


@pytest.mark.django_db
def test_an_outage_ends_with_every_cached_page_and_setting_made_stale(settings):
    """Edits during an outage could not reach Redis; a Redis that comes back with its old
    data must not serve pages or settings from before them."""
    SiteSettings.load()  # kept in the cache for the current generation
    SiteSettings.objects.filter(pk=1).update(phone="949-555-0199")  # Redis never heard of it
    before = content_generation()
    cache_breaker.failed(ConnectionError("refused"))
    cache_breaker.succeeded()
    assert cache.get(GENERATION_KEY) != before
    assert SiteSettings.load().phone == "949-555-0199"


@pytest.mark.django_db(transaction=True)
def test_messages_are_saved_for_the_sweep_when_the_broker_is_down(settings, caplog):
    from clinic_site.celery import app
    from tests.notifications.workers import celery_publishing_to

    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        with celery_publishing_to(app, f"redis://127.0.0.1:{closed_port()}/0"):
            started = time.monotonic()
            with caplog.at_level(logging.WARNING), transaction.atomic():
                for i in range(5):
                    message_create(
                        channel="email",
                        to=f"person{i}@example.com",
                        template_key="staff_urgent_alert",
                        context={"reference_code": f"KC-OUT{i:02d}"},
                        idempotency_key=f"broker-down {i}",
                        urgent=True,
                    )
            elapsed = time.monotonic() - started
    finally:
        broker_breaker.reset()
    rows = Message.objects.filter(idempotency_key__startswith="broker-down")
    assert rows.count() == 5
    assert set(rows.values_list("status", "dispatched_at")) == {(Message.Status.QUEUED, None)}
    lines = [r for r in caplog.records if r.name == "clinic_site.outage"]
    assert len(lines) == 1 and "Celery broker unavailable" in lines[0].getMessage()
    assert elapsed < 5.0, elapsed  # one failed publish, then skipped
