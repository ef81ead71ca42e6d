import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_home_page_renders_with_the_base_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert 'aria-label="Crisis help"' in html
    assert "988" in html and "911" in html
    assert "/static/css/site.css" in html and "bootstrap" not in html
    assert "<footer" in html and "<header" in html


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries, db):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.redis
def test_readyz_is_ok_against_the_real_postgres_and_redis(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_readyz_stays_200_but_degraded_naming_the_broker_when_it_is_unreachable(client):
    # The site keeps working from PostgreSQL without the broker: the instance must stay in
    # the load balancer, and say why it is degraded.
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert "127.0.0.1:1" not in response.content.decode()


REAL_FERNET_KEY = "dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0wMDAwMDA="  # 32 bytes, base64


def _start_prod(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clinic_site.settings.prod",
            "ALLOWED_HOSTS": "clinic.example",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/clinic",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "FIELD_ENCRYPTION_KEYS": REAL_FERNET_KEY,
            "LOOKUP_HASH_KEY": "k" * 32,
            "STAFF_ALERT_EMAILS": "on-call@clinic.example",
            "SECRET_KEY": "s" * 60,
        }
    )
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_prod_settings_refuse_to_start_without_secret_key():
    result = _start_prod({"SECRET_KEY": None})
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "FIELD_ENCRYPTION_KEYS",
        "LOOKUP_HASH_KEY",
        "STAFF_ALERT_EMAILS",
    ],
)
def test_prod_settings_name_each_missing_variable(name):
    result = _start_prod({name: None})
    assert result.returncode != 0
    assert name in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_admin_login_page_renders(client, settings):
    response = client.get(f"/{settings.ADMIN_URL_PATH}login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


@pytest.mark.parametrize(
    ("keys", "named"),
    [
        ("x" * 44, "#1"),  # the right length, but 33 bytes once decoded
        ("correct horse battery staple", "#1"),  # a passphrase, not a key
        (f"{REAL_FERNET_KEY},not-a-key", "#2"),  # the old key of a rotation
        (REAL_FERNET_KEY[:-4], "#1"),  # cut short in a copy and paste
    ],
)
def test_prod_settings_refuse_a_field_encryption_key_that_is_not_a_fernet_key(keys, named):
    result = _start_prod({"FIELD_ENCRYPTION_KEYS": keys})
    assert result.returncode == 78
    assert f"FIELD_ENCRYPTION_KEYS entry {named} is not a Fernet key" in result.stderr
    assert "not-a-key" not in result.stderr and "horse" not in result.stderr  # no key echoed
    assert "Traceback" not in result.stderr


def test_prod_settings_accept_rotated_real_keys():
    from cryptography.fernet import Fernet

    keys = f"{Fernet.generate_key().decode()},{REAL_FERNET_KEY}"
    assert _start_prod({"FIELD_ENCRYPTION_KEYS": keys}).returncode == 0


def test_prod_settings_start_with_only_an_on_call_phone():
    result = _start_prod({"STAFF_ALERT_EMAILS": None, "STAFF_ALERT_PHONES": "+19495550100"})
    assert result.returncode == 0, result.stderr
