"""Celery application: the broker is Redis (REDIS_URL); tasks live in each app's tasks.py.

Workers and beat are production processes (development runs tasks eagerly in the web
process), so without DJANGO_SETTINGS_MODULE they load the production settings, which stop
with one line naming any missing variable. A worker or beat that would sit on the in-memory
broker (nothing else can reach it: it would say "ready" and deliver nothing) refuses to
start unless tasks run eagerly.
"""

import logging
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.prod")

app = Celery("clinic_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

# EX_CONFIG from sysexits.h, as settings/prod.py uses for a missing variable.
EXIT_CONFIG = 78


def in_memory_broker_problem(conf) -> str:
    """Why this Celery configuration cannot deliver anything from a separate process, or ""."""
    url = str(conf.broker_url or "")
    if url.split("://", 1)[0] == "memory" and not conf.task_always_eager:
        return (
            f"the broker is {url!r}, which only this process can see, so this "
            f"{{process}} would deliver nothing. Set REDIS_URL (or CELERY_BROKER_URL) and "
            f"DJANGO_SETTINGS_MODULE (now {os.environ.get('DJANGO_SETTINGS_MODULE')!r})."
        )
    return ""


def _refuse_in_memory_broker(process: str, conf) -> None:
    problem = in_memory_broker_problem(conf)
    if problem:
        message = f"Refusing to start the Celery {process}: " + problem.format(process=process)
        logger.critical(message)
        # SystemExit, not an exception: Celery logs and swallows exceptions from signal
        # handlers, and this must stop the process.
        raise SystemExit(EXIT_CONFIG)


@signals.celeryd_init.connect
def check_worker_broker(sender=None, conf=None, **kwargs):
    _refuse_in_memory_broker("worker", conf or app.conf)


@signals.beat_init.connect
def check_beat_broker(sender=None, **kwargs):
    _refuse_in_memory_broker("beat", app.conf)
