"""The staff workspace's admin: the audit trail here; the inquiry queue, booking, the
waitlist and the outbox in staff.inquiry_admin, staff.booking_admin, staff.waitlist_admin
and staff.message_admin (imported below so Django's autodiscovery registers them). Staff is
the top layer: these admins compose intake, booking and notifications, which never import
staff.

The audit trail is read-only for everyone, visible to holders of view_auditentry.

Only the "Clinic admin" role holds `staff.view_auditentry` (superusers too). Nobody, not
even a superuser, can add, change or delete an entry here.
"""

import json

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.html import format_html, format_html_join

from clinic_site.admin_mixins import ViewOnlyAdminMixin
from staff import (  # noqa: F401 (registers them)
    booking_admin,
    inquiry_admin,
    message_admin,
    waitlist_admin,
)
from staff.admin_mixins import AuditedAdminMixin
from staff.audit import REDACTED, audit_record
from staff.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "username", "action", "content_type", "object_link", "ip_address")
    list_filter = ("action", "user", "content_type", "at")
    search_fields = ("=object_id", "object_repr", "username", "detail")
    search_help_text = "Exact object id, or words in the object's name, the user or the detail."
    date_hierarchy = "at"
    list_select_related = ("content_type", "user")
    list_per_page = 100
    show_full_result_count = False
    fields = (
        "at",
        "username",
        "user",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "ip_address",
        "changes_table",
        "detail",
    )
    readonly_fields = fields

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        return {}

    @admin.display(description="object", ordering="object_repr")
    def object_link(self, entry):
        if not entry.content_type_id:
            return entry.object_repr or entry.detail
        query = f"?content_type__id__exact={entry.content_type_id}&object_id={entry.object_id}"
        return format_html(
            '<a href="{}" title="All entries for this object">{}</a>',
            query,
            entry.object_repr or entry.object_id,
        )

    @admin.display(description="changes")
    def changes_table(self, entry):
        if not entry.changes:
            return "—"
        rows = []
        for name, pair in entry.changes.items():
            if isinstance(pair, list) and len(pair) == 2:
                rows.append((name, _show(pair[0]), _show(pair[1])))
            else:
                rows.append((name, "", _show(pair)))
        return format_html(
            '<table class="staff-changes"><thead><tr><th scope="col">field</th>'
            '<th scope="col">from</th><th scope="col">to</th></tr></thead><tbody>{}</tbody>'
            "</table>",
            format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>", rows),
        )


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


# --- staff accounts and roles: every change is in the audit trail -----------------------


class AuditedUserAdmin(AuditedAdminMixin, UserAdmin):
    """Staff accounts. Deactivate rather than delete: audit history keeps the account."""

    audit_redact_fields = ("password",)
    list_display = ("username", "email", "first_name", "last_name", "is_active", "role_names")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser makes superusers or hands out single permissions: a clinic
        # admin works with the roles (groups), which are reviewed in code.
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            target = self.get_object(request, id)
            if target is not None:
                audit_record(
                    request=request,
                    action="change",
                    obj=target,
                    changes={"password": [REDACTED, REDACTED]},
                    detail="password set by an administrator",
                )
        return response

    @admin.display(description="roles")
    def role_names(self, user):
        return ", ".join(g.name for g in user.groups.all()) or "—"


class AuditedGroupAdmin(AuditedAdminMixin, GroupAdmin):
    """Roles. The three clinic roles are defined in staff/roles.py and reset on migrate."""


for _model, _admin in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
