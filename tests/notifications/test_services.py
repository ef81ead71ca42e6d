"""The outbox services with the locmem SMS backend, locmem email and eager tasks."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction

from clinic_site.crypto import lookup_hash
from notifications.models import Message, SmsOptOut
from notifications.services import (
    message_create,
    message_deliver,
    messages_cancel,
    messages_resend,
    messages_sweep,
    sms_opt_out,
    staff_alert_send,
)

PACIFIC = ZoneInfo("America/Los_Angeles")
PHONE = "+19495550123"
BOOKING_CONTEXT = {
    "when": "Tuesday 9 December at 10:00 am Pacific time",
    "where": "Irvine office",
    "manage_link": "https://clinic.example/book/manage/abc?x=1&y=2",
}

pytestmark = pytest.mark.usefixtures("no_quiet_hours")


@pytest.fixture
def person(db):
    return get_user_model().objects.create_user(username="related-object", password="x" * 16)


def create_sms(key="booking 1 confirmed", **overrides):
    params = {
        "channel": "sms",
        "to": PHONE,
        "template_key": "booking_confirmed",
        "context": BOOKING_CONTEXT,
        "idempotency_key": key,
    }
    return message_create(**(params | overrides))


def test_a_text_is_sent_once_after_the_callers_transaction_commits(
    db, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = create_sms()
        assert sms_outbox == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert [s.to for s in sms_outbox] == [PHONE]
    assert message.provider_message_id == sms_outbox[0].sid
    assert sms_outbox[0].body.startswith("MC Office: your appointment is confirmed")
    assert "https://clinic.example/book/manage/abc?x=1&y=2" in sms_outbox[0].body  # not &amp;
    assert sms_outbox[0].status_callback.endswith(
        f"/notifications/twilio/status/?message={message.pk}"
    )


@pytest.mark.django_db(transaction=True)
def test_nothing_is_stored_or_sent_when_the_callers_transaction_rolls_back(sms_outbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        create_sms()
        raise RuntimeError("the booking failed")
    assert Message.objects.count() == 0
    assert sms_outbox == []


def test_the_same_idempotency_key_returns_the_existing_message(
    db, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = create_sms()
    with django_capture_on_commit_callbacks(execute=True):
        second = create_sms(context={**BOOKING_CONTEXT, "when": "another time"})
    assert second.pk == first.pk
    assert second.body == first.body
    assert Message.objects.count() == 1
    assert len(sms_outbox) == 1


def test_the_recipient_and_body_are_encrypted_at_rest(db, django_capture_on_commit_callbacks):
    message = create_sms()
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT recipient_columns FROM (SELECT "to" || body AS recipient_columns '
            "FROM notifications_message WHERE id = %s) AS m",
            [message.pk],
        )
        raw = cursor.fetchone()[0]
    assert "9495550123" not in raw and "Irvine" not in raw
    assert message.to_hash == lookup_hash("phone", PHONE)
    assert Message.objects.get(pk=message.pk).to == PHONE


@pytest.mark.parametrize(
    ("channel", "to"), [("sms", "555-1234"), ("sms", "not a phone"), ("email", "no-at-sign")]
)
def test_an_invalid_recipient_is_refused_and_nothing_is_stored(db, channel, to):
    with pytest.raises(ValueError):
        create_sms(channel=channel, to=to)
    assert Message.objects.count() == 0


def test_a_missing_template_is_refused(db):
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        create_sms(template_key="no_such_template")
    assert Message.objects.count() == 0


def test_an_email_has_subject_text_and_html(db, django_capture_on_commit_callbacks, person):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_create(
            channel="email",
            to="Partner@Example.com",
            template_key="screening_link",
            context={"link": "https://clinic.example/q/tok?a=1&b=2"},
            idempotency_key="screening 7 link email",
            related=person,
        )
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.related == person
    [email] = mail.outbox
    assert email.to == ["partner@example.com"]
    assert email.subject == "MC Office: your private link"
    assert "https://clinic.example/q/tok?a=1&b=2" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://clinic.example/q/tok?a=1&amp;b=2"' in html


def test_an_opted_out_number_gets_the_email_fallback_instead(
    db, sms_outbox, django_capture_on_commit_callbacks
):
    sms_opt_out(phone=PHONE, keyword="STOP")
    with django_capture_on_commit_callbacks(execute=True):
        message = create_sms(fallback_email="couple@example.com")
    message.refresh_from_db()
    assert sms_outbox == []
    assert message.channel == Message.Channel.EMAIL
    assert message.status == Message.Status.SENT
    assert "opted out" in message.last_error
    assert mail.outbox[0].to == ["couple@example.com"]
    assert mail.outbox[0].subject == "MC Office: your appointment is confirmed"


def test_an_opted_out_number_without_email_is_never_texted_and_staff_see_why(
    db, sms_outbox, django_capture_on_commit_callbacks
):
    sms_opt_out(phone=PHONE, keyword="STOP")
    with django_capture_on_commit_callbacks(execute=True):
        message = create_sms()
    message.refresh_from_db()
    assert sms_outbox == [] and mail.outbox == []
    assert message.status == Message.Status.FAILED
    assert "opted out" in message.last_error


def test_a_stop_that_arrives_before_delivery_switches_to_the_fallback_email(
    db, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = create_sms(fallback_email="couple@example.com")
    sms_opt_out(phone=PHONE, keyword="STOP")
    with django_capture_on_commit_callbacks(execute=True):
        message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.CANCELLED
    assert sms_outbox == []
    fallback = Message.objects.get(channel="email")
    assert fallback.status == Message.Status.SENT
    assert fallback.idempotency_key == "booking 1 confirmed email-fallback"
    assert mail.outbox[0].to == ["couple@example.com"]


def test_messages_cancel_cancels_only_queued_ones_for_that_object_and_prefix(
    db, sms_outbox, person, django_capture_on_commit_callbacks
):
    other = get_user_model().objects.create_user(username="other", password="x" * 16)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        create_sms(key="appointment 5 confirmed", related=person)  # sent at once
        for hours in (24, 2):
            create_sms(
                key=f"appointment 5 reminder {hours}h",
                template_key="booking_reminder",
                related=person,
                scheduled_for=later - dt.timedelta(hours=hours),
            )
        create_sms(key="appointment 6 reminder 24h", related=other, scheduled_for=later)

    assert messages_cancel(related=person, key_prefix="appointment 5 reminder") == 2
    statuses = dict(Message.objects.values_list("idempotency_key", "status"))
    assert statuses == {
        "appointment 5 confirmed": "sent",
        "appointment 5 reminder 24h": "cancelled",
        "appointment 5 reminder 2h": "cancelled",
        "appointment 6 reminder 24h": "queued",
    }
    with time_machine.travel(later + dt.timedelta(minutes=1), tick=False):
        assert messages_sweep() == 1  # only the other object's reminder is still due
    assert len(sms_outbox) == 2


def test_staff_alerts_go_to_every_on_call_address_even_in_quiet_hours(
    db, settings, sms_outbox, person, django_capture_on_commit_callbacks
):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    three_am = dt.datetime(2026, 12, 2, 3, 0, tzinfo=PACIFIC)
    with (
        time_machine.travel(three_am, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        messages = staff_alert_send(reference_code="KC-7Q4M2", related=person)
        again = staff_alert_send(reference_code="KC-7Q4M2", related=person)
    assert {m.pk for m in messages} == {m.pk for m in again}
    assert sorted(m.channel for m in messages) == ["email", "sms"]
    assert all(m.urgent and m.related == person for m in messages)
    assert [s.body for s in sms_outbox] == ["Urgent inquiry KC-7Q4M2 — please open the admin."]
    assert mail.outbox[0].to == ["oncall@clinic.test"]
    assert mail.outbox[0].subject == "Urgent inquiry KC-7Q4M2"
    assert "oncall" not in "".join(m.idempotency_key for m in messages)


def test_a_non_urgent_text_in_quiet_hours_waits_for_8_am_pacific(
    db, settings, sms_outbox, django_capture_on_commit_callbacks
):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    evening = dt.datetime(2026, 12, 1, 21, 30, tzinfo=PACIFIC)
    with time_machine.travel(evening, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            text = create_sms()
            email = create_sms(key="booking 1 confirmed email", channel="email", to="a@b.example")
        assert sms_outbox == []  # the text waits
        assert len(mail.outbox) == 1  # email is not held back
    text.refresh_from_db()
    assert text.status == Message.Status.QUEUED
    assert text.scheduled_for == dt.datetime(2026, 12, 2, 8, 0, tzinfo=PACIFIC)
    assert email.scheduled_for <= evening

    with time_machine.travel(dt.datetime(2026, 12, 2, 7, 59, tzinfo=PACIFIC), tick=False):
        assert messages_sweep() == 0
    with time_machine.travel(dt.datetime(2026, 12, 2, 8, 0, 30, tzinfo=PACIFIC), tick=False):
        assert messages_sweep() == 1
    assert len(sms_outbox) == 1
    assert sms_outbox[0].sent_at.astimezone(PACIFIC).hour == 8


def test_a_scheduled_reminder_is_sent_by_the_sweep_when_due_and_only_once(db, sms_outbox):
    due = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    message = create_sms(key="appointment 9 reminder 2h", scheduled_for=due)
    assert message.dispatched_at is None
    with time_machine.travel(due - dt.timedelta(seconds=1), tick=False):
        assert messages_sweep() == 0
    with time_machine.travel(due + dt.timedelta(seconds=30), tick=False):
        assert messages_sweep() == 1
        assert messages_sweep() == 0
    assert len(sms_outbox) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_the_sweep_requeues_a_message_whose_worker_died_mid_send(db, settings, sms_outbox):
    settings.MESSAGE_STUCK_AFTER_SECONDS = 300
    message = create_sms()
    start = dt.datetime.now(dt.UTC)
    # A worker claimed it and died before recording a result.
    Message.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, sending_started_at=start
    )
    with time_machine.travel(start + dt.timedelta(seconds=299), tick=False):
        assert messages_sweep() == 0
    with time_machine.travel(start + dt.timedelta(seconds=301), tick=False):
        assert messages_sweep() == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 2
    assert len(sms_outbox) == 1


def test_the_sweep_fails_a_stuck_message_that_has_used_all_its_attempts(db, settings, sms_outbox):
    settings.MESSAGE_MAX_ATTEMPTS = 3
    message = create_sms()
    start = dt.datetime.now(dt.UTC)
    Message.objects.filter(pk=message.pk).update(
        status="sending", attempts=3, sending_started_at=start
    )
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        assert messages_sweep() == 0
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "No result" in message.last_error
    assert sms_outbox == []


@pytest.mark.parametrize("status", ["sending", "sent", "delivered", "failed", "cancelled"])
def test_delivery_refuses_a_message_that_is_not_queued(db, sms_outbox, status):
    message = create_sms()
    Message.objects.filter(pk=message.pk).update(status=status)
    assert message_deliver(message_id=message.pk) is None
    assert sms_outbox == []
    assert Message.objects.get(pk=message.pk).status == status


def test_resend_queues_failed_messages_again_with_a_fresh_attempt_budget(
    db, sms_outbox, django_capture_on_commit_callbacks
):
    failed = create_sms(key="a")
    sent = create_sms(key="b")
    Message.objects.filter(pk=failed.pk).update(status="failed", attempts=6, last_error="boom")
    Message.objects.filter(pk=sent.pk).update(status="sent")
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_resend(message_ids=[failed.pk, sent.pk]) == 1
    failed.refresh_from_db()
    assert failed.status == Message.Status.SENT
    assert failed.attempts == 1
    assert len(sms_outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_deliveries_of_one_message_send_it_exactly_once(sms_outbox):
    messages = [create_sms(key=f"race {i}") for i in range(5)]
    Message.objects.update(dispatched_at=None)
    barrier = threading.Barrier(8)
    errors = []

    def deliver_all():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            for message in messages:
                message_deliver(message_id=message.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=deliver_all) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(sms_outbox) == 5
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}


def test_an_opt_out_is_stored_as_a_hash_only(db):
    sms_opt_out(phone="(949) 555-0123", keyword="STOP")
    row = SmsOptOut.objects.get()
    assert row.phone_hash == lookup_hash("phone", PHONE)
    stored = " ".join(str(value) for value in row.__dict__.values())
    # The number's own digits, not "555" alone: a timestamp's microseconds may hold "555".
    assert "5550123" not in stored.replace("-", "")
    assert "555-0123" not in stored


def test_the_sweep_task_is_registered_and_on_the_beat_schedule(db, settings):
    from clinic_site.celery import app

    task_name = settings.CELERY_BEAT_SCHEDULE["notifications-sweep"]["task"]
    assert task_name == "notifications.tasks.sweep_outbox"
    app.loader.import_default_modules()
    assert {task_name, "notifications.tasks.deliver_message"} <= set(app.tasks)


@pytest.mark.django_db
def test_an_urgent_alert_with_no_on_call_recipient_is_logged_as_an_error(settings, caplog):
    from notifications.services import staff_alert_send

    settings.STAFF_ALERT_EMAILS = []
    settings.STAFF_ALERT_PHONES = []
    with caplog.at_level("ERROR", logger="notifications.services"):
        assert staff_alert_send(reference_code="KC-7Q4M2", related=None) == []
    assert "no on-call recipients" in caplog.text
    assert "KC-7Q4M2" in caplog.text


def test_an_urgent_alert_goes_out_even_when_the_sender_name_says_a_health_word(
    db, settings, sms_outbox, person, django_capture_on_commit_callbacks
):
    """Issue 12: the discretion check once blocked the on-call email through the name."""
    from pages.models import SiteSettings

    SiteSettings.load()
    # As if saved before the name was validated (the admin now refuses it).
    SiteSettings.objects.update(short_name="Ketamine Therapy Clinic", phone="555-THERAPY")
    SiteSettings.objects.get().save()  # clears the cached row
    with django_capture_on_commit_callbacks(execute=True):
        messages = staff_alert_send(reference_code="KC-7Q4M2", related=person)
    assert sorted((m.channel, Message.objects.get(pk=m.pk).status) for m in messages) == [
        ("email", Message.Status.SENT),
        ("sms", Message.Status.SENT),
    ]
    [email] = mail.outbox
    for text in (email.subject, email.body, email.alternatives[0][0], sms_outbox[0].body):
        assert "KC-7Q4M2" in text
        assert "Ketamine" not in text and "THERAPY" not in text


def test_an_urgent_alert_whose_template_fails_goes_out_as_fixed_minimal_text_and_logs_an_error(
    db, settings, sms_outbox, person, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from notifications import services

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(services, "email_render", broken)
    monkeypatch.setattr(services, "sms_render", broken)
    with (
        caplog.at_level("ERROR", logger="notifications.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        messages = staff_alert_send(reference_code="KC-7Q4M2", related=person)
    assert {Message.objects.get(pk=m.pk).status for m in messages} == {Message.Status.SENT}
    assert [s.body for s in sms_outbox] == ["Urgent inquiry KC-7Q4M2 - please open the admin."]
    assert mail.outbox[0].subject == "Urgent inquiry KC-7Q4M2"
    assert mail.outbox[0].body == "Urgent inquiry KC-7Q4M2 - please open the admin.\n"
    assert "template failed; sending the minimal text" in caplog.text


def test_an_urgent_alert_text_never_carries_anything_but_a_reference_code(
    db, sms_outbox, person, django_capture_on_commit_callbacks, monkeypatch
):
    from notifications import services

    monkeypatch.setattr(services, "sms_render", lambda *a, **k: "Jordan has a ketamine plan")
    monkeypatch.setattr(services, "email_render", lambda *a, **k: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        staff_alert_send(reference_code="Jordan, PHQ-9 item 9", related=person)
    assert [s.body for s in sms_outbox] == ["Urgent inquiry - please open the admin."]
    assert mail.outbox[0].subject == "Urgent inquiry"
