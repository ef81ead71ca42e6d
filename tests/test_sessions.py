"""Session writes that are their own transaction commit without waiting for the disk
(clinic_site/sessions.py); a session write inside any other transaction changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic_site.sessions import SessionMiddleware, SessionStore, refresh_is_due

ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF"


def test_the_settings_use_the_clinic_session_store():
    assert settings.SESSION_ENGINE == "clinic_site.sessions"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_session_write_of_its_own_commits_without_waiting_for_the_disk():
    store = SessionStore()
    store["answer"] = 42
    with CaptureQueriesContext(connection) as queries:
        store.save()  # a new session (INSERT), then an update
        store["answer"] = 43
        store.save()
    sql = [q["sql"] for q in queries.captured_queries]
    writes = [i for i, s in enumerate(sql) if s.startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 2, sql
    for i in writes:  # each write's own transaction was made asynchronous first
        assert ASYNC_COMMIT in sql[:i][-3:], sql
    assert not any(s.startswith("SAVEPOINT") for s in sql), sql  # one statement more, no more
    assert SessionStore(session_key=store.session_key).load() == {"answer": 43}
    with connection.cursor() as cursor:  # and only that transaction
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_session_write_inside_another_transaction_changes_nothing():
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        store = SessionStore()
        store["answer"] = 1
        store.save()
    assert not any(ASYNC_COMMIT in q["sql"] for q in queries.captured_queries)
    assert SessionStore(session_key=store.session_key).load() == {"answer": 1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_clashing_new_session_key_is_replaced(monkeypatch):
    first = SessionStore()
    first["n"] = 1
    first.save()
    keys = iter([first.session_key, "b" * 32])
    monkeypatch.setattr(SessionStore, "_get_new_session_key", lambda self: next(keys))
    second = SessionStore()
    second["n"] = 2
    second.save()
    assert second.session_key == "b" * 32
    assert SessionStore(session_key=first.session_key).load() == {"n": 1}


# --- the idle timeout is refreshed at most once a minute -----------------------------------
NOW = dt.datetime(2026, 3, 4, 18, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("stored_expiry", "due"),
    [
        (None, True),  # nothing stored yet
        (NOW + 15 * MIN, False),  # just refreshed
        (NOW + 14 * MIN + dt.timedelta(seconds=1), False),  # 59 s behind
        (NOW + 14 * MIN, True),  # a full minute behind
        (NOW + 2 * MIN, True),
        (NOW - MIN, True),  # already past (the load would not have found it)
    ],
)
def test_refresh_is_due(stored_expiry, due):
    assert (
        refresh_is_due(stored_expiry=stored_expiry, now=NOW, idle_seconds=900, refresh_seconds=60)
        is due
    )


def _session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


@pytest.mark.django_db
def test_an_unchanged_session_is_written_at_most_once_a_minute(client):
    user = get_user_model().objects.create_user("staffer", is_staff=True, is_superuser=True)
    with time_machine.travel(NOW, tick=False) as clock:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            first = client.get(reverse("admin:password_change"))
        assert first.status_code == 200
        assert not _session_writes(queries)  # the stored expiry is fresh
        assert settings.SESSION_COOKIE_NAME not in first.cookies
        assert "Cookie" in first["Vary"]  # the page used the session all the same
        clock.shift(dt.timedelta(seconds=59))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("admin:password_change"))
        assert not _session_writes(queries)
        clock.shift(dt.timedelta(seconds=2))  # 61 s since the last write
        with CaptureQueriesContext(connection) as queries:
            refreshed = client.get(reverse("admin:password_change"))
        assert len(_session_writes(queries)) == 1
        assert settings.SESSION_COOKIE_NAME in refreshed.cookies
        session = SessionStore(session_key=client.session.session_key)
        session.load()
    assert session.stored_expiry == NOW + dt.timedelta(seconds=61 + settings.SESSION_COOKIE_AGE)


@pytest.mark.django_db
def test_a_changed_session_is_written_at_once(rf):
    with time_machine.travel(NOW, tick=False):
        stored = SessionStore()
        stored["step"] = 1
        stored.save()
        request = rf.get("/")
        request.COOKIES[settings.SESSION_COOKIE_NAME] = stored.session_key

        def view(request):
            request.session["step"] = 2  # a change right after the last write
            return HttpResponse()

        with CaptureQueriesContext(connection) as queries:
            response = SessionMiddleware(view)(request)
        assert SessionStore(session_key=stored.session_key).load() == {"step": 2}
    assert len(_session_writes(queries)) == 1
    assert settings.SESSION_COOKIE_NAME in response.cookies


@pytest.mark.django_db
def test_a_session_never_outlives_fifteen_idle_minutes_after_the_last_request(client):
    """Refreshed at most once a minute, the expiry trails the last request by up to a
    minute: the session ends between 14 and 15 idle minutes, never after."""
    user = get_user_model().objects.create_user("staffer", is_staff=True, is_superuser=True)
    with time_machine.travel(NOW, tick=False) as clock:
        client.force_login(user)
        for _ in range(30):  # a request every 30 s for 15 minutes
            clock.shift(dt.timedelta(seconds=30))
            assert client.get(reverse("admin:password_change")).status_code == 200
        clock.shift(15 * MIN)  # 15 idle minutes after the last request
        assert client.get(reverse("admin:password_change")).status_code == 302
