"""Production: DEBUG off, secrets and services from the environment; refuse to start without."""

import os
import sys

REQUIRED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "FIELD_ENCRYPTION_KEYS",
    "LOOKUP_HASH_KEY",
)
_missing = [name for name in REQUIRED if not os.environ.get(name)]
# Urgent-inquiry alerts must reach someone: at least one on-call email or phone.
if not (os.environ.get("STAFF_ALERT_EMAILS") or os.environ.get("STAFF_ALERT_PHONES")):
    _missing.append("STAFF_ALERT_EMAILS or STAFF_ALERT_PHONES")
if _missing:
    # One clear line, no traceback wall: the operator learns what to set and nothing else.
    sys.stderr.write(
        f"Configuration error: required environment variable {_missing[0]} is not set"
        + (f" (also missing: {', '.join(_missing[1:])})" if _missing[1:] else "")
        + ". See the README's table of environment variables.\n"
    )
    raise SystemExit(78)

from .base import *  # noqa: E402, F403
from .base import FIELD_ENCRYPTION_KEYS, STORAGES, env  # noqa: E402


def _not_fernet_keys(keys: list[str]) -> list[int]:
    """Positions (1-based) of entries that are not real Fernet keys: 32 url-safe base64
    bytes, as `Fernet.generate_key()` prints. Development derives a key from any string
    (clinic_site.crypto); production takes only real keys, so a typo cannot quietly become
    a different, weaker key that encrypts health data nobody can decrypt later."""
    from cryptography.fernet import Fernet

    bad = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            bad.append(position)
    return bad


if _bad_keys := _not_fernet_keys(FIELD_ENCRYPTION_KEYS):
    sys.stderr.write(
        "Configuration error: FIELD_ENCRYPTION_KEYS entry "
        + ", ".join(f"#{n}" for n in _bad_keys)
        + " is not a Fernet key (make one with: python -c 'from cryptography.fernet import "
        "Fernet; print(Fernet.generate_key().decode())').\n"
    )
    raise SystemExit(78)

DEBUG = False
STAFF_REQUIRE_2FA = True  # not configurable in production

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "clinic_site.staticfiles.RememberingManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Each gunicorn worker keeps the public pages it served and checks Redis for edits at most
# once a second (pages/cache.py): edits from the admin show within a second everywhere.
PAGE_LOCAL_REVALIDATE_SECONDS = env.float("PAGE_LOCAL_REVALIDATE_SECONDS", default=1.0)
