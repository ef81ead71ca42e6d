"""Receivers: time that opens in a clinician's week is offered to the waitlist.

Connected in BookingConfig.ready. Each enqueues one Celery task after the transaction
commits (a rolled-back change offers nothing). While the broker is down
(clinic_site.outage) the matching runs in this process instead, so a cancellation or an
edit of someone's hours always goes through and no freed time is lost.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clinic_site.outage import broker_breaker
from notifications.services import PUBLISH_RETRY_POLICY

from .events import time_freed
from .models import AvailabilityException, AvailabilityRule
from .tasks import waitlist_offer_freed_time

logger = logging.getLogger(__name__)


@receiver(time_freed)
def offer_freed_time_to_waitlist(sender, *, clinician_id, start=None, end=None, **kwargs):
    task_kwargs = {"clinician_id": clinician_id}
    if start is not None:
        task_kwargs.update(start=start.isoformat(), end=(end or start).isoformat())

    def enqueue():
        if broker_breaker.allow():
            try:
                waitlist_offer_freed_time.apply_async(
                    kwargs=task_kwargs, retry_policy=PUBLISH_RETRY_POLICY
                )
            except Exception as exc:  # noqa: BLE001 - any broker failure: match here instead
                broker_breaker.failed(exc)
            else:
                broker_breaker.succeeded()
                return
        # The broker is down: match in this process (a few queries), so no time is lost.
        try:
            waitlist_offer_freed_time.run(**task_kwargs)
        except Exception:  # noqa: BLE001 - the change itself is committed; never undo it
            logger.exception("waitlist: matching failed for clinician %s", clinician_id)

    transaction.on_commit(enqueue)


@receiver(post_save, sender=AvailabilityRule)
def weekly_hours_saved(sender, instance, **kwargs):
    time_freed.send(sender=AvailabilityRule, clinician_id=instance.clinician_id)


@receiver(post_save, sender=AvailabilityException)
def extra_hours_saved(sender, instance, **kwargs):
    if instance.kind == AvailabilityException.Kind.EXTRA_HOURS:
        time_freed.send(
            sender=AvailabilityException,
            clinician_id=instance.clinician_id,
            start=instance.starts_at,
            end=instance.ends_at,
        )


@receiver(post_delete, sender=AvailabilityException)
def time_off_removed(sender, instance, **kwargs):
    if instance.kind == AvailabilityException.Kind.TIME_OFF:
        time_freed.send(
            sender=AvailabilityException,
            clinician_id=instance.clinician_id,
            start=instance.starts_at,
            end=instance.ends_at,
        )
