"""Writes for the outbox: create, cancel, deliver, sweep, record provider status, opt-outs.

Other apps call message_create / messages_cancel / staff_alert_send inside their own
transaction (docs/CONTRACTS.md); delivery is enqueued only after that transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from clinic_site.crypto import lookup_hash, normalize_email
from clinic_site.discretion import health_words_in
from clinic_site.outage import broker_breaker
from clinic_site.phones import normalize_phone

from .emails import EmailError, email_send
from .models import Message, SmsOptOut
from .quiet_hours import next_allowed_time, send_time_before_deadline
from .rendering import email_render, sms_render
from .retry import retry_delay_seconds
from .selectors import sms_opted_out
from .sms import SmsError, sms_backend

TWILIO_OPTED_OUT = 21610

logger = logging.getLogger(__name__)

Channel = Message.Channel
Status = Message.Status

STAFF_ALERT_TEMPLATE = "staff_urgent_alert"
# What a reference code looks like (intake.models.new_reference_code): the only thing an
# urgent alert's fixed text may carry.
_REFERENCE_CODE = re.compile(r"[A-Z]{2}-[0-9A-Z]{4,8}")


@dataclass(frozen=True)
class MinimalText:
    """A fixed message used when the template cannot be rendered or would be blocked."""

    subject: str
    text: str

    @property
    def html(self) -> str:
        return f"<!doctype html><p>{escape(self.text)}</p>"


# --- creating ---------------------------------------------------------------------------
def _normalized_recipient(channel: str, to: str) -> str:
    if channel == Channel.SMS:
        phone = normalize_phone(to)
        if not phone:
            raise ValueError("not a valid US mobile number")
        return phone
    if channel == Channel.EMAIL:
        email = normalize_email(to)
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValueError("not a valid email address") from exc
        return email
    raise ValueError(f"unknown channel {channel!r}")


def _quiet_hours_adjusted(when: dt.datetime, *, channel: str, urgent: bool) -> dt.datetime:
    if channel != Channel.SMS or urgent:
        return when
    return next_allowed_time(
        when,
        start_hour=settings.QUIET_HOURS_START,
        end_hour=settings.QUIET_HOURS_END,
        tz=settings.CLINIC_TIME_ZONE,
    )


def _send_time(
    when: dt.datetime, *, channel: str, urgent: bool, send_by: dt.datetime | None, now
) -> dt.datetime | None:
    if send_by is None:
        return _quiet_hours_adjusted(when, channel=channel, urgent=urgent)
    if channel != Channel.SMS or urgent:
        return when if when <= send_by else None
    return send_time_before_deadline(
        when,
        deadline=send_by,
        now=now,
        start_hour=settings.QUIET_HOURS_START,
        end_hour=settings.QUIET_HOURS_END,
        tz=settings.CLINIC_TIME_ZONE,
    )


def message_create(
    *,
    channel: str,
    to: str,
    template_key: str,
    context: dict,
    idempotency_key: str,
    related=None,
    scheduled_for: dt.datetime | None = None,
    urgent: bool = False,
    fallback_email: str = "",
    minimal_text: MinimalText | None = None,
    send_by: dt.datetime | None = None,
    language: str = "en",
) -> Message:
    """Render and store one outbound message; deliver it after the caller's transaction commits.

    A second call with the same idempotency_key returns the existing row unchanged. A text to a
    number that opted out (STOP) becomes an email to `fallback_email`, or, without one, a
    failed row that tells staff why; so does a message whose text would mention a health
    word (clinic_site.discretion). Non-urgent texts in quiet hours wait for the morning.
    Raises ValueError for an invalid recipient or a template that renders empty/too long.

    With `send_by` (e.g. a reminder's appointment start) the message is never sent after
    that time: a text that quiet hours would hold past it goes before they begin, or is
    stored as cancelled with the reason; delivery refuses it once the time has passed.

    The message is rendered in `language`, the recipient's (en or es); the discretion check
    covers both languages' health words. Callers build `context` in the same language
    (dates, places, links: under translation.override).

    With `minimal_text` (urgent staff alerts) the message is never blocked: if the template
    fails to render or would be blocked, the fixed minimal text goes out instead and an error
    is logged.
    """
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing

    to = _normalized_recipient(channel, to)
    fallback_email = _normalized_recipient(Channel.EMAIL, fallback_email) if fallback_email else ""
    now = timezone.now()
    status, last_error = Status.QUEUED, ""
    if channel == Channel.SMS and sms_opted_out(to):
        if fallback_email:
            channel, to = Channel.EMAIL, fallback_email
            last_error = "Number opted out of texts (STOP); sent by email instead."
        else:
            status = Status.FAILED
            last_error = "Number opted out of texts (STOP) and no email is on file."

    message = Message(
        channel=channel,
        to=to,
        to_hash=lookup_hash("phone" if channel == Channel.SMS else "email", to),
        template_key=template_key,
        language=language,
        urgent=urgent,
        idempotency_key=idempotency_key,
        status=status,
        last_error=last_error,
        failed_at=now if status == Status.FAILED else None,
    )
    try:
        with translation.override(language):
            _render_into(
                message, template_key=template_key, context=context, fallback_email=fallback_email
            )
        disclosed = _disclosed_words(message)
    except Exception:
        if minimal_text is None:
            raise
        logger.exception("message %r: template failed; sending the minimal text", idempotency_key)
        disclosed = []
        _minimal_into(message, minimal_text, fallback_email=fallback_email)
    if disclosed and minimal_text is not None:
        logger.error(
            "message %r would mention %s; sent the minimal text instead",
            idempotency_key,
            ", ".join(disclosed),
        )
        _minimal_into(message, minimal_text, fallback_email=fallback_email)
    elif disclosed and status == Status.QUEUED:
        # Better a message staff must follow up than one that tells a housemate too much.
        status = message.status = Status.FAILED
        message.failed_at = now
        message.last_error = "Blocked: the message would mention " + ", ".join(disclosed) + "."
        logger.warning("message %r blocked by the discretion check", idempotency_key)

    message.send_by = send_by
    when = _send_time(
        scheduled_for or now, channel=channel, urgent=urgent, send_by=send_by, now=now
    )
    if when is None:
        message.scheduled_for = scheduled_for or now
        if status == Status.QUEUED:
            status = message.status = Status.CANCELLED
            message.last_error = (
                "Not sent: quiet hours would have held it until after it was needed."
            )
    else:
        message.scheduled_for = when
    due_now = status == Status.QUEUED and message.scheduled_for <= now
    message.dispatched_at = now if due_now else None
    if related is not None:
        message.content_type = ContentType.objects.get_for_model(related)
        message.object_id = related.pk

    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Another transaction created the same message first.
        return Message.objects.get(idempotency_key=idempotency_key)
    if due_now:
        message_enqueue_on_commit(message.pk, urgent=urgent)
    return message


def _render_into(message: Message, *, template_key: str, context: dict, fallback_email: str):
    if message.channel == Channel.SMS:
        message.body = sms_render(template_key, context)
        if fallback_email:
            email = email_render(template_key, context)
            message.fallback = {
                "to": fallback_email,
                "subject": email.subject,
                "text": email.text,
                "html": email.html,
            }
    else:
        email = email_render(template_key, context)
        message.subject, message.body, message.body_html = email.subject, email.text, email.html


def _minimal_into(message: Message, minimal: MinimalText, *, fallback_email: str) -> None:
    message.fallback = None
    if message.channel == Channel.SMS:
        message.subject, message.body, message.body_html = "", minimal.text, ""
        if fallback_email:
            message.fallback = {
                "to": fallback_email,
                "subject": minimal.subject,
                "text": minimal.text + "\n",
                "html": minimal.html,
            }
    else:
        message.subject, message.body = minimal.subject, minimal.text + "\n"
        message.body_html = minimal.html


def _disclosed_words(message: Message) -> list[str]:
    rendered = [message.subject, message.body, message.body_html]
    if message.fallback:
        rendered += [message.fallback["subject"], message.fallback["text"]]
    return sorted(set(health_words_in(" ".join(rendered))))


def messages_cancel(*, related, key_prefix: str = "") -> int:
    """Cancel messages for `related` that are still queued (e.g. reminders); return how many."""
    queryset = Message.objects.filter(
        content_type=ContentType.objects.get_for_model(related),
        object_id=related.pk,
        status=Status.QUEUED,
    )
    if key_prefix:
        queryset = queryset.filter(idempotency_key__startswith=key_prefix)
    return queryset.update(status=Status.CANCELLED, updated_at=timezone.now())


def staff_alert_send(*, reference_code: str, related) -> list[Message]:
    """Alert on-call staff (STAFF_ALERT_EMAILS / STAFF_ALERT_PHONES) about an urgent inquiry.

    The text names only the reference code; texts go out even in quiet hours. Nothing staff
    can edit is in it, and nothing may stop it: if its template fails or would be blocked,
    a fixed minimal text goes out instead and an error is logged.
    """
    context = {"reference_code": reference_code}
    code = reference_code if _REFERENCE_CODE.fullmatch(reference_code or "") else ""
    minimal = MinimalText(
        subject=f"Urgent inquiry {code}".strip(),
        text=f"Urgent inquiry {code} - please open the admin.".replace("  ", " "),
    )
    if not (settings.STAFF_ALERT_EMAILS or settings.STAFF_ALERT_PHONES):
        # Production refuses to start without a recipient (settings/prod.py); elsewhere make
        # the gap loud: an urgent inquiry that alerts nobody must never pass silently.
        logger.error("urgent inquiry %s: no on-call recipients configured", reference_code)
    messages = []
    for channel, recipients in (
        (Channel.EMAIL, settings.STAFF_ALERT_EMAILS),
        (Channel.SMS, settings.STAFF_ALERT_PHONES),
    ):
        kind = "phone" if channel == Channel.SMS else "email"
        for recipient in recipients:
            # The key carries a hash prefix, never the address itself.
            key = f"staff-alert {reference_code} {channel} {lookup_hash(kind, recipient)[:16]}"
            messages.append(
                message_create(
                    channel=channel,
                    to=recipient,
                    template_key=STAFF_ALERT_TEMPLATE,
                    context=context,
                    idempotency_key=key,
                    related=related,
                    urgent=True,
                    minimal_text=minimal,
                )
            )
    for message in messages:
        if message.status == Status.FAILED:
            logger.error(
                "urgent alert for %s could not be sent (message %s): %s",
                code or "an inquiry",
                message.pk,
                message.last_error,
            )
    return messages


def messages_resend(*, message_ids: Iterable[int]) -> int:
    """Put failed messages back in the queue with a fresh attempt budget; return how many."""
    now = timezone.now()
    resent = 0
    for message in Message.objects.filter(pk__in=list(message_ids), status=Status.FAILED):
        when = _quiet_hours_adjusted(now, channel=message.channel, urgent=message.urgent)
        updated = Message.objects.filter(pk=message.pk, status=Status.FAILED).update(
            status=Status.QUEUED,
            attempts=0,
            scheduled_for=when,
            dispatched_at=now if when <= now else None,
            failed_at=None,
            last_error=f"Resent by staff; previous error: {message.last_error}"[:1000],
            updated_at=now,
        )
        if updated:
            resent += 1
            if when <= now:
                message_enqueue_on_commit(message.pk, urgent=message.urgent)
    return resent


# --- enqueueing -------------------------------------------------------------------------
# Publishing must not hang a request when Redis is down: give up fast, the sweep resends.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
# Urgent staff alerts have their own queue (settings.CELERY_TASK_QUEUES), so they never wait
# behind a backlog of reminders; a worker started with `-Q urgent` serves only them.
URGENT_QUEUE = "urgent"


def message_enqueue(
    message_id: int,
    *,
    countdown: float | None = None,
    probe: bool = False,
    urgent: bool | None = None,
) -> bool:
    """Put a delivery task on the broker; on failure clear dispatched_at so the sweep retries.

    While the broker is known to be down (clinic_site.outage.broker_breaker) the publish is
    skipped at once: the row is already saved, and the sweep sends it once the broker is
    back. The outage is logged once per process, not once per message. `probe` tries the
    broker even so (the sweep's first publish: the sweep is how the outbox recovers).
    Urgent messages go on the urgent queue (`urgent=None`: look it up).
    """
    from .tasks import deliver_message

    if urgent is None:
        urgent = Message.objects.filter(pk=message_id, urgent=True).exists()
    if probe or broker_breaker.allow():
        try:
            deliver_message.apply_async(
                args=[message_id],
                countdown=countdown,
                retry_policy=PUBLISH_RETRY_POLICY,
                queue=URGENT_QUEUE if urgent else None,
            )
        except Exception as exc:  # noqa: BLE001 - any broker failure: the sweep retries
            broker_breaker.failed(exc)
        else:
            broker_breaker.succeeded()
            return True
    Message.objects.filter(pk=message_id, status=Status.QUEUED).update(dispatched_at=None)
    return False


def message_enqueue_on_commit(message_id: int, *, urgent: bool | None = None) -> None:
    transaction.on_commit(lambda: message_enqueue(message_id, urgent=urgent))


# --- delivering -------------------------------------------------------------------------
def status_callback_url(message_id: int) -> str:
    """Where Twilio posts delivery updates; our id lets a callback that outruns our own
    "sent" record still find the message."""
    return f"{settings.SITE_URL}{reverse('notifications:twilio_status')}?message={message_id}"


def message_deliver(*, message_id: int) -> float | None:
    """Deliver one message if it is queued and due; return seconds until a retry, or None.

    The conditional UPDATE queued → sending is the claim: of two workers holding the same
    task, only one gets a row count of 1 and sends.
    """
    now = timezone.now()
    claimed = Message.objects.filter(
        pk=message_id, status=Status.QUEUED, scheduled_for__lte=now
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, sending_started_at=now)
    if not claimed:
        return None
    message = Message.objects.get(pk=message_id)
    if message.send_by is not None and now > message.send_by:
        # Held up (an outage, retries, quiet hours): a reminder after the event helps nobody.
        Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.CANCELLED,
            last_error="Not sent: it was no longer needed by the time it could go "
            f"(send by {message.send_by:%Y-%m-%d %H:%M} UTC).",
        )
        return None

    if message.channel == Channel.SMS and sms_opted_out(message.to):
        _switch_to_email_fallback(message)
        return None

    try:
        if message.channel == Channel.SMS:
            provider_id = sms_backend().send(
                to=message.to, body=message.body, status_callback=status_callback_url(message.pk)
            )
        else:
            email_send(
                to=message.to, subject=message.subject, text=message.body, html=message.body_html
            )
            provider_id = ""
    except (SmsError, EmailError) as exc:
        if isinstance(exc, SmsError) and exc.code == TWILIO_OPTED_OUT:
            # Twilio knows of a STOP we never heard about: remember it, email instead.
            sms_opt_out(phone=message.to, keyword="21610")
            _switch_to_email_fallback(message)
            return None
        return _record_failure(message, exc)
    except Exception as exc:  # noqa: BLE001 - a bug or misconfiguration: retry, keep it visible
        logger.exception("unexpected error delivering message %s", message.pk)
        error = SmsError if message.channel == Channel.SMS else EmailError
        return _record_failure(message, error(f"unexpected {type(exc).__name__}", permanent=False))

    now = timezone.now()
    recorded = Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.SENT, provider_message_id=provider_id, sent_at=now
    )
    if not recorded:  # a status callback outran us and already moved the status on
        Message.objects.filter(pk=message.pk, provider_message_id="").update(
            provider_message_id=provider_id, sent_at=now
        )
    return None


def _record_failure(message: Message, exc: SmsError | EmailError) -> float | None:
    now = timezone.now()
    error = str(exc)[:500]
    if exc.permanent or message.attempts >= settings.MESSAGE_MAX_ATTEMPTS:
        reason = "" if exc.permanent else f"gave up after {message.attempts} attempts: "
        Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.FAILED, failed_at=now, last_error=reason + error
        )
        logger.warning("message %s failed: %s", message.pk, error)
        return None
    # An on-call alert must not wait up to an hour behind an exponential backoff.
    base, ceiling = (
        (settings.URGENT_RETRY_BASE_SECONDS, settings.URGENT_RETRY_MAX_SECONDS)
        if message.urgent
        else (settings.MESSAGE_RETRY_BASE_SECONDS, settings.MESSAGE_RETRY_MAX_SECONDS)
    )
    delay = retry_delay_seconds(attempt=message.attempts, base_seconds=base, max_seconds=ceiling)
    retry_at = _quiet_hours_adjusted(
        now + dt.timedelta(seconds=delay), channel=message.channel, urgent=message.urgent
    )
    Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.QUEUED,
        scheduled_for=retry_at,
        dispatched_at=retry_at,
        last_error=f"attempt {message.attempts}: {error}",
    )
    return (retry_at - now).total_seconds()


def _switch_to_email_fallback(message: Message) -> None:
    """The number opted out after the text was created: cancel it, email instead if we can."""
    now = timezone.now()
    fallback = message.fallback
    with transaction.atomic():
        if not fallback:
            Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
                status=Status.FAILED,
                failed_at=now,
                last_error="Number opted out of texts (STOP) and no email is on file.",
            )
            return
        email = Message(
            channel=Channel.EMAIL,
            to=fallback["to"],
            to_hash=lookup_hash("email", fallback["to"]),
            template_key=message.template_key,
            language=message.language,
            subject=fallback["subject"],
            body=fallback["text"],
            body_html=fallback["html"],
            urgent=message.urgent,
            idempotency_key=f"{message.idempotency_key} email-fallback"[:200],
            scheduled_for=now,
            dispatched_at=now,
            content_type_id=message.content_type_id,
            object_id=message.object_id,
        )
        try:
            with transaction.atomic():
                email.save()
        except IntegrityError:
            email = Message.objects.get(idempotency_key=email.idempotency_key)
        Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.CANCELLED,
            last_error=f"Number opted out of texts (STOP); sent as email #{email.pk} instead.",
        )
        message_enqueue_on_commit(email.pk, urgent=email.urgent)


# --- the beat sweep ---------------------------------------------------------------------
SWEEP_BATCH = 500


def messages_sweep(*, now: dt.datetime | None = None, urgent_only: bool = False) -> int:
    """Re-enqueue what the broker lost or never got; return how many tasks were enqueued.

    - sending for longer than MESSAGE_STUCK_AFTER_SECONDS: the worker died mid-send (or lost
      its database); put the row back to queued, or fail it if attempts are used up.
    - queued and due, and never dispatched or dispatched too long ago: scheduled reminders,
      deferred quiet-hour texts, and anything whose task was lost with the broker.

    `urgent_only` (beat, every URGENT_SWEEP_SECONDS): only urgent staff alerts, stale after
    URGENT_STUCK_AFTER_SECONDS, so a stranded alert is sent again within a minute.
    """
    now = now or timezone.now()
    stuck_after = (
        settings.URGENT_STUCK_AFTER_SECONDS if urgent_only else settings.MESSAGE_STUCK_AFTER_SECONDS
    )
    stale = now - dt.timedelta(seconds=stuck_after)
    messages = Message.objects.filter(urgent=True) if urgent_only else Message.objects.all()

    messages.filter(
        status=Status.SENDING,
        sending_started_at__lt=stale,
        attempts__gte=settings.MESSAGE_MAX_ATTEMPTS,
    ).update(
        status=Status.FAILED,
        failed_at=now,
        last_error="No result from the sending worker after the last attempt.",
    )
    messages.filter(status=Status.SENDING, sending_started_at__lt=stale).update(
        status=Status.QUEUED,
        scheduled_for=now,
        dispatched_at=None,
        last_error="Sending worker stopped before recording a result; queued again.",
    )

    due = list(
        messages.filter(status=Status.QUEUED, scheduled_for__lte=now)
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=stale))
        .order_by("-urgent", "scheduled_for")
        .values_list("pk", "urgent")[:SWEEP_BATCH]
    )
    enqueued, probed = 0, False
    for message_id, urgent in due:
        marked = (
            Message.objects.filter(pk=message_id, status=Status.QUEUED)
            .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=stale))
            .update(dispatched_at=now)
        )
        if not marked:
            continue
        # The first publish tries the broker even if this process saw it down a moment ago;
        # if that fails the rest are skipped at once (and stay due for the next sweep).
        if message_enqueue(message_id, probe=not probed, urgent=urgent):
            enqueued += 1
        probed = True
    return enqueued


# --- provider callbacks and opt-outs ----------------------------------------------------
def message_status_record(
    *,
    provider_message_id: str,
    provider_status: str,
    error_code: str = "",
    message_id: int | None = None,
) -> bool:
    """Apply a Twilio status callback; return True if a message changed.

    Only forward moves: sending/sent → delivered, or sending/sent → failed (undelivered or
    failed). `message_id` (from the callback URL) finds a message whose Twilio id we have not
    recorded yet; the Twilio id must still match when we have one.
    """
    if not provider_message_id:
        return False
    now = timezone.now()
    queryset = Message.objects.filter(channel=Channel.SMS, status__in=[Status.SENDING, Status.SENT])
    if message_id is not None:
        queryset = queryset.filter(
            Q(provider_message_id=provider_message_id) | Q(provider_message_id=""), pk=message_id
        )
    else:
        queryset = queryset.filter(provider_message_id=provider_message_id)
    if provider_status == "delivered":
        changes = {"status": Status.DELIVERED, "delivered_at": now}
    elif provider_status in ("undelivered", "failed"):
        code = f" (error {error_code})" if error_code else ""
        changes = {
            "status": Status.FAILED,
            "failed_at": now,
            "last_error": f"Twilio reported the text {provider_status}{code}.",
        }
    else:
        return False  # queued / sending / sent: nothing new for staff
    return bool(queryset.update(provider_message_id=provider_message_id, **changes))


def sms_opt_out(*, phone: str, keyword: str = "STOP") -> SmsOptOut:
    """Record that this number must not be texted again (until START)."""
    opt_out, _ = SmsOptOut.objects.get_or_create(
        phone_hash=lookup_hash("phone", phone), defaults={"keyword": keyword[:20]}
    )
    return opt_out


def sms_opt_in(*, phone: str) -> bool:
    """Remove an opt-out (the number texted START/UNSTOP); True if there was one."""
    deleted, _ = SmsOptOut.objects.filter(phone_hash=lookup_hash("phone", phone)).delete()
    return bool(deleted)
