"""SMS backends, chosen by settings.SMS_BACKEND like Django's EMAIL_BACKEND.

- ConsoleBackend (dev): prints each text to stdout.
- LocmemBackend (tests): appends to `outbox` (clear it between tests; never reassign it).
- TwilioBackend (production): the real Twilio SDK. Pass `http_client=` to point it elsewhere.

Every backend raises only SmsError, which says whether retrying could help.
"""

from __future__ import annotations

import re
import sys
import threading
import uuid
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    """Sending failed. permanent=True: retrying cannot help (bad number, opted out)."""

    def __init__(self, message: str, *, permanent: bool, code: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.code = code


# Twilio error codes that mean this number can never receive this text.
# 21211 invalid "To"; 21610 recipient replied STOP; 21612/21408 cannot route to the number;
# 21614 not a mobile number; 21217 phone number not valid; 21606 invalid "From" for "To".
TWILIO_PERMANENT_CODES = frozenset({21211, 21217, 21408, 21606, 21610, 21612, 21614})


@dataclass
class SentSms:
    """A text recorded by LocmemBackend."""

    to: str
    body: str
    status_callback: str = ""
    sid: str = field(default_factory=lambda: f"SMlocmem{uuid.uuid4().hex[:24]}")
    sent_at: object = field(default_factory=timezone.now)


outbox: list[SentSms] = []


class BaseSmsBackend:
    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        """Send one text and return the provider's message id; raise SmsError on failure."""
        raise NotImplementedError

    def is_current(self) -> bool:
        """False once this instance should not be reused (see sms_backend())."""
        return True


class ConsoleBackend(BaseSmsBackend):
    """Development: write each text to stdout instead of sending it."""

    def __init__(self, *, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        sid = f"SMconsole{uuid.uuid4().hex[:22]}"
        self.stream.write(f"--- SMS to {to} ({sid}) ---\n{body}\n---\n")
        self.stream.flush()
        return sid


class LocmemBackend(BaseSmsBackend):
    """Tests: keep texts in memory, in `notifications.sms.outbox` (also LocmemBackend.outbox)."""

    outbox = outbox

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        record = SentSms(to=to, body=body, status_callback=status_callback)
        outbox.append(record)
        return record.sid


class TwilioBackend(BaseSmsBackend):
    """Production: Twilio's Messages API through the official SDK.

    Credentials come from settings: TWILIO_ACCOUNT_SID plus either TWILIO_API_KEY_SID /
    TWILIO_API_KEY_SECRET or TWILIO_AUTH_TOKEN; the sender is TWILIO_MESSAGING_SERVICE_SID or
    TWILIO_FROM_NUMBER.
    """

    def __init__(self, *, http_client=None):
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        account_sid = settings.TWILIO_ACCOUNT_SID
        if not account_sid:
            raise ImproperlyConfigured("TWILIO_ACCOUNT_SID is not set")
        if settings.TWILIO_API_KEY_SID and settings.TWILIO_API_KEY_SECRET:
            username, password = settings.TWILIO_API_KEY_SID, settings.TWILIO_API_KEY_SECRET
        elif settings.TWILIO_AUTH_TOKEN:
            username, password = account_sid, settings.TWILIO_AUTH_TOKEN
        else:
            raise ImproperlyConfigured(
                "Set TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET, or TWILIO_AUTH_TOKEN"
            )
        if not (settings.TWILIO_MESSAGING_SERVICE_SID or settings.TWILIO_FROM_NUMBER):
            raise ImproperlyConfigured("Set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER")
        if http_client is None:
            http_client = TwilioHttpClient(timeout=settings.TWILIO_TIMEOUT_SECONDS)
        self.client = Client(username, password, account_sid, http_client=http_client)

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        from twilio.base.exceptions import (
            TwilioException,
            TwilioRestException,
            TwilioServiceException,
        )

        params: dict[str, str] = {"to": to, "body": body}
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            params["messaging_service_sid"] = settings.TWILIO_MESSAGING_SERVICE_SID
        else:
            params["from_"] = settings.TWILIO_FROM_NUMBER
        if status_callback:
            params["status_callback"] = status_callback
        try:
            created = self.client.messages.create(**params)
        except (TwilioRestException, TwilioServiceException) as exc:
            raise twilio_error(exc) from exc
        except requests.Timeout as exc:
            raise SmsError("Twilio did not answer in time", permanent=False) from exc
        except requests.RequestException as exc:
            raise SmsError(f"network error: {type(exc).__name__}", permanent=False) from exc
        except TwilioException as exc:
            raise SmsError(f"Twilio error: {exc}", permanent=False) from exc
        return created.sid


_PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{5,}\d")


def twilio_error(exc) -> SmsError:
    """Classify a Twilio API error: 429/5xx and auth problems retry, bad numbers do not.

    Twilio's messages can quote the phone number; it is masked before the text is stored.
    """
    status = int(getattr(exc, "status", 0) or 0)
    code = getattr(exc, "code", None)
    code = code if isinstance(code, int) and code != status else None
    detail = getattr(exc, "msg", None) or getattr(exc, "detail", None) or ""
    detail = _PHONE_LIKE.sub("[number]", str(detail))[:200]
    text = f"Twilio HTTP {status}" + (f" error {code}" if code else "") + f": {detail}"
    if code in TWILIO_PERMANENT_CODES:
        return SmsError(text, permanent=True, code=code)
    # 401/403: our credentials or account, not this message; retrying after a fix can work.
    if status == 429 or status >= 500 or status in (401, 403, 408):
        return SmsError(text, permanent=False, code=code)
    return SmsError(text, permanent=status >= 400, code=code)


def get_sms_backend(path: str | None = None, **kwargs) -> BaseSmsBackend:
    """A new instance of the backend named by settings.SMS_BACKEND (or `path`)."""
    backend_class = import_string(path or settings.SMS_BACKEND)
    return backend_class(**kwargs)


_per_thread = threading.local()
_BACKEND_SETTINGS = (
    "SMS_BACKEND",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY_SID",
    "TWILIO_API_KEY_SECRET",
    "TWILIO_MESSAGING_SERVICE_SID",
    "TWILIO_FROM_NUMBER",
    "TWILIO_TIMEOUT_SECONDS",
)


def sms_backend() -> BaseSmsBackend:
    """The configured backend, one instance per thread, rebuilt when the settings change.

    Reusing it keeps the HTTPS connection to Twilio open between messages instead of a new
    TLS handshake per text (requests.Session is not thread-safe, hence one per thread).
    """
    key = tuple(getattr(settings, name) for name in _BACKEND_SETTINGS)
    cached = getattr(_per_thread, "backend", None)
    if cached is None or cached[0] != key or not cached[1].is_current():
        cached = (key, get_sms_backend())
        _per_thread.backend = cached
    return cached[1]
