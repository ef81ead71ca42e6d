"""Operator traps: processes that would run on the wrong settings or the in-memory broker
refuse to start, the Procfile carries the production settings, and any mail backend works
under them."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from clinic_site.celery import in_memory_broker_problem

ROOT = Path(__file__).resolve().parent.parent

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinic_site.settings.prod",
    "ALLOWED_HOSTS": "clinic.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/clinic",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEYS": "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZC0=",
    "LOOKUP_HASH_KEY": "k" * 32,
    "STAFF_ALERT_EMAILS": "on-call@clinic.example",
    "SECRET_KEY": "s" * 60,
}


def run(args, env_overrides, timeout=60):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(env_overrides)
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize(
    ("broker", "eager", "refused"),
    [
        ("memory://", False, True),
        ("memory://", True, False),
        ("redis://127.0.0.1:6379/0", False, False),
    ],
)
def test_the_in_memory_broker_is_refused_unless_tasks_are_eager(broker, eager, refused):
    conf = SimpleNamespace(broker_url=broker, task_always_eager=eager)
    assert bool(in_memory_broker_problem(conf)) is refused


@pytest.mark.parametrize("process", ["worker", "beat"])
def test_a_worker_or_beat_on_the_in_memory_broker_refuses_to_start(process, tmp_path):
    args = [sys.executable, "-m", "celery", "-A", "clinic_site", process, "-l", "info"]
    if process == "beat":
        args += ["-s", str(tmp_path / "schedule")]
    result = run(
        args,
        {"DJANGO_SETTINGS_MODULE": "clinic_site.settings.test", "CELERY_TASK_ALWAYS_EAGER": "0"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 78, output
    assert f"Refusing to start the Celery {process}" in output
    assert " ready." not in output


def test_a_worker_without_settings_loads_production_and_names_what_is_missing():
    result = run([sys.executable, "-m", "celery", "-A", "clinic_site", "worker"], {})
    assert result.returncode == 78
    assert "required environment variable SECRET_KEY is not set" in result.stderr


def test_every_procfile_process_runs_with_the_production_settings():
    lines = [line for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()]
    assert {line.split(":", 1)[0] for line in lines} >= {"web", "worker", "beat", "release"}
    for line in lines:
        command = line.split(":", 1)[1]
        for part in command.split("&&"):
            assert part.strip().startswith("DJANGO_SETTINGS_MODULE=clinic_site.settings.prod "), (
                line
            )


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
    ],
)
def test_any_mail_backend_works_under_the_production_settings(backend):
    # The on-call alert path: notifications.emails.email_send with prod settings.
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from notifications.emails import email_send\n"
        "print(sorted(settings.MAILERS['default'].get('OPTIONS', {})))\n"
        "if 'smtp' not in settings.MAILERS['default']['BACKEND']:\n"
        "    email_send(to='on-call@clinic.example', subject='Urgent inquiry KC-TEST1',"
        " text='Please open the admin.')\n"
        "print('sent')\n"
    )
    result = run([sys.executable, "-c", script], {**PROD_ENV, "EMAIL_BACKEND": backend})
    assert result.returncode == 0, result.stderr
    assert "sent" in result.stdout
    smtp = "smtp" in backend
    assert ("'host'" in result.stdout) is smtp  # only SMTP gets host/port/...
