"""The real-worker harness leaves the Celery app as it found it: a later test in the same
session must still run its tasks eagerly, on the broker its settings name."""

from clinic_site.celery import app
from tests.notifications.workers import (
    celery_overrides,
    celery_overrides_restore,
    celery_publishing_to,
)


def test_publishing_to_a_broker_leaves_no_override_behind(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as live_celery sets it, before the app is read
    with celery_publishing_to(app, "redis://127.0.0.1:1/0"):
        assert app.conf.task_always_eager is False
        assert app.conf.broker_url == "redis://127.0.0.1:1/0"
    assert "task_always_eager" not in app.conf.changes
    assert "broker_url" not in app.conf.changes
    settings.CELERY_TASK_ALWAYS_EAGER = True  # what the rest of the session runs with
    assert app.conf.task_always_eager is True
    assert app.conf.broker_url == settings.CELERY_BROKER_URL


def test_an_override_made_before_is_put_back(settings):
    app.conf.broker_url = "redis://127.0.0.1:2/0"
    try:
        with celery_publishing_to(app, "redis://127.0.0.1:1/0"):
            pass
        assert app.conf.changes["broker_url"] == "redis://127.0.0.1:2/0"
    finally:
        app.conf.changes.pop("broker_url", None)


def test_an_override_left_behind_is_found_and_removed():
    before = celery_overrides(app)
    app.conf.task_always_eager = False
    assert celery_overrides_restore(app, before) == {**before, "task_always_eager": False}
    assert "task_always_eager" not in app.conf.changes
    assert celery_overrides_restore(app, before) is None  # nothing left: nothing to report
