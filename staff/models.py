"""Staff workspace data: the append-only audit trail and role-only permissions.

Internal notes on inquiries live in `InquiryNote` (added once intake's Inquiry exists).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from clinic_site.crypto import EncryptedJSONField, EncryptedTextField


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a row of an append-only table."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries are append-only")

    def delete(self):
        raise AppendOnlyError("audit entries are append-only")

    def for_object(self, obj):
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        return self.filter(content_type=ct, object_id=str(obj.pk))


class AuditEntry(models.Model):
    """One thing a person (or the system) did with a record: who, when, what, from where.

    Append-only (HIPAA 164.312(b) audit controls, California CMIA 56.101): the model refuses
    updates and deletes, and on PostgreSQL a trigger refuses them in the database too. Field
    changes (from → to) are kept encrypted at rest because they can hold contact or health
    data. Rows point at their object by content type + id (not a foreign key) so they outlive
    the object: retention removes inquiries but never their audit history.
    """

    class Action(models.TextChoices):
        VIEW = "view", "viewed"
        ADD = "add", "added"
        CHANGE = "change", "changed"
        DELETE = "delete", "deleted"
        EXPORT = "export", "exported"
        RESEND = "resend", "resent"
        LOGIN = "login", "signed in"
        RETENTION = "retention", "retention sweep"

    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # staff accounts with history are deactivated, not deleted
        related_name="audit_entries",
        help_text="Empty for the system (scheduled jobs).",
    )
    username = models.CharField(max_length=150, blank=True, help_text="As it was at the time.")
    action = models.CharField(max_length=16, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    changes = EncryptedJSONField(
        null=True, blank=True, help_text='Field-level changes: {"field": [from, to]}.'
    )
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        who = self.username or "system"
        return f"{who} {self.get_action_display()} {self.object_repr or self.detail}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are append-only")


class StaffPermissions(models.Model):
    """Holder of role permissions that belong to no single table (no rows, no table).

    - view_clinical: screening totals, bands, flagged items, answers and medical flags
    - view_relationship_safety: the relationship-safety result (clinicians only)
    - export_data: download selected rows as CSV (every export is audited)
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_clinical", "Can see screening answers, scores and medical flags"),
            ("view_relationship_safety", "Can see relationship-safety results"),
            ("export_data", "Can export data"),
        ]

    def __str__(self):
        return "staff permissions"


class InquiryNote(models.Model):
    """An internal note on an inquiry: who wrote it and when. Append-only.

    Staff add notes; nobody edits or deletes one (a correction is a new note). The text is
    encrypted at rest because notes often hold health or contact details. Notes go with
    their inquiry when retention removes it.
    """

    inquiry = models.ForeignKey("intake.Inquiry", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inquiry_notes"
    )
    body = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        default_permissions = ("add", "view")

    def __str__(self):
        return f"Note by {self.author} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("notes are append-only: add a new note instead")
        super().save(*args, **kwargs)


class InquiryFirstContact(models.Model):
    """When a staff member first reached the people behind an inquiry, and who.

    This stops the inquiry's response clock. A couple booking their own consultation does
    not: an urgent inquiry that self-booked for next week still needs a call within the
    hour. Written by `staff.workflow` (moving to "contacted", or recording a contact on an
    inquiry whose status should stay as it is); one row per inquiry, never changed.
    """

    inquiry = models.OneToOneField(
        "intake.Inquiry",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="first_contact",
    )
    contacted_at = models.DateTimeField(default=timezone.now, editable=False)
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty if backfilled without a known user.",
    )

    class Meta:
        default_permissions = ("view",)
        verbose_name = "first contact"

    def __str__(self):
        return f"First contact at {self.contacted_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("a first contact is recorded once")
        super().save(*args, **kwargs)
