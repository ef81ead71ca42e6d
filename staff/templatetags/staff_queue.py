"""The inquiry queue's rows from one template, with values worked out once per page.

Django admin's `{% result_list %}` renders every cell through `items_for_result`: a field
lookup, `display_for_value`, two or three `format_html` calls and a `reverse()` per cell and
row. On the queue's 50 rows that was about half the page's time. `{% inquiry_queue_results %}`
renders the same markup (the same headers from Django's `result_headers`, the same cells,
classes, links with the preserved filters, `tel:` links and relative times) from plain values
worked out here (`tests/staff/test_queue_rows.py` compares the two cell by cell).
"""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.urls import reverse

from clinic_site import clock
from clinic_site.i18n import languages_text
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
    appointment = obj.next_appointment
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
        "appointment": _when(appointment.start) if appointment is not None else "—",
        "assigned_to": str(obj.assigned_to) if obj.assigned_to_id else empty,
        "due": _when(due) if awaiting else "",
        "due_relative": relative_due_text(due, now=now) if awaiting else "",
        "overdue": awaiting and obj.is_overdue,
    }


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
        "rows": [
            queue_row(obj, url_pattern=url_pattern, empty=empty, labels=labels)
            for obj in cl.result_list
        ],
        "empty": empty,
    }
