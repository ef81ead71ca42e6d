"""Outbox throughput: messages per second one Celery worker delivers to a fake Twilio server.

The whole real path: Message rows in PostgreSQL, delivery tasks on Redis, one Celery worker
(thread pool) claiming each row with a conditional UPDATE, the real twilio SDK sending over
HTTP to notifications.testing.fake_twilio on 127.0.0.1 (in its own process), and the
result recorded. Messages
are created first (their tasks wait on the broker); the clock runs from the moment the
worker is ready until every message is recorded as sent. Also checks exactly-once: the fake
server must have accepted each message once.

Run: .venv/bin/python bench/notifications_throughput.py [--messages N] [--concurrency C]
     [--latency-ms MS]
Standalone it uses the test settings with PostgreSQL database `clinic_notif_bench` (created
and migrated if missing) and Redis database 14; `make bench` passes its own environment.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_notif_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("CELERY_SKIP_CHECKS", "1")


def ensure_database() -> None:
    """Create the PostgreSQL database if it is missing, then migrate it."""
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        import psycopg

        params = {
            "host": db.get("HOST") or "127.0.0.1",
            "port": db.get("PORT") or 5432,
            "user": db.get("USER") or "postgres",
            "password": db.get("PASSWORD") or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0, interactive=False)


def serve_fake_twilio(latency_seconds: float, pipe) -> None:
    """Child process: run the fake Twilio server (its own GIL), report what it accepted."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.test")
    import django

    django.setup()
    from notifications.testing.fake_twilio import FakeTwilioServer

    server = FakeTwilioServer(latency_seconds=latency_seconds).start()
    pipe.send(server.url)
    pipe.recv()  # "stop"
    pipe.send(server.accepted_by_body())
    server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=int(os.environ.get("BENCH_MESSAGES", 500)))
    parser.add_argument("--concurrency", type=int, default=4, help="worker threads")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="fake API round trip")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()

    import django

    django.setup()
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings
    from django.db import transaction

    from clinic_site.celery import app
    from notifications.models import Message
    from notifications.services import message_create
    from notifications.testing.fake_twilio import FakeTwilioServer

    for noisy in ("twilio.http_client", "celery", "kombu"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if not settings.REDIS_URL:
        print("REDIS_URL is not set: this benchmark needs the real Redis broker")
        return 2
    ensure_database()

    # The fake server runs in its own process, like the real API, so it does not compete with
    # the worker for this process's GIL.
    context = multiprocessing.get_context("spawn")
    parent_end, child_end = context.Pipe()
    child = context.Process(
        target=serve_fake_twilio, args=(args.latency_ms / 1000, child_end), daemon=True
    )
    child.start()
    os.environ["FAKE_TWILIO_URL"] = parent_end.recv()
    for name, value in (
        FakeTwilioServer()
        .settings(
            SITE_URL="https://clinic.example",
            QUIET_HOURS_START=0,  # measure delivery, not the clock on the wall
            QUIET_HOURS_END=0,
            TWILIO_TIMEOUT_SECONDS=10.0,
        )
        .items()
    ):
        setattr(settings, name, value)
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.REDIS_URL
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)

    run = uuid.uuid4().hex[:8]
    prefix = f"bench-{run}"
    try:
        started_creating = time.perf_counter()
        with transaction.atomic():
            for i in range(args.messages):
                message_create(
                    channel="sms",
                    to=f"+1949555{i % 10000:04d}",
                    template_key="booking_reminder",
                    context={
                        "when": f"tomorrow at 10:00 am Pacific time (#{i})",
                        "where": "Irvine office",
                        "manage_link": f"https://clinic.example/book/manage/{run}{i}/",
                    },
                    idempotency_key=f"{prefix} {i}",
                )
        created_in = time.perf_counter() - started_creating
        outbox = Message.objects.filter(idempotency_key__startswith=prefix)

        with start_worker(
            app,
            pool="threads",
            concurrency=args.concurrency,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=30,
        ):
            started = time.perf_counter()
            deadline = started + args.timeout
            while outbox.filter(status=Message.Status.SENT).count() < args.messages:
                if time.perf_counter() > deadline:
                    print(f"timed out: {outbox.filter(status='sent').count()} sent")
                    return 1
                time.sleep(0.02)
            elapsed = time.perf_counter() - started

        parent_end.send("stop")
        accepted = parent_end.recv()
        exactly_once = len(accepted) == args.messages and set(accepted.values()) == {1}
        url = urlsplit(settings.REDIS_URL)
        print(
            f"notifications outbox: {args.messages} SMS, 1 worker × {args.concurrency} threads, "
            f"fake Twilio latency {args.latency_ms:.0f} ms, broker Redis {url.hostname}{url.path}"
        )
        print(f"  created (one transaction): {created_in:.2f} s")
        print(f"  delivered: {elapsed:.2f} s → {args.messages / elapsed:.0f} messages/second")
        print(
            f"  exactly once: {'yes' if exactly_once else 'NO'} "
            f"({sum(accepted.values())} accepted sends for {args.messages} messages)"
        )
        return 0 if exactly_once else 1
    finally:
        child.terminate()
        Message.objects.filter(idempotency_key__startswith=prefix).delete()


if __name__ == "__main__":
    sys.exit(main())
