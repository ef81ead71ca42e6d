"""Database sessions whose own writes do not wait for the disk.

SESSION_SAVE_EVERY_REQUEST (the staff idle timeout) writes the session row on every staff
request, and the inquiry wizard writes one on every step. Each of those was a transaction of
its own whose COMMIT waited for PostgreSQL to flush the WAL to disk: 7–23 ms of a 30–45 ms
admin queue page on this machine, and most of an inquiry step's time under load.

Those transactions now commit with `synchronous_commit = off`: PostgreSQL still writes them
in order and never half-way, but answers before the flush. What a database crash could lose
is the last fraction of a second of session writes: an idle-timeout extension (the session
then ends *sooner*, never later) or a session just started (the visitor signs in or starts
the form again). Only a session write that is its own transaction is changed: inside any
other transaction (a sign-in, a service's atomic block) nothing is, so no other write ever
becomes asynchronous.

The idle timeout is also refreshed at most once a minute (`SESSION_REFRESH_SECONDS`): a
request that changed nothing in the session writes it only when its stored expiry has fallen
a minute or more behind the full idle period. A session therefore ends between 14 and 15
idle minutes after the last request, never later, and a staff member paging through the
queue no longer writes a session row on every click (four statements fewer per page).
"""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.cache import patch_vary_headers


def refresh_is_due(*, stored_expiry, now, idle_seconds: int, refresh_seconds: int) -> bool:
    """Whether an unchanged session's stored expiry should be pushed to now + idle period:
    when nothing is stored (a new or vanished session), or it has fallen behind by at least
    `refresh_seconds`."""
    if stored_expiry is None:
        return True
    return stored_expiry <= now + dt.timedelta(seconds=idle_seconds - refresh_seconds)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that an unchanged session whose refresh is not yet due is left as
    it is: no write, no new cookie (the cookie lasts until the browser closes)."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_SAVE_EVERY_REQUEST
            and not session.modified
            and isinstance(session, SessionStore)
            and not session.refresh_is_due()
        ):
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)


class SessionStore(DatabaseSessionStore):
    stored_expiry = None  # the row's expire_date as loaded; None until a row is read

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.stored_expiry = row.expire_date if row is not None else None
        return row

    def refresh_is_due(self) -> bool:
        if not self._session_key:
            return True  # no session: Django's own rules
        accessed = self.accessed
        self._get_session()  # reads the row and its expiry, if this request has not yet
        self.accessed = accessed  # reading it here is not the page using the session
        return refresh_is_due(
            stored_expiry=self.stored_expiry,
            now=timezone.now(),
            idle_seconds=self.get_expiry_age(),
            refresh_seconds=settings.SESSION_REFRESH_SECONDS,
        )

    def save(self, must_create=False):
        using = router.db_for_write(self.model, instance=None)
        connection = connections[using]
        if (
            connection.vendor != "postgresql"
            or connection.in_atomic_block
            or self.session_key is None  # create() picks a key, then calls save() again
        ):
            return super().save(must_create=must_create)
        # Django's own save(), with the setting in the same transaction (one statement more;
        # no savepoint, which a nested atomic block would add).
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        try:
            with transaction.atomic(using=using):
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise
