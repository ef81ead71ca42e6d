"""Celery tasks for the outbox. Thin: each loads by id and calls one service."""

from celery import shared_task

from . import services


@shared_task(name="notifications.tasks.deliver_message", acks_late=True, ignore_result=True)
def deliver_message(message_id: int) -> None:
    """Deliver one Message; on a transient error schedule the next attempt."""
    retry_in = services.message_deliver(message_id=message_id)
    if retry_in is not None:
        services.message_enqueue(message_id, countdown=retry_in)


@shared_task(name="notifications.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Beat, every minute: re-enqueue stuck messages and dispatch scheduled ones when due."""
    return services.messages_sweep()


@shared_task(name="notifications.tasks.sweep_urgent_outbox", ignore_result=True)
def sweep_urgent_outbox() -> int:
    """Beat, every URGENT_SWEEP_SECONDS, on the urgent queue: re-enqueue stranded staff alerts."""
    return services.messages_sweep(urgent_only=True)
