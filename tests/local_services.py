"""`make test` uses the real PostgreSQL and Redis when they answer on this machine.

Run by the Makefile before pytest as `eval "$(python -m tests.local_services)"`. For each
of DATABASE_URL and REDIS_URL that is not already set, it asks the default local port
(PostgreSQL as user postgres on 127.0.0.1:5432, Redis on 127.0.0.1:6379) and, when it
answers, prints an `export` for it:

- PostgreSQL: a database of its own, `clinic_make_test` (pytest-django creates and drops
  `test_clinic_make_test`), so it never touches the development database;
- Redis: database 12 (the test cache takes 13), away from CI's broker (/0) and cache (/1)
  and from `make bench` (/14).

What does not answer is left unset; those tests are skipped and the run ends with one
banner naming them (tests/conftest.py). Nothing here is used when the variables are set,
as in CI.
"""

import os
import socket
import sys

POSTGRES_PROBE = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/clinic_make_test"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/12"


def postgres_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_PROBE, connect_timeout=2) as connection:
            connection.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not usable here"
        return False
    return True


def redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def main() -> None:
    found = []
    if not os.environ.get("DATABASE_URL") and postgres_answers():
        print(f"export DATABASE_URL={POSTGRES_URL}")
        found.append("PostgreSQL")
    if not os.environ.get("REDIS_URL") and redis_answers():
        print(f"export REDIS_URL={REDIS_URL}")
        found.append("Redis")
    if found:
        sys.stderr.write(f"make test: using the local {' and '.join(found)}\n")


if __name__ == "__main__":
    main()
