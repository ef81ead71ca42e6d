"""Celery tasks of the staff app (thin: each calls one service)."""

from celery import shared_task

from staff.retention import retention_apply


@shared_task(name="staff.tasks.apply_retention")
def apply_retention() -> dict[str, int]:
    """Beat job (daily): remove old inquiries that never became clients."""
    return retention_apply()
