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
"""

from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, IntegrityError, connections, router, transaction


class SessionStore(DatabaseSessionStore):
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
