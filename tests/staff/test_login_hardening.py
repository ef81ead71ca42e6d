"""Sign-in hardening: a username locks across addresses, an address trying many usernames is
turned away, and behind our proxy each client is counted (and audited) by its own address."""

import pytest
from django.conf import settings
from django.urls import reverse

from staff.models import AuditEntry
from tests.factories import STAFF_PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = "admin:login"


def sign_in(client, username, password, ip, **headers):
    return client.post(
        reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def test_one_username_tried_from_many_addresses_locks_for_every_address(client, front_desk):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "frontdesk", "wrong", f"203.0.113.{n + 1}").status_code == 200
    locked = sign_in(client, "frontdesk", "wrong", "203.0.113.99")
    assert locked.status_code == 429
    assert "for this account" in locked.content.decode()
    # The right password from yet another address is refused while the lock holds.
    assert sign_in(client, "frontdesk", STAFF_PASSWORD, "198.51.100.50").status_code == 429
    # Another account is not affected.
    StaffUserFactory(username="clinician2", role="Clinician")
    assert sign_in(client, "clinician2", STAFF_PASSWORD, "198.51.100.50").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, front_desk):
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2026, 3, 4, 18, 0, tzinfo=dt.UTC), tick=False) as clock:
        for n in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "frontdesk", "wrong", f"203.0.113.{n + 1}")
        assert sign_in(client, "frontdesk", STAFF_PASSWORD, "198.51.100.50").status_code == 429
        clock.shift(dt.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1))
        assert sign_in(client, "frontdesk", STAFF_PASSWORD, "198.51.100.50").status_code == 302


def test_an_address_trying_many_usernames_is_turned_away(client, front_desk):
    limit, _ = settings.LOGIN_IP_FAILURE_RATE.split("/")
    for n in range(int(limit)):
        response = sign_in(client, f"guess{n}", "wrong", "203.0.113.7")
        assert response.status_code == 200, n
    turned_away = sign_in(client, "frontdesk", STAFF_PASSWORD, "203.0.113.7")
    assert turned_away.status_code == 429
    assert "from this network" in turned_away.content.decode()
    # Staff elsewhere sign in as usual.
    assert sign_in(client, "frontdesk", STAFF_PASSWORD, "198.51.100.50").status_code == 302


def test_behind_the_trusted_proxy_clients_are_told_apart_and_audited_by_their_address(
    client, front_desk, settings
):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/8"]
    limit, _ = settings.LOGIN_IP_FAILURE_RATE.split("/")
    via_proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for n in range(int(limit)):
        client.post(
            reverse(LOGIN),
            {"username": f"guess{n}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **via_proxy,
        )
    # The guesser is turned away; a colleague behind the same proxy is not.
    assert (
        client.post(
            reverse(LOGIN),
            {"username": "frontdesk", "password": STAFF_PASSWORD},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **via_proxy,
        ).status_code
        == 429
    )
    response = client.post(
        reverse(LOGIN),
        {"username": "frontdesk", "password": STAFF_PASSWORD},
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20",
        **via_proxy,
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="login")
    assert entry.ip_address == "198.51.100.20"  # the client, not the proxy or a spoofed hop
