"""Staff writes on inquiries: status changes, first contact, assignment, internal notes.

The status rules live with the inquiry (intake.services: ALLOWED_TRANSITIONS,
`inquiry_status_change`). This module composes them with what belongs to the staff
workspace — the first-contact record, the assignee, notes — and audits every write in the
same transaction.
"""

from django.db import transaction

from intake.models import Inquiry
from intake.services import inquiry_status_change
from staff.audit import REDACTED, audit_record, audit_value
from staff.models import InquiryFirstContact, InquiryNote

NOTE_MAX_LENGTH = 5000


def inquiry_transition(
    *, inquiry: Inquiry, to_status: str, actor, request=None, reason: str = ""
) -> Inquiry:
    """Move an inquiry to `to_status` if the workflow allows it; audit the change.

    Moving to "contacted" records the first contact too. Raises TransitionNotAllowed with a
    message for staff (intake.services.TransitionNotAllowed). A no-op when already in that
    status.
    """
    with transaction.atomic():
        locked, changes = inquiry_status_change(inquiry=inquiry, to_status=to_status, reason=reason)
        if not changes:
            return locked
        if to_status == Inquiry.Status.CONTACTED:
            _first_contact_create(inquiry=locked, actor=actor, request=request)
        audited = {"status": changes["status"]}
        if "close_reason" in changes:
            audited["close_reason"] = [None, REDACTED]
        audit_record(request=request, user=actor, action="change", obj=locked, changes=audited)
    for name, (_old, new) in changes.items():
        setattr(inquiry, name, new)
    return locked


def inquiry_record_first_contact(*, inquiry: Inquiry, actor, request=None) -> bool:
    """Record that staff have reached this inquiry's people; stops the response clock.

    For inquiries whose status should stay as it is (a couple that booked their own
    consultation, then got the call). Moving an inquiry to "contacted" records it too.
    True if recorded now, False if a first contact was already on file. Audited.
    """
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        return _first_contact_create(inquiry=locked, actor=actor, request=request)


def _first_contact_create(*, inquiry: Inquiry, actor, request) -> bool:
    # Callers hold the inquiry's row lock, so two staff members cannot both record it.
    if InquiryFirstContact.objects.filter(inquiry=inquiry).exists():
        return False
    contact = InquiryFirstContact.objects.create(
        inquiry=inquiry, contacted_by=actor if getattr(actor, "pk", None) else None
    )
    audit_record(
        request=request,
        user=actor,
        action="change",
        obj=inquiry,
        changes={"first_contacted_at": [None, contact.contacted_at.isoformat()]},
        detail="first contact recorded",
    )
    return True


def inquiry_assign(*, inquiry: Inquiry, assignee, actor, request=None) -> bool:
    """Assign the inquiry to a staff member (or None); True if it changed. Audited."""
    with transaction.atomic():
        locked = (
            Inquiry.objects.select_for_update(of=("self",))
            .select_related("assigned_to")
            .get(pk=inquiry.pk)
        )
        new_id = assignee.pk if assignee is not None else None
        if locked.assigned_to_id == new_id:
            return False
        changes = {"assigned_to": [audit_value(locked.assigned_to), audit_value(assignee)]}
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
        audit_record(request=request, user=actor, action="change", obj=locked, changes=changes)
    inquiry.assigned_to = assignee
    return True


def inquiry_note_add(*, inquiry: Inquiry, author, body: str, request=None) -> InquiryNote:
    """Append an internal note (encrypted at rest). Raises ValueError for an empty note."""
    body = (body or "").strip()
    if not body:
        raise ValueError("A note cannot be empty.")
    if len(body) > NOTE_MAX_LENGTH:
        raise ValueError(f"A note can be at most {NOTE_MAX_LENGTH} characters.")
    note = InquiryNote.objects.create(inquiry=inquiry, author=author, body=body)
    audit_record(
        request=request, user=author, action="add", obj=inquiry, detail="internal note added"
    )
    return note
