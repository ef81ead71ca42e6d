"""Writes for the intake app. Keyword-only, typed; views call one of these and redirect."""

from django.db import transaction
from django.utils import timezone

from clinic_site.crypto import make_token

from .models import Inquiry, PartnerScreening
from .selectors import BOOKING_TOKEN_PURPOSE, SCREENING_TOKEN_PURPOSE

# Statuses from which booking a consultation moves the inquiry forward. Later statuses
# (accepted, referred out, closed) are staff decisions a booking must not undo.
_BOOKABLE_FROM = {Inquiry.Status.NEW, Inquiry.Status.IN_REVIEW, Inquiry.Status.CONTACTED}


def inquiry_booking_token(*, inquiry: Inquiry) -> str:
    """The signed token for `/book/?inquiry=<token>` (read by inquiry_from_booking_token)."""
    return make_token(BOOKING_TOKEN_PURPOSE, str(inquiry.pk))


def screening_link_token(*, screening: PartnerScreening) -> str:
    """The signed, expiring token in one partner's private screening URL."""
    return make_token(SCREENING_TOKEN_PURPOSE, f"{screening.pk}:{screening.link_nonce}")


def inquiry_mark_consultation_booked(*, inquiry: Inquiry) -> bool:
    """Move the inquiry to "consultation booked" when a consultation is booked for it.

    Returns True if the status changed. Idempotent; never moves an accepted, referred-out
    or closed inquiry backwards.
    """
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if locked.status not in _BOOKABLE_FROM:
            return False
        now = timezone.now()
        Inquiry.objects.filter(pk=locked.pk).update(
            status=Inquiry.Status.CONSULTATION_BOOKED, status_changed_at=now, updated_at=now
        )
    inquiry.status = Inquiry.Status.CONSULTATION_BOOKED
    inquiry.status_changed_at = now
    return True
