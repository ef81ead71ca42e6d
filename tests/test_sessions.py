"""Session writes that are their own transaction commit without waiting for the disk
(clinic_site/sessions.py); a session write inside any other transaction changes nothing."""

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from clinic_site.sessions import SessionStore

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
