"""`make run`: SQLite under var/, locmem cache, eager tasks, SMS and email on the console."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
(BASE_DIR / "var").mkdir(exist_ok=True)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},  # pages and open times per clinician and day
    }
}
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
SMS_BACKEND = env("SMS_BACKEND", default="notifications.sms.ConsoleBackend")
MAILERS = {
    "default": {
        "BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
    }
}
# Developers sign in with a password only; production always asks for the TOTP code.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=False)
# Urgent-inquiry alerts print to the console like every other message in development.
STAFF_ALERT_EMAILS = env.list("STAFF_ALERT_EMAILS", default=["on-call@localhost"])
# No beat runs in development, so a text held for quiet hours would never print.
QUIET_HOURS_START = QUIET_HOURS_END = 0
