"""Staff views of the outbox: status and last error per message, resend, recent failures.

The inquiry and appointment admins put `MessageTimelineInline` on their pages to show the
messages sent about that object.
"""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from clinic_site.crypto import lookup_hash
from clinic_site.phones import normalize_phone
from notifications.models import Message, SmsOptOut
from notifications.services import messages_resend
from staff.admin_mixins import AuditedAdminMixin
from staff.audit import audit_record

READ_ONLY_MESSAGE_FIELDS = (
    "channel",
    "masked_to",
    "template_key",
    "status",
    "attempts",
    "last_error",
    "scheduled_for",
    "sent_at",
    "delivered_at",
    "failed_at",
    "created_at",
)


class FailedRecentlyFilter(admin.SimpleListFilter):
    title = "recent failures"
    parameter_name = "failed_recently"

    def lookups(self, request, model_admin):
        return [("7d", "Failed in the last 7 days")]

    def queryset(self, request, queryset):
        if self.value() == "7d":
            since = timezone.now() - dt.timedelta(days=7)
            return queryset.filter(status=Message.Status.FAILED, failed_at__gte=since)
        return queryset


@admin.register(Message)
class MessageAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "created_at",
        "channel",
        "masked_to",
        "template_key",
        "status",
        "attempts",
        "short_last_error",
        "related_object",
    )
    list_filter = (FailedRecentlyFilter, "status", "channel", "template_key", "content_type")
    search_fields = ("idempotency_key", "provider_message_id")
    search_help_text = "Exact phone number or email, idempotency key, or Twilio message id."
    date_hierarchy = "created_at"
    actions = ("resend_failed",)
    list_select_related = ("content_type",)
    fields = (
        "channel",
        "to",
        "template_key",
        "status",
        "attempts",
        "last_error",
        "provider_message_id",
        "idempotency_key",
        "related_object",
        "urgent",
        "scheduled_for",
        "dispatched_at",
        "sending_started_at",
        "sent_at",
        "delivered_at",
        "failed_at",
        "created_at",
        "updated_at",
        "subject",
        "body",
        "body_html",
    )

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="to")
    def masked_to(self, obj):
        return obj.masked_to

    @admin.display(description="last error")
    def short_last_error(self, obj):
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error

    @admin.display(description="about")
    def related_object(self, obj):
        """The object the message is about, linking to all its messages (its timeline)."""
        if obj.content_type_id is None:
            return "—"
        timeline = (
            reverse("admin:notifications_message_changelist")
            + "?"
            + urlencode(
                {"content_type__id__exact": obj.content_type_id, "object_id": obj.object_id}
            )
        )
        return format_html(
            '<a href="{}">{} #{}</a>', timeline, obj.content_type.name, obj.object_id
        )

    def get_search_results(self, request, queryset, search_term):
        """A phone number or email is matched through its keyed hash (the column is encrypted)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if "@" in term:
            results |= queryset.filter(to_hash=lookup_hash("email", term))
        elif normalize_phone(term):
            results |= queryset.filter(to_hash=lookup_hash("phone", term))
        return results, may_have_duplicates

    @admin.action(description="Resend the selected failed messages", permissions=["change"])
    def resend_failed(self, request, queryset):
        failed = list(queryset.filter(status=Message.Status.FAILED))
        with transaction.atomic():
            count = messages_resend(message_ids=[m.pk for m in failed])
            for message in failed:
                audit_record(request=request, action="resend", obj=message)
        skipped = queryset.count() - count
        self.message_user(request, f"{count} message(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} message(s) skipped: only failed ones can be resent.",
                messages.WARNING,
            )


@admin.register(SmsOptOut)
class SmsOptOutAdmin(admin.ModelAdmin):
    list_display = ("opted_out_at", "keyword")
    readonly_fields = ("phone_hash", "keyword", "opted_out_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MessageTimelineInline(GenericTabularInline):
    """Read-only list of the messages about one object, for its admin page."""

    model = Message
    ct_field = "content_type"
    ct_fk_field = "object_id"
    fields = READ_ONLY_MESSAGE_FIELDS
    readonly_fields = READ_ONLY_MESSAGE_FIELDS
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("created_at",)
    verbose_name = "message"
    verbose_name_plural = "messages sent"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="to")
    def masked_to(self, obj):
        return obj.masked_to
