"""`AuditedAdminMixin`: every ModelAdmin that shows health or contact data uses it.

It writes to the audit trail (staff.audit.audit_record):
- "view" for each GET of an object's change page (the detail),
- "add" / "change" with field-level `{field: [from, to]}` on saves (also inline rows and
  many-to-many fields),
- "delete" for each object removed (single delete page or the bulk action),
- "export" for the CSV export action, which only users with `staff.export_data` get.
"""

import csv
import datetime

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.http import HttpResponse
from django.utils import timezone

from staff.audit import audit_record, audit_value, field_changes

EXPORT_PERMISSION = "staff.export_data"

# A booking's or a waitlist entry's contact details and consents, as the admin shows them
# (read-only); the details themselves are written to the audit trail redacted.
CONTACT_DETAILS = ("contact_name", "contact_email", "contact_phone")
CONTACT_FIELDS = (
    *CONTACT_DETAILS,
    "email_ok",
    "email_consent_at",
    "sms_ok",
    "sms_consent_at",
    "sms_consent_text",
    "voicemail_ok",
)


class AuditedAdminMixin:
    #: fields whose values never go into the audit trail (only "changed")
    audit_redact_fields: tuple[str, ...] = ()
    #: fields written by the CSV export action; empty = no export action
    export_fields: tuple[str, ...] = ()

    # --- reads -------------------------------------------------------------------------
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Reached for a GET of the detail (and for a POST with errors, which is not a view).
        if request.method == "GET" and obj is not None and not add:
            audit_record(request=request, action="view", obj=obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- writes ------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk is not None:
            before = type(obj)._default_manager.filter(pk=obj.pk).first()
        super().save_model(request, obj, form, change)
        pending = getattr(request, "_audit_pending", {})
        pending[id(obj)] = field_changes(before, obj, redact=self.audit_redact_fields)
        request._audit_pending = pending

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pending = getattr(request, "_audit_pending", {}).setdefault(id(form.instance), {})
        model_fields = {f.name for f in form.instance._meta.many_to_many}
        for name in form.changed_data:
            if name in model_fields:
                before = form.initial.get(name) or []
                after = form.cleaned_data.get(name) or []
                pending[name] = [
                    sorted(str(audit_value(v)) for v in before),
                    sorted(str(audit_value(v)) for v in after),
                ]

    def save_formset(self, request, form, formset, change):
        existing_pks = [f.instance.pk for f in formset.forms if f.instance.pk and f.has_changed()]
        before = formset.model._default_manager.in_bulk(existing_pks) if existing_pks else {}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_record(request=request, action="add", obj=obj, changes=field_changes(None, obj))
        for obj, _names in formset.changed_objects:
            audit_record(
                request=request,
                action="change",
                obj=obj,
                changes=field_changes(before.get(obj.pk), obj, redact=self.audit_redact_fields),
            )
        for obj in formset.deleted_objects:
            audit_record(request=request, action="delete", obj=obj)

    def log_addition(self, request, obj, message):
        changes = getattr(request, "_audit_pending", {}).pop(id(obj), None)
        audit_record(request=request, action="add", obj=obj, changes=changes)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        changes = getattr(request, "_audit_pending", {}).pop(id(obj), None)
        if changes:
            audit_record(request=request, action="change", obj=obj, changes=changes)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        # Called before the rows go, by both the delete page and the bulk delete action.
        for obj in queryset:
            audit_record(request=request, action="delete", obj=obj)
        return super().log_deletions(request, queryset)

    # --- export ------------------------------------------------------------------------
    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Django asks three or four times per list page (the checkbox column, the action
        # form's choices, the POST check), each time filtering every action by permission:
        # worked out once per request and admin.
        kept = request.__dict__.setdefault("_admin_actions", {})
        key = (id(self), action_location)
        if key not in kept:
            kept[key] = self._permitted_actions(request, action_location)
        return dict(kept[key])

    def _permitted_actions(self, request, action_location):
        actions = super().get_actions(request, action_location=action_location)
        if (
            action_location == ActionLocation.CHANGE_LIST
            and self.export_fields
            and request.user.has_perm(EXPORT_PERMISSION)
        ):
            func = type(self).export_selected_csv
            actions["export_selected_csv"] = (
                func,
                "export_selected_csv",
                func.short_description,
            )
        return actions

    @admin.action(description="Export selected rows (CSV)")
    def export_selected_csv(self, request, queryset):
        if not request.user.has_perm(EXPORT_PERMISSION):
            # get_actions already hides it; this guards a hand-made POST.
            self.message_user(request, "You may not export data.", level="error")
            return None
        rows = list(queryset)
        opts = self.model._meta
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{opts.model_name}-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(self.export_fields)
        for obj in rows:
            writer.writerow([_csv_cell(self._export_value(obj, f)) for f in self.export_fields])
        audit_record(
            request=request,
            action="export",
            obj=rows[0] if len(rows) == 1 else None,
            changes={"object_ids": [str(obj.pk) for obj in rows]},
            detail=f"exported {len(rows)} {opts.verbose_name_plural} "
            f"({', '.join(self.export_fields)})",
        )
        return response

    def _export_value(self, obj, name):
        attr = getattr(self, name, None)
        if callable(attr):
            return attr(obj)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if callable(display) else getattr(obj, name)
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).isoformat()
        return value


def _csv_cell(value) -> str:
    """Text for one CSV cell; neutralises spreadsheet formulas (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
