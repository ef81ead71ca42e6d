"""Staff writes on inquiries: status workflow, assignment and internal notes.

The status workflow (issue 7):
    new → in review → contacted → consultation booked → accepted / referred out / closed
with a few side doors staff need in practice (close or refer out at any open step, back to
"contacted" when a booked consultation falls through, re-open a closed inquiry). Closing
needs a reason. Every write is audited. Forms only show these errors; this module enforces.
"""

from django.db import transaction
from django.utils import timezone

from intake.models import Inquiry
from staff.audit import REDACTED, audit_record, audit_value
from staff.models import InquiryFirstContact, InquiryNote

S = Inquiry.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.IN_REVIEW, S.CONTACTED, S.REFERRED_OUT, S.CLOSED}),
    S.IN_REVIEW: frozenset({S.CONTACTED, S.REFERRED_OUT, S.CLOSED}),
    S.CONTACTED: frozenset({S.CONSULTATION_BOOKED, S.REFERRED_OUT, S.CLOSED}),
    S.CONSULTATION_BOOKED: frozenset({S.ACCEPTED, S.REFERRED_OUT, S.CLOSED, S.CONTACTED}),
    S.ACCEPTED: frozenset({S.CLOSED}),
    S.REFERRED_OUT: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.IN_REVIEW}),
}
NOTE_MAX_LENGTH = 5000


class TransitionNotAllowed(ValueError):
    """A status change the workflow does not allow, or a close without a reason."""


def transition_problem(*, from_status: str, to_status: str, reason: str = "") -> str | None:
    """Why this status change is refused, in words for staff; None when it is allowed."""
    if to_status == from_status:
        return None
    if to_status not in ALLOWED_TRANSITIONS.get(from_status, frozenset()):
        allowed = ", ".join(
            S(s).label.lower() for s in sorted(ALLOWED_TRANSITIONS.get(from_status, ()))
        )
        return (
            f"An inquiry that is “{S(from_status).label.lower()}” cannot become "
            f"“{S(to_status).label.lower()}”. Allowed next: {allowed or 'none'}."
        )
    if to_status == S.CLOSED and not (reason or "").strip():
        return "Closing needs a reason."
    return None


def inquiry_transition(
    *, inquiry: Inquiry, to_status: str, actor, request=None, reason: str = ""
) -> Inquiry:
    """Move an inquiry to `to_status` if the workflow allows it; audit the change.

    Locks the row so two staff members cannot race past the rules. Raises
    TransitionNotAllowed with a message for staff. A no-op when already in that status.
    """
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        problem = transition_problem(from_status=locked.status, to_status=to_status, reason=reason)
        if problem:
            raise TransitionNotAllowed(problem)
        if locked.status == to_status:
            return locked
        changes = {"status": [locked.status, to_status]}
        fields = {"status": to_status, "status_changed_at": timezone.now()}
        if to_status == S.CLOSED:
            fields["close_reason"] = reason.strip()
            changes["close_reason"] = [None, REDACTED]
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*fields, "updated_at"])
        if to_status == S.CONTACTED:
            _first_contact_create(inquiry=locked, actor=actor, request=request)
        audit_record(request=request, user=actor, action="change", obj=locked, changes=changes)
    for name, value in fields.items():
        setattr(inquiry, name, value)
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
