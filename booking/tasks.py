"""Celery tasks for booking. Thin: each calls one service."""

from celery import shared_task

from .services import holds_release_expired


@shared_task(name="booking.tasks.release_expired_holds", ignore_result=True)
def release_expired_holds() -> int:
    """Give back times held by people who did not finish booking (runs every minute)."""
    return holds_release_expired()
