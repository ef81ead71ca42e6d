"""The inquiry queue's rows from one template, with values worked out once per page.

Django admin's `{% result_list %}` renders every cell through `items_for_result`: a field
lookup, `display_for_value`, two or three `format_html` calls and a `reverse()` per cell and
row. On the queue's 50 rows that was about half the page's time. `{% inquiry_queue_results %}`
renders the same markup (the same headers from Django's `result_headers`, the same cells,
classes, links with the preserved filters, `tel:` links and relative times) from plain values
worked out here (`tests/staff/test_queue_rows.py` compares the two cell by cell).
"""

from html import escape

from django import template
from django.contrib.admin.templatetags.admin_list import admin_list_filter, result_headers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import SEARCH_VAR
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from clinic_site import clock
from clinic_site.i18n import languages_text
from clinic_site.kept import KeptInProcess
from clinic_site.phones import display_phone
from intake.models import Inquiry
from staff.templatetags.staff_time import ago_text, relative_due_text

register = template.Library()

_PK_SLOT = "__pk__"


def _change_url_pattern(cl) -> str:
    """The change page's URL with the list's filters preserved, `__pk__` in place of the id:
    one reverse() per page instead of one per row."""
    url = reverse(
        f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
        args=(_PK_SLOT,),
        current_app=cl.model_admin.admin_site.name,
    )
    return add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)


def _when(value) -> str:
    return f"{clock.local(value):%a %b %-d, %-I:%M %p}"


def _labels(field_name: str) -> dict:
    """A choice field's labels by value, once per page (get_FOO_display rebuilds the
    choices dict on every call)."""
    field = Inquiry._meta.get_field(field_name)
    return {value: str(label) for value, label in field.flatchoices}


def queue_row(obj, *, url_pattern: str, empty: str, labels: dict) -> dict:
    """Plain values for one row (the template escapes them)."""
    now = obj.queue_now
    phone = obj.contact_phone
    due = getattr(obj, "response_due", None)
    awaiting = due is not None and obj.awaiting_response
    appointment_start = obj.next_appointment_start
    return {
        "pk": obj.pk,
        "code": obj.reference_code,
        "url": url_pattern.replace(_PK_SLOT, str(obj.pk)),
        "name": obj.contact_name,
        "phone": phone,
        "phone_display": (display_phone(phone) or phone) if phone else "",
        "received_iso": obj.created_at.isoformat(),
        "received_title": f"{_when(obj.created_at)} Pacific",
        "received_ago": ago_text(obj.created_at, now=now),
        "priority": obj.priority,
        "priority_label": labels["priority"].get(obj.priority, obj.priority),
        "priority_reason": obj.priority_reason,
        "status": labels["status"].get(obj.status, obj.status) if obj.status else empty,
        "screened": f"{getattr(obj, 'screened', 0)}/2",
        "channel": labels["preferred_contact"].get(obj.preferred_contact, obj.preferred_contact),
        "languages": languages_text(obj.language, getattr(obj, "partner_language", None)),
        "appointment": _when(appointment_start) if appointment_start is not None else "—",
        "assigned_to": str(obj.assigned_to) if obj.assigned_to_id else empty,
        "due": _when(due) if awaiting else "",
        "due_relative": relative_due_text(due, now=now) if awaiting else "",
        "overdue": awaiting and obj.is_overdue,
    }


_ROW = (
    '<tr><td class="action-checkbox"><input type="checkbox" name="_selected_action" '
    'value="{pk}" class="action-select" aria-label="Select this object for an action - {code}">'
    '</td><th class="field-reference"><a href="{url}">{code}</a></th>'
    '<td class="field-name">{name}{phone}</td>'
    '<td class="field-received"><time datetime="{received_iso}" title="{received_title}">'
    "{received_ago}</time></td>"
    '<td class="field-priority_badge"><span class="staff-badge staff-badge-{priority}">'
    "{priority_label}</span>{priority_reason}</td>"
    '<td class="field-status">{status}</td>'
    '<td class="field-partners_screened">{screened}</td>'
    '<td class="field-contact_channel">{channel}<br><span class="staff-language">{languages}'
    "</span></td>"
    '<td class="field-next_appointment">{appointment}</td>'
    '<td class="field-assigned_to nowrap">{assigned_to}</td>'
    '<td class="field-response_due">{due}</td></tr>'
)


def queue_row_html(row: dict, *, empty: str) -> str:
    """One row's markup from `queue_row`'s values, each escaped as the template would:
    formatting one string is a fraction of the cost of a template's ~20 variable nodes."""
    text = {key: escape(str(value)) for key, value in row.items()}
    if row["phone"]:
        text["phone"] = (
            f'<br><span class="staff-phone"><a href="tel:{text["phone"]}">'
            f"{text['phone_display']}</a></span>"
        )
    if row["priority_reason"]:
        text["priority_reason"] = f'<span class="staff-reason">{text["priority_reason"]}</span>'
    if not row["due"]:
        text["due"] = escape(empty)
    elif row["overdue"]:
        text["due"] = (
            f'<strong class="staff-overdue"><span class="staff-overdue-label">'
            f"{text['due_relative']}</span> {text['due']}</strong>"
        )
    else:
        text["due"] = (
            f'<span class="staff-due-relative">{text["due_relative"]}</span><br>{text["due"]}'
        )
    return _ROW.format_map(text)


@register.inclusion_tag("admin/intake/inquiry/queue_results.html")
def inquiry_queue_results(cl):
    headers = list(result_headers(cl))
    url_pattern = _change_url_pattern(cl)
    empty = cl.model_admin.get_empty_value_display()
    labels = {name: _labels(name) for name in ("priority", "status", "preferred_contact")}
    return {
        "cl": cl,
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "rows": mark_safe(  # noqa: S308 - every value is escaped in queue_row_html
            "\n".join(
                queue_row_html(
                    queue_row(obj, url_pattern=url_pattern, empty=empty, labels=labels),
                    empty=empty,
                )
                for obj in cl.result_list
            )
        ),
        "empty": empty,
    }


_ACTION_FIELDS: dict[tuple, str] = {}


def _action_fields_html(action_form) -> str:
    """Django's actions.html loop over the action form's fields, written in Python."""
    return mark_safe(  # noqa: S308 - format_html escapes the label; widgets render safe
        "".join(
            format_html("<label>{} {}</label>", field.label, field) if field.label else str(field)
            for field in action_form
        )
    )


@register.simple_tag
def queue_action_fields(action_form):
    """The action picker's markup. An unbound action form renders the same for the same
    actions and language, so that is rendered once per process: the form renderer's
    templates for a select and its options were about 7% of each queue page."""
    if action_form.is_bound:
        return _action_fields_html(action_form)
    key = (type(action_form), get_language(), tuple(action_form.fields["action"].choices))
    if key not in _ACTION_FIELDS:
        _ACTION_FIELDS[key] = _action_fields_html(action_form)
    return _ACTION_FIELDS[key]


_FILTER_PANELS = KeptInProcess(limit=128)


def _filter_panels_html(cl) -> str:
    return mark_safe("".join(admin_list_filter(cl, spec) for spec in cl.filter_specs))  # noqa: S308


@register.simple_tag
def queue_filter_panels(cl):
    """Django's filter panels (`admin_list_filter` for each filter), kept per language and
    list parameters: the queue's filters have fixed choices (no counts, nothing per person),
    so their links depend on the current filters, sort and language alone. They were about
    a twentieth of each queue page. A search is never kept (its term is in every link)."""
    if SEARCH_VAR in cl.filter_params:
        return _filter_panels_html(cl)
    # The links are built from every value of every parameter (`?a=1&a=2` is not `?a=2`).
    params = tuple(sorted((name, tuple(values)) for name, values in cl.filter_params.items()))
    key = (type(cl.model_admin), get_language(), params)
    kept = _FILTER_PANELS.get(key)
    return kept if kept is not None else _FILTER_PANELS.put(key, _filter_panels_html(cl))
