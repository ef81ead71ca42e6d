"""The outbox: one Message row per outbound SMS or email, and the numbers that texted STOP."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from clinic_site.crypto import EncryptedJSONField, EncryptedTextField


class Message(models.Model):
    """One outbound SMS or email, from creation to delivery (the transactional outbox).

    A service creates the row inside the caller's transaction; a Celery task delivers it after
    commit. The status only moves forward:
    queued → sending → sent → delivered, or → failed / cancelled.
    A transient failure puts the row back to queued with a later `scheduled_for`; the beat
    sweep re-enqueues rows stuck in queued or sending, so a lost broker message loses nothing.
    `idempotency_key` is unique, so the same message can never be created twice.
    """

    class Channel(models.TextChoices):
        SMS = "sms", "SMS"
        EMAIL = "email", "Email"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    channel = models.CharField(max_length=8, choices=Channel.choices)
    to = EncryptedTextField(help_text="E.164 phone number or email address (encrypted).")
    to_hash = models.CharField(
        max_length=64, db_index=True, editable=False, help_text="Keyed hash of the recipient."
    )
    template_key = models.CharField(max_length=80)
    # The recipient's language (en/es): the message was rendered in it.
    language = models.CharField(max_length=8, default="en")
    subject = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField(help_text="Rendered SMS text or plain-text email body.")
    body_html = EncryptedTextField(blank=True, default="")
    # Rendered email version of an SMS, used if the number has opted out (STOP) by send time.
    fallback = EncryptedJSONField(null=True, blank=True, editable=False)
    urgent = models.BooleanField(
        default=False, help_text="Urgent staff alerts are exempt from quiet hours."
    )

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_message_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # The latest problem; kept after a later success so staff can see a retry happened.
    last_error = models.TextField(blank=True, default="")
    idempotency_key = models.CharField(max_length=200, unique=True)

    scheduled_for = models.DateTimeField(default=timezone.now, db_index=True)
    # Useless after this (a reminder after its appointment has started): never sent later,
    # whatever delays quiet hours, retries or an outage cause. None = no limit.
    send_by = models.DateTimeField(null=True, blank=True)
    # When a delivery task was last put on the broker for this row (None: not on the broker,
    # e.g. a future reminder, or the broker was down). The sweep re-enqueues stale ones.
    dispatched_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="notif_msg_related_idx"),
            models.Index(fields=["status", "scheduled_for"], name="notif_msg_due_idx"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.template_key} #{self.pk} ({self.status})"

    @property
    def masked_to(self) -> str:
        """The recipient with most characters hidden, for lists and logs."""
        value = self.to or ""
        if self.channel == self.Channel.SMS:
            return f"…{value[-4:]}" if len(value) >= 4 else "…"
        name, _, domain = value.partition("@")
        return f"{name[:1]}…@{domain}" if domain else "…"


class SmsOptOut(models.Model):
    """A phone number that texted STOP (or similar): it is never texted again until START.

    Keyed by the phone's keyed hash (clinic_site.crypto.lookup_hash("phone", …)), so the
    table holds no phone numbers.
    """

    phone_hash = models.CharField(max_length=64, unique=True)
    keyword = models.CharField(max_length=20, blank=True, default="")
    opted_out_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "SMS opt-out"

    def __str__(self):
        return f"SMS opt-out ({self.keyword or 'STOP'}) since {self.opted_out_at:%Y-%m-%d}"
