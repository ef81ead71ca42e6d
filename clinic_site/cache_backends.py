"""Django's Redis cache, made to survive a Redis outage and to reuse its redis clients.

Survive an outage: the cache only ever holds copies (rendered pages, SiteSettings, the menu)
or counters (rate limits), so when Redis stops answering every call degrades to a miss
(reads return the default, writes are dropped) and the caller falls back to PostgreSQL. A
circuit breaker (`clinic_site.outage.cache_breaker`) logs the outage once per process and
lets one call through every OUTAGE_RETRY_SECONDS to notice the return; in between, calls
skip Redis at once instead of each waiting for a connection error or a socket timeout.

Reuse clients: Django's RedisCacheClient builds a new `redis.Redis` object for every cache
call. With redis-py 8 that constructor registers ~170 response callbacks, which made it the
largest cost of serving a cached public page (measured: 0.18 ms per call, two calls per
page). A redis client is safe to share (connections come from its pool), so keep one per
pool.
"""

from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .outage import cache_breaker

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)

# Short socket timeouts unless OPTIONS says otherwise: a hung Redis must cost a request a
# fraction of a second, once, not the default of waiting forever.
DEFAULT_SOCKET_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


def _degrades_to(fallback):
    """Run the Redis call through the breaker; during an outage return `fallback(args)`."""

    def decorator(method):
        @wraps(method)
        def guarded(self, *args, **kwargs):
            if not cache_breaker.allow():
                return fallback(*args)
            try:
                result = method(self, *args, **kwargs)
            except OUTAGE_ERRORS as exc:
                cache_breaker.failed(exc)
                return fallback(*args)
            cache_breaker.succeeded()
            return result

        return guarded

    return decorator


def _nothing(*args):
    return None


def _false(*args):
    return False


def _default(key, default=None, *args):
    return default


def _empty_dict(*args):
    return {}


def _no_such_key(*args):
    raise ValueError("the cache is unavailable, so the key cannot be found")


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **{**DEFAULT_SOCKET_OPTIONS, **options})
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _degrades_to(_false)(RedisCacheClient.add)
    get = _degrades_to(_default)(RedisCacheClient.get)
    set = _degrades_to(_nothing)(RedisCacheClient.set)
    touch = _degrades_to(_false)(RedisCacheClient.touch)
    delete = _degrades_to(_false)(RedisCacheClient.delete)
    get_many = _degrades_to(_empty_dict)(RedisCacheClient.get_many)
    has_key = _degrades_to(_false)(RedisCacheClient.has_key)
    incr = _degrades_to(_no_such_key)(RedisCacheClient.incr)
    set_many = _degrades_to(_nothing)(RedisCacheClient.set_many)
    delete_many = _degrades_to(_nothing)(RedisCacheClient.delete_many)
    clear = _degrades_to(_false)(RedisCacheClient.clear)


class ReusingRedisCache(RedisCache):
    """The cache backend named in settings (CACHES["default"]["BACKEND"])."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    @property
    def available(self) -> bool:
        """False while this process considers Redis down (see clinic_site.outage)."""
        return not cache_breaker.is_down
