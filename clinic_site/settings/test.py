"""pytest: PostgreSQL when DATABASE_URL is set, else SQLite; Redis when REDIS_URL is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
SMS_BACKEND = "notifications.sms.LocmemBackend"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STAFF_REQUIRE_2FA = False
FIELD_ENCRYPTION_KEYS = ["dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0wMDAwMDA="]
LOOKUP_HASH_KEY = "test-lookup-hash-key"
STAFF_ALERT_EMAILS = ["oncall@clinic.test"]
STAFF_ALERT_PHONES = ["+19495550100"]
AXES_ENABLED = True

# Keep the test cache in its own Redis database (the broker's + 1): cache.clear() between
# tests must never flush the Celery broker's queues.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _parts = urlsplit(REDIS_URL)  # noqa: F405
    _cache_db = int((_parts.path or "/0").strip("/") or 0) + 1
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{_cache_db}"))  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "clinic-test"  # noqa: F405
