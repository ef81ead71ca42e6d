"""Circuit breakers for the outside services a request can live without (Redis: cache, broker).

When Redis stops, every page must still be served from PostgreSQL. Waiting on a dead server
in each request (and logging each failure) would make the outage slower and noisier than it
needs to be, so each service has one breaker per process:

- the first failure opens it and logs one WARNING line (per process, not per request);
- while it is open, callers skip the service at once (a cache miss, a publish left for the
  outbox sweep);
- every OUTAGE_RETRY_SECONDS one caller is let through to try again; when that call
  succeeds the breaker closes, one INFO line says how long the outage lasted, and
  `service_recovered` is sent (e.g. the page cache drops entries that may have gone stale
  while edits could not reach Redis).

State is shared by all threads of the process. Nothing here touches the network itself.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent with `name` (e.g. "cache", "broker") when a service answers again after an outage.
service_recovered = Signal()


def retry_seconds() -> float:
    return float(settings.OUTAGE_RETRY_SECONDS)  # declared in settings/base.py


class Breaker:
    """Whether one outside service is usable from this process, and when to try it again."""

    def __init__(self, name: str, description: str):
        self.name = name
        self.description = description
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Closed, with no outage on record (tests; a process start)."""
        with self._lock:
            self.down_since: float | None = None
            self.next_try = 0.0
            self.failures = 0

    @property
    def is_down(self) -> bool:
        return self.down_since is not None

    def down_for(self) -> float:
        """Seconds since the outage began (0 when the service is up)."""
        since = self.down_since
        return 0.0 if since is None else time.monotonic() - since

    def allow(self) -> bool:
        """True if the caller should use the service now.

        Always while closed; while open, only one caller per retry interval (the probe).
        """
        if self.down_since is None:
            return True
        now = time.monotonic()
        with self._lock:
            if self.down_since is None:
                return True
            if now < self.next_try:
                return False
            self.next_try = now + retry_seconds()
            return True

    def failed(self, exc: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self.failures += 1
            self.next_try = now + retry_seconds()
            if self.down_since is not None:
                return
            self.down_since = now
        logger.warning(
            "%s unavailable (%s); %s. Trying again every %g s; this is logged once.",
            self.description,
            type(exc).__name__,
            OUTAGE_EFFECTS.get(self.name, "carrying on without it"),
            retry_seconds(),
        )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            lasted = time.monotonic() - self.down_since
            failures = self.failures
            self.down_since, self.next_try, self.failures = None, 0.0, 0
        logger.info(
            "%s is back after %.1f s (%d failed calls skipped or refused).",
            self.description,
            lasted,
            failures,
        )
        service_recovered.send(sender=Breaker, name=self.name)


OUTAGE_EFFECTS = {
    "cache": "pages and settings are read from PostgreSQL and rate limits are off",
    "broker": "messages stay in the outbox and the sweep sends them once it is back",
}

cache_breaker = Breaker("cache", "Redis cache")
broker_breaker = Breaker("broker", "Celery broker")
BREAKERS = {b.name: b for b in (cache_breaker, broker_breaker)}


def outage_status() -> dict[str, str]:
    """For /readyz: "ok" or "unavailable" per service, as this process last saw it."""
    return {name: "unavailable" if b.is_down else "ok" for name, b in BREAKERS.items()}
