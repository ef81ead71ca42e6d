"""Settings shared by every mode. Secrets and service addresses come from the environment.

dev.py, test.py and prod.py import this module and change what differs. Every variable
read here is listed in the README's table.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# --- core -------------------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "staff.admin_apps.ClinicAdminConfig",  # the clinic admin site (2FA, dashboard)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "clinic_site",
    "pages",
    "notifications",
    "intake",
    "booking",
    "staff",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Response headers for every page: above the cached-page shortcut, so its pages get them.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic_site.middleware.ContentSecurityPolicyMiddleware",
    "clinic_site.middleware.SecurityHeadersMiddleware",
    # The language comes from the URL alone (/es/… Spanish, anything else English: admin too),
    # never from a cookie or Accept-Language, so the cached-page shortcut below can key on it.
    "clinic_site.middleware.PathLanguageMiddleware",
    # A cached public page is answered here; nothing below runs for it (pages/middleware.py).
    "pages.middleware.CachedPublicPageMiddleware",
    "clinic_site.sessions.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
WSGI_APPLICATION = "clinic_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "pages.context_processors.site",
            ],
        },
    },
]

# --- data -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'clinic.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "clinic_site.cache_backends.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="clinic"),
            "TIMEOUT": 60 * 60,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Pages and each clinician's open times per day: more than the default 300.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# When Redis (cache or broker) stops answering, each process logs it once and tries it again
# this often; in between, pages come from PostgreSQL and messages wait in the outbox.
OUTAGE_RETRY_SECONDS = env.float("OUTAGE_RETRY_SECONDS", default=5.0)

# Public pages are rendered once and served from the cache (pages/cache.py); off only to
# measure rendering itself (`BENCH_NO_PAGE_CACHE=1 make bench`).
PAGE_HTML_CACHE = env.bool("PAGE_HTML_CACHE", default=True)
# Public pages' rendered HTML (pages/cache.py): kept this long at most, so a page scheduled
# with a future published_at reaches the menu soon; and how long each worker serves its own
# copy before asking Redis whether anything was edited (0 = always ask; prod.py sets 1).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_LOCAL_REVALIDATE_SECONDS = env.float("PAGE_LOCAL_REVALIDATE_SECONDS", default=0.0)

# --- auth and sessions ------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, a staff member's permissions read in one query per request.
    "staff.permissions_backend.OneQueryPermissionsBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Automatic logoff (HIPAA 164.312(a)(2)(iii)): sessions end after this many idle seconds.
# Database sessions whose own commits do not wait for the disk (clinic_site/sessions.py).
SESSION_ENGINE = "clinic_site.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# ...but an unchanged session's expiry is written at most once a minute (clinic_site/sessions.py).
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form gets the site layout, the crisis strip and the phone (pages.views).
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"

ADMIN_URL_PATH = env("ADMIN_URL_PATH", default="admin/").strip("/") + "/"
# Staff must pass a TOTP second factor before the admin opens (prod forces this on).
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Clinic staff")

# An account locks after LOGIN_FAILURE_LIMIT wrong passwords from anywhere (so spreading a
# guessing attack over many addresses does not help), for LOGIN_LOCKOUT_HOURS; a clinic
# admin can lift it sooner. An address that keeps failing, whatever the username, is turned
# away for the rest of the hour (LOGIN_IP_FAILURE_RATE; staff/admin_site.py).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_LOCKOUT_HOURS", default=0.5)
# The username alone decides the lock (any address counts); username + address is listed
# too so axes' check (W006) sees addresses taken into account. The per-address throttle for
# many usernames is LOGIN_IP_FAILURE_RATE, higher than 5 so an office behind one NAT
# address is not shut out by a few typos.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "clinic_site.client_ip.client_ip"
LOGIN_IP_FAILURE_RATE = env("LOGIN_IP_FAILURE_RATE", default="10/h")
# The reverse proxies in front of the app (addresses or CIDR networks, one per hop, nearest
# the client first); only through them is X-Forwarded-For believed (clinic_site/client_ip.py).
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=[])
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"

# --- i18n / time ------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# The patient side is in both; the staff admin stays in English (clinic_site/i18n.py).
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
CLINIC_TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

# --- static -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security headers (also in dev so problems show early) ------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), interest-cohort=(), payment=(), usb=()"
)

# --- field encryption (see clinic_site/crypto.py) ---------------------------------------
# Comma-separated Fernet keys; the first encrypts, all decrypt (rotation: prepend a new key,
# run `manage.py rotate_encryption_keys`, then drop the old one).
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZC0="]
)
# Secret for keyed hashes used to look people up by email/phone without storing them plain.
LOOKUP_HASH_KEY = env("LOOKUP_HASH_KEY", default="dev-only-lookup-hash-key")

# --- Celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing from a web request must fail fast when Redis hangs; the outbox sweep resends.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_timeout": 5}
CELERY_TIMEZONE = "UTC"
# Two queues: "urgent" (on-call alerts and their sweep) and the default. A worker started
# without -Q serves both; the Procfile adds one that serves only "urgent", so an alert never
# waits behind a backlog of reminders.
CELERY_TASK_QUEUES = (
    Queue("urgent", Exchange("urgent"), routing_key="urgent"),
    Queue("celery", Exchange("celery"), routing_key="celery"),
)
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {"notifications.tasks.sweep_urgent_outbox": {"queue": "urgent"}}
URGENT_SWEEP_SECONDS = env.float("URGENT_SWEEP_SECONDS", default=15.0)
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {
        "task": "notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "notifications-sweep-urgent": {
        "task": "notifications.tasks.sweep_urgent_outbox",
        "schedule": URGENT_SWEEP_SECONDS,
    },
    "booking-release-expired-holds": {
        "task": "booking.tasks.release_expired_holds",
        "schedule": 60.0,
    },
    "booking-waitlist-tick": {
        "task": "booking.tasks.waitlist_tick",
        "schedule": 60.0,
    },
    # Each December: the clinic's holidays as time off through the end of next year (the
    # task adds only what is missing, so a missed or repeated run does no harm).
    "booking-seed-holiday-time-off": {
        "task": "booking.tasks.seed_holiday_time_off",
        "schedule": crontab(minute=30, hour=3, day_of_month=1, month_of_year=12),
    },
    "staff-retention": {
        "task": "staff.tasks.apply_retention",
        "schedule": crontab(hour=10, minute=15),
    },
}

# --- notifications ----------------------------------------------------------------------
SMS_BACKEND = env("SMS_BACKEND", default="notifications.sms.TwilioBackend")
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
TWILIO_API_KEY_SID = env("TWILIO_API_KEY_SID", default="")
TWILIO_API_KEY_SECRET = env("TWILIO_API_KEY_SECRET", default="")
TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID", default="")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", default="")
TWILIO_TIMEOUT_SECONDS = env.float("TWILIO_TIMEOUT_SECONDS", default=10.0)
# Django 6.1 mailers: the "default" mailer sends every email (EMAIL_BACKEND picks the class).
# Only the SMTP backend (or a subclass) takes the EMAIL_HOST/PORT/... options; any other
# backend (console, file, locmem, a provider's) would refuse them (InvalidMailer), so it
# gets none.
_smtp_options = {
    "host": env("EMAIL_HOST", default="localhost"),
    "port": env.int("EMAIL_PORT", default=587),
    "username": env("EMAIL_HOST_USER", default=""),
    "password": env("EMAIL_HOST_PASSWORD", default=""),
    "use_tls": env.bool("EMAIL_USE_TLS", default=True),
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}


def mailer_options(backend: str) -> dict:
    from django.core.mail.backends.smtp import EmailBackend
    from django.utils.module_loading import import_string

    return _smtp_options if issubclass(import_string(backend), EmailBackend) else {}


_mail_backend = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": mailer_options(_mail_backend)}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Clinic <no-reply@localhost>")
# Where urgent-inquiry alerts go: comma-separated emails and E.164 mobile numbers.
STAFF_ALERT_EMAILS = env.list("STAFF_ALERT_EMAILS", default=[])
STAFF_ALERT_PHONES = env.list("STAFF_ALERT_PHONES", default=[])
QUIET_HOURS_START = env.int("QUIET_HOURS_START", default=20)
QUIET_HOURS_END = env.int("QUIET_HOURS_END", default=8)
MESSAGE_MAX_ATTEMPTS = env.int("MESSAGE_MAX_ATTEMPTS", default=6)
MESSAGE_STUCK_AFTER_SECONDS = env.int("MESSAGE_STUCK_AFTER_SECONDS", default=300)
# Retry backoff for transient delivery errors: base·2^(n-1) seconds (with jitter), capped.
MESSAGE_RETRY_BASE_SECONDS = env.float("MESSAGE_RETRY_BASE_SECONDS", default=30.0)
MESSAGE_RETRY_MAX_SECONDS = env.float("MESSAGE_RETRY_MAX_SECONDS", default=3600.0)
# Urgent staff alerts: a short, capped backoff, and the urgent sweep (URGENT_SWEEP_SECONDS)
# re-sends one stranded (queued or sending) for longer than URGENT_STUCK_AFTER_SECONDS, so
# an alert lost with the broker or a worker goes out again within a minute.
URGENT_RETRY_BASE_SECONDS = env.float("URGENT_RETRY_BASE_SECONDS", default=5.0)
URGENT_RETRY_MAX_SECONDS = env.float("URGENT_RETRY_MAX_SECONDS", default=30.0)
URGENT_STUCK_AFTER_SECONDS = env.int("URGENT_STUCK_AFTER_SECONDS", default=40)

# --- intake / booking / staff -----------------------------------------------------------
PC_PTSD5_CUTOFF = env.int("PC_PTSD5_CUTOFF", default=3)
SCREENING_LINK_MAX_AGE_DAYS = env.int("SCREENING_LINK_MAX_AGE_DAYS", default=14)
INQUIRY_RATE_LIMIT = env("INQUIRY_RATE_LIMIT", default="5/h")
BOOKING_CHANGE_CUTOFF_HOURS = env.int("BOOKING_CHANGE_CUTOFF_HOURS", default=24)
BOOKING_REMINDER_OFFSETS_HOURS = [
    int(h) for h in env.list("BOOKING_REMINDER_OFFSETS_HOURS", default=["24", "2"])
]
# Waitlist: how long an offered time is held for the couple, from the moment it is sent;
# and how far ahead (days) someone may ask to stay on the list.
WAITLIST_OFFER_HOLD_MINUTES = env.int("WAITLIST_OFFER_HOLD_MINUTES", default=30)
WAITLIST_MAX_DAYS = env.int("WAITLIST_MAX_DAYS", default=120)
RESPONSE_DUE_BUSINESS_HOURS = {
    "urgent": env.int("RESPONSE_DUE_URGENT_HOURS", default=1),
    "medical_review": env.int("RESPONSE_DUE_MEDICAL_REVIEW_HOURS", default=8),
    "standard": env.int("RESPONSE_DUE_STANDARD_HOURS", default=8),
    "not_eligible": env.int("RESPONSE_DUE_NOT_ELIGIBLE_HOURS", default=8),
}
RETENTION_MONTHS = env.int("RETENTION_MONTHS", default=24)

# --- logging: never health data; request bodies are never logged ------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "filters": {
        "redact_private_links": {"()": "clinic_site.log_redaction.RedactPrivateLinksFilter"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_private_links"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR"},
        # Request paths are logged for 4xx/5xx (django.request) and by runserver
        # (django.server): route both through the console handler's token redaction.
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

WHITENOISE_USE_FINDERS = True
