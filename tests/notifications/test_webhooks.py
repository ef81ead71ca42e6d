"""Twilio webhooks through the test client, signed with the SDK's RequestValidator."""

import pytest
from django.core import mail

from clinic_site.crypto import lookup_hash
from notifications.models import Message, SmsOptOut
from notifications.services import message_create

PHONE = "+19495550123"
pytestmark = pytest.mark.usefixtures("no_quiet_hours")


def create_text(key="booking 3 reminder", **extra):
    return message_create(
        channel="sms",
        to=PHONE,
        template_key="booking_reminder",
        context={
            "when": "tomorrow at 10:00 am Pacific time",
            "where": "Irvine office",
            "manage_link": "https://clinic.example/book/manage/t",
        },
        idempotency_key=key,
        **extra,
    )


@pytest.fixture
def sent_text(db, fake_twilio, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = create_text()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    return message


def status_form(message, status, **extra):
    return {
        "MessageSid": message.provider_message_id,
        "MessageStatus": status,
        "AccountSid": "AC" + "0" * 32,
        "To": PHONE,
        **extra,
    }


def test_a_signed_status_callback_moves_sent_to_delivered(sent_text, twilio_post):
    response = twilio_post("twilio_status", status_form(sent_text, "delivered"))
    assert response.status_code == 204
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.DELIVERED
    assert sent_text.delivered_at is not None


def test_an_undelivered_callback_fails_the_message_with_the_error_code(sent_text, twilio_post):
    twilio_post("twilio_status", status_form(sent_text, "undelivered", ErrorCode="30003"))
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.FAILED
    assert "30003" in sent_text.last_error


def test_the_callback_url_carries_our_message_id(sent_text, fake_twilio):
    callback = fake_twilio.accepted[0].form["StatusCallback"]
    assert callback == f"https://clinic.example/notifications/twilio/status/?message={sent_text.pk}"


def test_a_callback_that_outruns_our_sent_record_still_finds_the_message(
    db, fake_twilio, twilio_post
):
    message = create_text(key="outrun")
    # The worker has sent it but not yet recorded Twilio's id when the callback arrives.
    Message.objects.filter(pk=message.pk).update(status="sending")
    form = {"MessageSid": "SM" + "a" * 32, "MessageStatus": "delivered"}
    response = twilio_post("twilio_status", form, query=f"message={message.pk}")
    assert response.status_code == 204
    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED
    assert message.provider_message_id == "SM" + "a" * 32


def test_a_callback_naming_another_messages_twilio_id_changes_nothing(sent_text, twilio_post):
    form = {"MessageSid": "SM" + "b" * 32, "MessageStatus": "delivered"}
    twilio_post("twilio_status", form, query=f"message={sent_text.pk}")
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.SENT


def test_a_late_sent_callback_does_not_move_delivered_backwards(sent_text, twilio_post):
    twilio_post("twilio_status", status_form(sent_text, "delivered"))
    twilio_post("twilio_status", status_form(sent_text, "sent"))
    twilio_post("twilio_status", status_form(sent_text, "failed"))
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.DELIVERED


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param({"signature": ""}, id="missing signature"),
        pytest.param({"signature": "bm90IGEgc2lnbmF0dXJl"}, id="garbage signature"),
        pytest.param({"token": "someone-elses-token"}, id="signed with another token"),
        pytest.param(
            {"sign_url": "https://evil.example/notifications/twilio/status/"}, id="other URL"
        ),
        pytest.param({"tamper": "MessageStatus"}, id="tampered body"),
        pytest.param(
            {"sign_url": "https://clinic.example/notifications/twilio/status/?message=1"},
            id="tampered query",
        ),
    ],
)
def test_a_bad_signature_is_refused_and_changes_nothing(sent_text, twilio_post, forge):
    form = status_form(sent_text, "delivered")
    kwargs = dict(forge)
    if kwargs.pop("tamper", None):
        # Signed as "sent", delivered as "delivered".
        kwargs["sign_data"] = status_form(sent_text, "sent")
    response = twilio_post("twilio_status", form, **kwargs)
    assert response.status_code == 403
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.SENT


def test_webhooks_refuse_everything_when_no_auth_token_is_configured(db, twilio_post, settings):
    form = {"From": PHONE, "Body": "STOP"}
    response = twilio_post("twilio_inbound", form, token="whatever")
    assert response.status_code == 403  # signed with a token, but we have none to check
    settings.TWILIO_AUTH_TOKEN = ""
    assert twilio_post("twilio_inbound", form, token="whatever").status_code == 403
    assert SmsOptOut.objects.count() == 0


def test_a_get_changes_nothing(db, client):
    assert (
        client.get("/notifications/twilio/inbound/?From=%2B19495550123&Body=STOP").status_code
        == 405
    )
    assert SmsOptOut.objects.count() == 0


def test_stop_then_a_send_uses_email_and_never_texts(
    db, fake_twilio, twilio_post, django_capture_on_commit_callbacks
):
    response = twilio_post("twilio_inbound", {"From": PHONE, "To": "+19495550199", "Body": "Stop"})
    assert response.status_code == 200
    assert SmsOptOut.objects.filter(phone_hash=lookup_hash("phone", PHONE)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        message = create_text(key="after stop", fallback_email="couple@example.com")
    assert fake_twilio.requests == []
    message.refresh_from_db()
    assert message.channel == Message.Channel.EMAIL and message.status == Message.Status.SENT
    assert mail.outbox[0].to == ["couple@example.com"]


def test_start_opts_the_number_back_in(
    db, fake_twilio, twilio_post, django_capture_on_commit_callbacks
):
    twilio_post("twilio_inbound", {"From": PHONE, "Body": "STOP"})
    twilio_post("twilio_inbound", {"From": PHONE, "Body": "START"})
    assert SmsOptOut.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        create_text(key="after start")
    assert fake_twilio.accepted_count() == 1


def test_help_replies_with_the_clinic_phone(db, twilio_post):
    from pages.models import SiteSettings

    response = twilio_post("twilio_inbound", {"From": PHONE, "Body": "help"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    body = response.content.decode()
    assert "<Message>" in body and SiteSettings.load().phone in body
    assert SmsOptOut.objects.count() == 0


def test_any_other_text_is_answered_but_not_stored(db, twilio_post):
    response = twilio_post(
        "twilio_inbound", {"From": PHONE, "Body": "Cancel my appointment, I feel awful"}
    )
    assert response.status_code == 200
    assert "does not read replies" in response.content.decode()
    assert SmsOptOut.objects.count() == 0
    assert Message.objects.count() == 0


def test_webhooks_need_no_csrf_token_only_the_signature(db, settings):
    from django.test import Client
    from django.urls import reverse
    from twilio.request_validator import RequestValidator

    settings.TWILIO_AUTH_TOKEN = "csrf-test-token"
    settings.SITE_URL = "https://clinic.example"
    path = reverse("notifications:twilio_inbound")
    form = {"From": PHONE, "Body": "STOP"}
    signature = RequestValidator("csrf-test-token").compute_signature(
        "https://clinic.example" + path, form
    )
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, form, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200
    assert SmsOptOut.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("twilio_status", "MessageSid", "SM\x00abc"),
        ("twilio_status", "ErrorCode", "300\x0003"),
        ("twilio_inbound", "From", "+1949555\x000123"),
        ("twilio_inbound", "Body", "STOP\x00"),
        ("twilio_inbound", "OptOutType", "\x00"),
    ],
)
def test_a_validly_signed_callback_with_a_nul_byte_is_a_400_and_changes_nothing(
    sent_text, twilio_post, name, field, value
):
    form = (
        status_form(sent_text, "delivered")
        if name == "twilio_status"
        else {"From": PHONE, "Body": "STOP"}
    )
    response = twilio_post(name, {**form, field: value})
    assert response.status_code == 400
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.SENT
    assert SmsOptOut.objects.count() == 0


def test_a_nul_byte_in_the_callback_query_is_a_400(sent_text, twilio_post):
    response = twilio_post(
        "twilio_status", status_form(sent_text, "delivered"), query="message=1%00"
    )
    assert response.status_code == 400


def test_a_message_id_that_only_looks_like_a_number_is_ignored_not_a_500(sent_text, twilio_post):
    response = twilio_post(
        "twilio_status", status_form(sent_text, "delivered"), query="message=%C2%B2"
    )
    assert response.status_code == 204
    sent_text.refresh_from_db()
    assert sent_text.status == Message.Status.DELIVERED  # found by its Twilio id instead
