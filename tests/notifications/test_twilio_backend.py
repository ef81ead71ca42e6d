"""TwilioBackend: the real twilio SDK talking HTTP to our fake Twilio server on 127.0.0.1."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from notifications.models import Message
from notifications.services import message_create, messages_sweep
from notifications.sms import SmsError, TwilioBackend, get_sms_backend
from notifications.tasks import deliver_message
from notifications.testing.fake_twilio import MESSAGING_SERVICE_SID

PHONE = "+19495550123"


def create_text(key="t1", to=PHONE, **extra):
    return message_create(
        channel="sms",
        to=to,
        template_key="staff_urgent_alert",
        context={"reference_code": "KC-7Q4M2"},
        idempotency_key=key,
        **extra,
    )


def test_the_sdk_request_carries_to_body_sender_callback_and_credentials(fake_twilio):
    sid = get_sms_backend().send(
        to=PHONE, body="hello", status_callback="https://clinic.example/cb"
    )
    [request] = fake_twilio.requests
    assert request.authorized
    assert request.path.endswith("/Messages.json")
    assert request.form == {
        "To": PHONE,
        "Body": "hello",
        "MessagingServiceSid": MESSAGING_SERVICE_SID,
        "StatusCallback": "https://clinic.example/cb",
    }
    assert sid == fake_twilio.accepted[0].sid and sid.startswith("SM")


def test_a_from_number_is_used_without_a_messaging_service(fake_twilio, settings):
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    settings.TWILIO_FROM_NUMBER = "+19495550199"
    get_sms_backend().send(to=PHONE, body="hello")
    assert fake_twilio.requests[0].form["From"] == "+19495550199"
    assert "MessagingServiceSid" not in fake_twilio.requests[0].form


def test_missing_credentials_are_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.TWILIO_ACCOUNT_SID = ""
    with pytest.raises(ImproperlyConfigured):
        TwilioBackend()


@pytest.mark.parametrize(
    ("arrange", "permanent"),
    [
        (lambda fake: fake.fail_next(1, status=500), False),
        (lambda fake: fake.fail_next(1, status=503), False),
        (lambda fake: fake.fail_next(1, status=429, code=20429), False),
        (lambda fake: fake.hang_next(1, seconds=1.5), False),  # client timeout is 1 s
        (lambda fake: fake.reject_number(PHONE, code=21211), True),
        (lambda fake: fake.reject_number(PHONE, code=21610), True),
    ],
    ids=["500", "503", "429", "hangs past the timeout", "21211 invalid To", "21610 opted out"],
)
def test_errors_from_twilio_say_whether_they_are_permanent(fake_twilio, arrange, permanent):
    arrange(fake_twilio)
    with pytest.raises(SmsError) as caught:
        get_sms_backend().send(to=PHONE, body="hello")
    assert caught.value.permanent is permanent
    assert "9495550123" not in str(caught.value)
    assert fake_twilio.accepted == []


def test_an_unreachable_twilio_is_a_transient_error(fake_twilio):
    backend = get_sms_backend()
    fake_twilio.stop()
    with pytest.raises(SmsError) as caught:
        backend.send(to=PHONE, body="hello")
    assert caught.value.permanent is False


def test_transient_failures_retry_with_backoff_until_one_accepted_send(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.MESSAGE_RETRY_BASE_SECONDS = 30
    fake_twilio.fail_next(1, status=500)
    fake_twilio.fail_next(1, status=429)
    start = dt.datetime(2026, 6, 1, 18, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            message = create_text()
        message.refresh_from_db()
        assert message.status == Message.Status.QUEUED
        assert message.attempts == 1
        assert "Twilio HTTP 500" in message.last_error
        first_retry = message.scheduled_for - start
        assert dt.timedelta(seconds=15) <= first_retry <= dt.timedelta(seconds=30)

    with time_machine.travel(message.scheduled_for + dt.timedelta(seconds=1), tick=False):
        deliver_message.delay(message.pk)  # the retry task, due now (eager in these tests)
        message.refresh_from_db()
        assert message.attempts == 2
        assert "429" in message.last_error
        second_retry = message.scheduled_for - (start + first_retry)
        assert dt.timedelta(seconds=30) <= second_retry <= dt.timedelta(seconds=61)

    with time_machine.travel(message.scheduled_for + dt.timedelta(seconds=1), tick=False):
        deliver_message.delay(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 3
    assert fake_twilio.accepted_count() == 1
    assert message.provider_message_id == fake_twilio.accepted[0].sid
    assert len(fake_twilio.requests) == 3


def test_a_permanent_error_fails_at_once_with_the_reason_for_staff(
    db, fake_twilio, django_capture_on_commit_callbacks
):
    fake_twilio.reject_number(PHONE, code=21211)
    with django_capture_on_commit_callbacks(execute=True):
        message = create_text()
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 1
    assert "21211" in message.last_error
    assert "[number]" in message.last_error and "9495550123" not in message.last_error
    assert len(fake_twilio.requests) == 1


def test_a_message_fails_after_the_attempt_limit(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.MESSAGE_MAX_ATTEMPTS = 3
    fake_twilio.fail_next(10, status=503)
    now = dt.datetime(2026, 6, 1, 18, 0, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
        message = create_text()
    for _ in range(5):
        now += dt.timedelta(hours=2)
        with time_machine.travel(now, tick=False):
            messages_sweep()
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 3
    assert message.last_error.startswith("gave up after 3 attempts")
    assert len(fake_twilio.requests) == 3


def test_a_retried_non_urgent_text_never_lands_in_quiet_hours(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    settings.MESSAGE_RETRY_BASE_SECONDS = 600
    fake_twilio.fail_next(1, status=500)
    just_before_8_pm = dt.datetime(2026, 6, 2, 2, 59, tzinfo=dt.UTC)  # 19:59 Pacific (PDT)
    with (
        time_machine.travel(just_before_8_pm, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = create_text(urgent=False)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.scheduled_for == dt.datetime(2026, 6, 2, 15, 0, tzinfo=dt.UTC)  # 8 am PDT
    assert mail.outbox == []


def test_the_backend_is_reused_per_thread_and_rebuilt_when_settings_change(fake_twilio, settings):
    import threading

    from notifications.sms import sms_backend

    first = sms_backend()
    assert sms_backend() is first  # keeps its connection to Twilio open
    other_thread = []
    thread = threading.Thread(target=lambda: other_thread.append(sms_backend()))
    thread.start()
    thread.join()
    assert other_thread[0] is not first
    settings.TWILIO_MESSAGING_SERVICE_SID = "MG" + "2" * 32
    assert sms_backend() is not first


def test_twilio_21610_records_the_opt_out_and_sends_the_fallback_email(
    db, fake_twilio, django_capture_on_commit_callbacks
):
    from notifications.selectors import sms_opted_out

    fake_twilio.reject_number(PHONE, code=21610)  # STOP reached Twilio but not us
    with django_capture_on_commit_callbacks(execute=True):
        message = create_text(fallback_email="oncall@example.com")
    message.refresh_from_db()
    assert message.status == Message.Status.CANCELLED
    assert sms_opted_out(PHONE)
    assert [m.to for m in mail.outbox] == [["oncall@example.com"]]
    with django_capture_on_commit_callbacks(execute=True):
        create_text(key="t2")
    assert len(fake_twilio.requests) == 1  # never tried again


def test_a_misconfigured_backend_is_retried_and_visible_not_stuck(
    db, settings, no_quiet_hours, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "notifications.sms.TwilioBackend"
    settings.TWILIO_ACCOUNT_SID = ""
    with django_capture_on_commit_callbacks(execute=True):
        message = create_text()
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.last_error == "attempt 1: unexpected ImproperlyConfigured"
