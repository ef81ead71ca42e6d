"""Liveness and readiness probes for the load balancer and the orchestrator."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .outage import broker_breaker


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches nothing else."""
    return JsonResponse({"status": "ok"})


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    # Through the cache backend's breaker: this probe is also what notices Redis's return.
    cache.set("readyz-probe", "1", timeout=10)
    if cache.get("readyz-probe") != "1":
        raise RuntimeError("cache read-back failed")


def _check_broker():
    from kombu import Connection

    if not broker_breaker.allow():
        raise RuntimeError("broker down (checked less than OUTAGE_RETRY_SECONDS ago)")
    url = settings.CELERY_BROKER_URL
    try:
        with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2}) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as exc:
        broker_breaker.failed(exc)
        raise
    broker_breaker.succeeded()


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}
# Without these the site still serves every page and takes every inquiry and booking (from
# PostgreSQL; messages wait in the outbox), so the instance stays in the load balancer.
DEGRADABLE = {"cache", "broker"}


@never_cache
def readyz(request):
    """Readiness: 200 "ok" when everything answers; 200 "degraded" when only Redis (cache or
    broker) is down, because the site keeps working from PostgreSQL and pulling every
    instance out of the load balancer would take it down for nothing; 503 "unavailable"
    when the database is down. The body names the failing part only, never an address."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # noqa: BLE001 - any failure means "not ready"; no details leak
            results[name] = "unavailable"
    failing = {name for name, result in results.items() if result != "ok"}
    if not failing:
        status, code = "ok", 200
    elif failing <= DEGRADABLE:
        status, code = "degraded", 200
    else:
        status, code = "unavailable", 503
    return JsonResponse({"status": status, "checks": results}, status=code)
