"""Signed-in sessions move to the staff permissions backend with it.

Django keeps the path of the backend that signed a person in (`_auth_user_backend`) in their
session and accepts the session only while that path is in AUTHENTICATION_BACKENDS. When
ModelBackend was replaced by `staff.permissions_backend.OneQueryPermissionsBackend` (the same
answers, one query), every staff session would have become signed out without being
cleared: the verified-device mark would then survive into the next password sign-in and
skip the second factor. Rewriting the path keeps everyone signed in exactly as they were.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import migrations

DJANGO_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ONE_QUERY_BACKEND = "staff.permissions_backend.OneQueryPermissionsBackend"


def sessions_backend_rename(apps, old: str, new: str, alias: str = "default") -> int:
    """Rewrite `old` to `new` as the backend of every stored session; how many changed."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    session_model = apps.get_model("sessions", "Session")
    changed = 0
    for row in session_model.objects.using(alias).iterator():
        data = store.decode(row.session_data)  # {} for data that does not verify
        if data.get(BACKEND_SESSION_KEY) == old:
            data[BACKEND_SESSION_KEY] = new
            row.session_data = store.encode(data)
            row.save(update_fields=["session_data"], using=alias)
            changed += 1
    return changed


def forwards(apps, schema_editor):
    sessions_backend_rename(
        apps, DJANGO_MODEL_BACKEND, ONE_QUERY_BACKEND, schema_editor.connection.alias
    )


def backwards(apps, schema_editor):
    sessions_backend_rename(
        apps, ONE_QUERY_BACKEND, DJANGO_MODEL_BACKEND, schema_editor.connection.alias
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sessions", "0001_initial"),
        ("staff", "0003_inquiry_first_contact"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
