"""Two-factor sign-in, lockout, idle session expiry and the admin path setting."""

import datetime as dt
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import STAFF_PASSWORD

INDEX = "admin:index"


def code_for(device: TOTPDevice) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


def sign_in_with_password(client, username):
    return client.post(
        reverse("admin:login") + "?next=" + reverse(INDEX),
        {"username": username, "password": STAFF_PASSWORD, "next": reverse(INDEX)},
    )


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.mark.django_db
def test_without_two_factor_required_a_password_opens_the_admin(client, front_desk):
    assert sign_in_with_password(client, "frontdesk").status_code == 302
    assert client.get(reverse(INDEX)).status_code == 200


@pytest.mark.django_db
def test_with_two_factor_a_password_alone_opens_nothing(client, front_desk, two_factor_on):
    response = sign_in_with_password(client, "frontdesk")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:staff_two_factor"))
    for name in (INDEX, "admin:intake_inquiry_changelist"):
        page = client.get(reverse(name))
        assert page.status_code == 302 and page["Location"].startswith(reverse("admin:login"))
    # ...and the login page sends them on to the second step, not back to the password.
    assert client.get(reverse("admin:login"))["Location"].startswith(
        reverse("admin:staff_two_factor")
    )


@pytest.mark.django_db
def test_enrolment_shows_an_inline_qr_and_gives_backup_codes(client, front_desk, two_factor_on):
    sign_in_with_password(client, "frontdesk")
    step = client.get(reverse("admin:staff_two_factor"))
    assert step.status_code == 302 and step["Location"].startswith(
        reverse("admin:staff_two_factor_setup")
    )
    page = client.get(reverse("admin:staff_two_factor_setup"))
    html = page.content.decode()
    assert "<svg" in html and "otpauth" not in html.split("<svg")[0]
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert not TOTPDevice.objects.filter(user=front_desk).exists()  # a GET stores nothing
    device = TOTPDevice(key=client.session["staff_totp_setup_key"])

    wrong = client.post(reverse("admin:staff_two_factor_setup"), {"token": "000000"})
    assert "did not match" in wrong.content.decode()
    assert client.get(reverse(INDEX)).status_code == 302

    done = client.post(reverse("admin:staff_two_factor_setup"), {"token": code_for(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=front_desk).confirmed
    assert client.get(reverse(INDEX)).status_code == 200

    # A new session: password, then one backup code, which works once only.
    client.logout()
    sign_in_with_password(client, "frontdesk")
    ok = client.post(reverse("admin:staff_two_factor"), {"token": codes[0], "next": "/"})
    assert ok.status_code == 302
    assert client.get(reverse(INDEX)).status_code == 200
    client.logout()
    sign_in_with_password(client, "frontdesk")
    again = client.post(reverse("admin:staff_two_factor"), {"token": codes[0]})
    assert again.status_code == 200 and "not accepted" in again.content.decode()
    assert StaticToken.objects.filter(device__user=front_desk).count() == 9


@pytest.mark.django_db
def test_a_password_alone_cannot_add_a_device_to_an_enrolled_account(
    client, front_desk, two_factor_on
):
    TOTPDevice.objects.create(user=front_desk, name="phone", confirmed=True)
    sign_in_with_password(client, "frontdesk")
    page = client.get(reverse("admin:staff_two_factor_setup"))
    assert page.status_code == 302 and page["Location"] == reverse("admin:staff_two_factor")
    assert TOTPDevice.objects.filter(user=front_desk).count() == 1


@pytest.mark.django_db
def test_the_authenticator_code_signs_in(client, front_desk, two_factor_on):
    device = TOTPDevice.objects.create(user=front_desk, name="phone", confirmed=True)
    sign_in_with_password(client, "frontdesk")
    client.post(reverse("admin:staff_two_factor"), {"token": code_for(device)})
    assert client.get(reverse(INDEX)).status_code == 200


def test_production_settings_always_require_two_factor():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.prod",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "clinic.example",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/none",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "FIELD_ENCRYPTION_KEYS": "dGhyb3dhd2F5LWZpZWxkLWtleS1mb3ItY2hlY2tzLTA=",
        "LOOKUP_HASH_KEY": "h",
        "STAFF_ALERT_EMAILS": "on-call@clinic.example",
        "STAFF_REQUIRE_2FA": "false",
    }
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.STAFF_REQUIRE_2FA)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert out.stdout.strip() == "True"


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client, front_desk):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "frontdesk", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post(url, {"username": "frontdesk", "password": "wrong"})
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    # Even the right password is refused while the lock holds.
    right = client.post(url, {"username": "frontdesk", "password": STAFF_PASSWORD})
    assert right.status_code == 429
    assert client.get(reverse(INDEX)).status_code == 302


@pytest.mark.django_db
def test_a_session_ends_after_fifteen_idle_minutes(client_for, front_desk):
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    start = dt.datetime(2026, 3, 4, 18, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(front_desk)
        assert client.get(reverse(INDEX)).status_code == 200
        clock.shift(dt.timedelta(minutes=14))
        assert client.get(reverse(INDEX)).status_code == 200  # activity renews the session
        clock.shift(dt.timedelta(minutes=14))
        assert client.get(reverse(INDEX)).status_code == 200
        clock.shift(dt.timedelta(minutes=16))
        response = client.get(reverse(INDEX))
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("admin:login")
        )


def test_the_admin_lives_at_the_configured_path():
    assert reverse(INDEX) == "/" + settings.ADMIN_URL_PATH
