"""Celery tasks for booking. Thin: each calls one service."""

from datetime import datetime

from celery import shared_task

from . import waitlist_services
from .services import holds_release_expired, holiday_time_off_seed


@shared_task(name="booking.tasks.release_expired_holds", ignore_result=True)
def release_expired_holds() -> int:
    """Give back times held by people who did not finish booking (runs every minute)."""
    return holds_release_expired()


@shared_task(name="booking.tasks.waitlist_offer_freed_time", ignore_result=True)
def waitlist_offer_freed_time(
    clinician_id: int, start: str | None = None, end: str | None = None
) -> int:
    """Offer a clinician's newly open times to the waitlist; returns the offers made."""
    return len(
        waitlist_services.waitlist_offer_freed_time(
            clinician_id=clinician_id,
            freed_start=datetime.fromisoformat(start) if start else None,
            freed_end=datetime.fromisoformat(end) if end else None,
        )
    )


@shared_task(name="booking.tasks.waitlist_tick", ignore_result=True)
def waitlist_tick() -> dict:
    """Every minute: send offers that waited for quiet hours, pass on offers not taken in
    time, close entries whose last day has passed."""
    return {
        "sent": len(waitlist_services.waitlist_offers_send_due()),
        "expired": waitlist_services.waitlist_offers_expire(),
        "entries_expired": waitlist_services.waitlist_entries_expire(),
    }


@shared_task(name="booking.tasks.seed_holiday_time_off", ignore_result=True)
def seed_holiday_time_off() -> int:
    """Holiday time off for every active clinician through the end of next year (yearly)."""
    return holiday_time_off_seed()
