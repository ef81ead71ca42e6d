"""A fixed-window per-key rate limit on the Django cache (Redis in production).

When the cache is unavailable the limit *fails open*: every hit is allowed, and one WARNING
line per process says so. The limits here slow down abuse of forms (inquiries, time holds,
TOTP set-up); none of them is what keeps data safe (that is CSRF, signed links, axes and the
database's own constraints). Failing closed would turn a Redis outage into "nobody can send
an inquiry or book", which for a clinic whose inquiry can carry a crisis is the worse harm.
"""

import logging
import threading
import time

from django.core.cache import cache

from .client_ip import client_ip as resolve_client_ip
from .outage import cache_breaker

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, unit = rate.partition("/")
    return int(count), _UNITS[unit.strip()[:1]]


def client_ip(request) -> str:
    """The rate-limit key for a request's sender (clinic_site.client_ip, behind proxies)."""
    return resolve_client_ip(request) or "unknown"


class _FailOpenNotice:
    """Logs "rate limits are off" once per outage, not once per request."""

    def __init__(self):
        self._lock = threading.Lock()
        self.logged = False

    def note(self, scope: str) -> None:
        with self._lock:
            if self.logged:
                return
            self.logged = True
        logger.warning(
            "rate limit %r not enforced: the cache is unavailable (failing open until it "
            "is back; logged once)",
            scope,
        )

    def clear(self) -> None:
        self.logged = False


fail_open_notice = _FailOpenNotice()


def _cache_key(scope: str, key: str, window: int) -> str:
    return f"rl:{scope}:{key}:{int(time.time() // window)}"


def exceeded(scope: str, key: str, rate: str) -> bool:
    """True if `key` has already used up this window's hits (counts nothing; fails open)."""
    limit, window = parse_rate(rate)
    count = cache.get(_cache_key(scope, key, window), 0)
    if cache_breaker.is_down:
        fail_open_notice.note(scope)
        return False
    return count >= limit


def hit(scope: str, key: str, rate: str) -> bool:
    """Count one hit; True if it is within the limit (or cannot be counted), False if over."""
    limit, window = parse_rate(rate)
    cache_key = _cache_key(scope, key, window)
    if cache.add(cache_key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:
            cache.set(cache_key, 1, timeout=window + 5)
            count = 1
    if cache_breaker.is_down:
        fail_open_notice.note(scope)
        return True
    fail_open_notice.clear()
    return count <= limit
