"""Fixtures for the outbox: the locmem SMS outbox, the fake Twilio server, signed webhooks,
(the Celery app and workers on the real Redis: the plugin tests/notifications/workers.py)."""

import pytest
from django.urls import reverse
from twilio.request_validator import RequestValidator

from notifications import sms
from notifications.testing.fake_twilio import FakeTwilioServer


@pytest.fixture
def sms_outbox():
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def no_quiet_hours(settings):
    """Tests that are not about quiet hours must not depend on the hour they run at."""
    settings.QUIET_HOURS_START = 0
    settings.QUIET_HOURS_END = 0


@pytest.fixture
def fake_twilio(settings, no_quiet_hours):
    """A running fake Twilio server, with SMS_BACKEND pointing the real SDK at it."""
    with FakeTwilioServer() as server:
        for name, value in server.settings().items():
            setattr(settings, name, value)
        settings.TWILIO_TIMEOUT_SECONDS = 1.0
        settings.SITE_URL = "https://clinic.example"
        yield server


@pytest.fixture
def twilio_post(client, settings):
    """POST to a webhook the way Twilio does: form body plus X-Twilio-Signature.

    `sign_url` / `sign_data` let a test sign something other than what it sends.
    """
    settings.TWILIO_AUTH_TOKEN = settings.TWILIO_AUTH_TOKEN or "webhook-test-auth-token"
    settings.SITE_URL = "https://clinic.example"

    def post(name, data, *, query="", sign_url=None, sign_data=None, signature=None, token=None):
        path = reverse(f"notifications:{name}") + (f"?{query}" if query else "")
        url = sign_url or settings.SITE_URL + path
        validator = RequestValidator(token or settings.TWILIO_AUTH_TOKEN)
        if signature is None:
            signature = validator.compute_signature(url, sign_data if sign_data else data)
        headers = {"X-Twilio-Signature": signature} if signature else {}
        return client.post(path, data, headers=headers)

    return post
