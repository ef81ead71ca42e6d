"""Real Celery workers (a pytest plugin, loaded by tests/conftest.py): the `live_celery`
fixture for any test, workers in this process (threads) or in their own process on the real
Redis broker and the test database, and waits on state, not on time."""

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest


def _drop_broker_pools(app) -> None:
    from kombu import pools

    pools.reset()  # kombu keeps process-wide connection and producer pools
    app._pool = None
    with contextlib.suppress(AttributeError, KeyError):
        app.__dict__["amqp"]._producer_pool = None


def point_broker_at(app, url: str) -> None:
    """Switch the Celery app's broker; drop pooled connections to the old one."""
    app.conf.broker_url = url
    _drop_broker_pools(app)


@contextlib.contextmanager
def celery_publishing_to(app, broker_url: str):
    """The Celery app not eager and publishing to `broker_url`; afterwards exactly as before.

    The app reads Django's settings through `config_from_object`, and a value assigned to
    `app.conf` is an override that outlives the test (pytest-django's `settings` fixture
    restores Django's settings, not Celery's overrides). So the overrides this sets are
    removed afterwards (or put back to what they were), never "restored" to a value read
    while a test had changed the settings: that would pin `task_always_eager=False` for
    every later test in the session, whose on-commit tasks would then go to a broker no
    worker reads.
    """
    keys = ("task_always_eager", "broker_url")
    overrides = {key: app.conf.changes[key] for key in keys if key in app.conf.changes}
    app.conf.task_always_eager = False
    point_broker_at(app, broker_url)
    try:
        yield app
    finally:
        for key in keys:
            if key in overrides:
                app.conf[key] = overrides[key]
            else:
                app.conf.changes.pop(key, None)
        _drop_broker_pools(app)


_PUBLISHING_KEYS = ("task_always_eager", "broker_url")


def celery_overrides(app) -> dict:
    """The app's own overrides of whether tasks run eagerly and of the broker (None: it
    reads the Django setting)."""
    return {key: app.conf.changes.get(key) for key in _PUBLISHING_KEYS}


def celery_overrides_restore(app, before: dict) -> dict | None:
    """Put the overrides back as they were; return what was found instead, or None."""
    after = celery_overrides(app)
    if after == before:
        return None
    for key, value in before.items():
        if value is None:
            app.conf.changes.pop(key, None)
        else:
            app.conf[key] = value
    _drop_broker_pools(app)
    return after


@pytest.fixture(autouse=True)
def celery_left_as_found():
    """Every test leaves the Celery app reading its settings: an override of whether tasks
    run eagerly, or of the broker, left behind fails the test that left it, not a later one
    (whose on-commit tasks would go to a broker no worker reads)."""
    from clinic_site.celery import app

    before = celery_overrides(app)
    yield
    leaked = celery_overrides_restore(app, before)
    if leaked is not None:
        pytest.fail(f"this test left Celery overrides behind: {leaked} (before: {before})")


@pytest.fixture
def live_celery(settings):
    """The project's Celery app publishing to the real Redis (not eager), with nothing left
    from an earlier test: the queue purged, and no delivered-but-unacknowledged task (a worker
    killed on purpose leaves one until the visibility timeout, an hour)."""
    from clinic_site.celery import app

    os.environ.setdefault("CELERY_SKIP_CHECKS", "1")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with celery_publishing_to(app, settings.REDIS_URL):
        with app.connection_for_write() as connection:
            channel = connection.default_channel
            for queue in queue_names(app):
                channel.queue_purge(queue)
            channel.client.delete(channel.unacked_key, channel.unacked_index_key)
        yield app


@contextlib.contextmanager
def running_workers(app, *, count: int = 1, concurrency: int = 2, queues=None):
    """`count` real Celery workers (thread pools) consuming from the real Redis, in threads.

    Like celery.contrib.testing.worker.start_worker, but several at once: Celery's stop flag
    is process-wide, so they are stopped together and then joined.
    """
    from celery.contrib.testing.worker import TestWorkController, setup_app_for_worker
    from celery.worker import state

    setup_app_for_worker(app, "error", None)
    workers, threads = [], []
    try:
        for _ in range(count):
            worker = TestWorkController(
                app=app,
                concurrency=concurrency,
                hostname=f"test-{uuid.uuid4().hex[:8]}@localhost",
                pool="threads",
                loglevel="error",
                logfile=None,
                ready_callback=None,
                without_heartbeat=True,
                without_mingle=True,
                without_gossip=True,
                queues=queues,
            )
            thread = threading.Thread(target=worker.start, daemon=True)
            thread.start()
            worker.ensure_started()
            workers.append(worker)
            threads.append(thread)
        yield workers
    finally:
        # `queues` narrowed what the app consumes (process-wide): put it back for the next.
        app.amqp.queues._consume_from = None
        state.should_terminate = 0
        for thread in threads:
            thread.join(20)
        state.should_terminate = None
        alive = [t for t in threads if t.is_alive()]
        if alive:
            frames = sys._current_frames()
            stacks = "\n".join("".join(traceback.format_stack(frames[t.ident])) for t in alive)
            raise AssertionError(f"a worker did not stop:\n{stacks}")


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def worker_process(settings, fake_twilio, *, concurrency: int = 3):
    """A real `celery worker` in its own process, on the same Redis, test database and fake
    Twilio server as this test."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_SKIP_CHECKS": "1",
        "SMS_BACKEND": settings.SMS_BACKEND,
        "FAKE_TWILIO_URL": fake_twilio.url,
        "TWILIO_ACCOUNT_SID": settings.TWILIO_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": settings.TWILIO_AUTH_TOKEN,
        "TWILIO_MESSAGING_SERVICE_SID": settings.TWILIO_MESSAGING_SERVICE_SID,
        "TWILIO_TIMEOUT_SECONDS": str(settings.TWILIO_TIMEOUT_SECONDS),
        "SITE_URL": settings.SITE_URL,
        "QUIET_HOURS_START": str(settings.QUIET_HOURS_START),
        "QUIET_HOURS_END": str(settings.QUIET_HOURS_END),
        "MESSAGE_MAX_ATTEMPTS": str(settings.MESSAGE_MAX_ATTEMPTS),
        "MESSAGE_RETRY_BASE_SECONDS": str(settings.MESSAGE_RETRY_BASE_SECONDS),
        "MESSAGE_RETRY_MAX_SECONDS": str(settings.MESSAGE_RETRY_MAX_SECONDS),
    }
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "worker.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "clinic_site",
                    "worker",
                    "-P",
                    "threads",
                    "-c",
                    str(concurrency),
                    "--without-mingle",
                    "--without-gossip",
                    "--without-heartbeat",
                    "-n",
                    f"sub-{uuid.uuid4().hex[:8]}@localhost",
                    "-l",
                    "info",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            if not wait_for(
                lambda: " ready." in log_path.read_text(errors="replace"), timeout=30, interval=0.1
            ):
                raise AssertionError("worker process did not start:\n" + log_path.read_text())
            yield WorkerProcess(process=process, log_path=log_path)
        finally:
            process.terminate()  # warm shutdown: finish running tasks, requeue the rest
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def queue_names(app) -> list[str]:
    """Every queue the app routes tasks to (settings.CELERY_TASK_QUEUES: the default and
    "urgent")."""
    return [queue.name for queue in app.conf.task_queues or ()] or [app.conf.task_default_queue]


def broker_idle(app) -> bool:
    """Nothing left for any worker: the queues are empty and no task is delivered but
    unfinished. Tasks acknowledge late, so a running task, and a retry waiting for its
    countdown, both stay in Redis's "unacked" hash until they are done."""
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        waiting = sum(channel.client.llen(queue) for queue in queue_names(app))
        return waiting == 0 and channel.client.hlen(channel.unacked_key) == 0


def wait_for(predicate, *, timeout: float = 20.0, interval: float = 0.05):
    """Poll until predicate() is true; return its last value (falsy on timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)
