"""Shared fixtures. Real PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set.

Under REQUIRE_SERVICES=1 (set by .ci/run) a test marked `postgres` or `redis` fails when the
service is missing instead of being skipped; REQUIRE_BROWSER=1 does the same for `browser`.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from clinic_site.i18n import compile_stale_catalogues
from clinic_site.outage import BREAKERS
from clinic_site.pagination import forget_estimates
from clinic_site.ratelimit import fail_open_notice

# Plugins whose fixtures any test may use: the real-browser harness (browser, journey,
# open_journey; axe and reflow checks) and real Celery workers (live_celery).
pytest_plugins = ["tests.browser_harness", "tests.notifications.workers"]


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0", "false", "no")


def using_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def using_redis() -> bool:
    return bool(settings.REDIS_URL)


# What each missing service made us skip, for the one banner at the end of the run.
_skipped_for: dict[str, list[str]] = {}


def _missing(reason: str, strict_flag: str, *, item=None):
    if _env_flag(strict_flag):
        pytest.fail(f"{reason} and {strict_flag}=1: this test must not be skipped")
    if item is not None:
        _skipped_for.setdefault(reason, []).append(item.nodeid)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter):
    """One banner naming what this run could not test, so a green run is not misread."""
    if not _skipped_for:
        return
    terminalreporter.section("NOT TESTED: services missing", sep="!", yellow=True, bold=True)
    for reason, nodeids in _skipped_for.items():
        count = f"{len(nodeids)} test{'s' if len(nodeids) != 1 else ''}"
        terminalreporter.write_line(f"{count} skipped: {reason}", yellow=True)
    terminalreporter.write_line(
        "Start PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379) and "
        "`make test` uses them; install Debian's chromium for the browser tests."
    )


def pytest_sessionstart(session):
    # The .mo files are build output (make compiles them; see clinic_site/i18n.py): a plain
    # `pytest` in a fresh checkout compiles what is missing or stale, so Spanish is tested.
    compile_stale_catalogues()
    if _env_flag("REQUIRE_SERVICES"):
        problems = []
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            problems.append("DATABASE_URL must point at PostgreSQL")
        if not os.environ.get("REDIS_URL"):
            problems.append("REDIS_URL must be set")
        if problems:
            raise pytest.UsageError("REQUIRE_SERVICES=1 but " + "; ".join(problems))


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and not using_postgres():
        _missing("needs PostgreSQL (DATABASE_URL not set)", "REQUIRE_SERVICES", item=item)
    if item.get_closest_marker("redis") and not using_redis():
        _missing("needs Redis (REDIS_URL not set)", "REQUIRE_SERVICES", item=item)
    if item.get_closest_marker("browser") and not shutil.which("chromium"):
        _missing("needs Debian's chromium (apt-get install chromium)", "REQUIRE_BROWSER", item=item)


@pytest.fixture(autouse=True)
def _clean_cache():
    # Each test starts with Redis considered up (a test that saw an outage must not make the
    # next one skip the cache or the broker).
    for breaker in BREAKERS.values():
        breaker.reset()
    fail_open_notice.clear()
    forget_estimates()
    cache.clear()
    yield
    cache.clear()
