"""Writing the audit trail: `audit_record(...)` and helpers to describe field changes.

Every view of an inquiry or appointment detail, every change, resend and export goes
through `audit_record` (see docs/CONTRACTS.md). Values in `changes` are stored encrypted.
"""

import datetime
import decimal
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from clinic_site.client_ip import client_ip
from clinic_site.crypto import EncryptedJSONField
from staff.models import AuditEntry

ACTIONS = frozenset(AuditEntry.Action.values)
# Shown instead of a value for fields whose content must not be copied into the trail.
REDACTED = "(changed; value not recorded)"


def audit_record(
    *,
    request=None,
    user=None,
    action: str,
    obj=None,
    changes: dict | None = None,
    detail: str = "",
) -> AuditEntry:
    """Append one row to the audit trail and return it.

    `user` defaults to the request's signed-in user; without either the entry is the
    system's. `obj` is any saved model instance (or None for site-wide actions such as an
    export of many rows). `changes` maps a field name to `[from, to]`.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if user is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            user = request_user
    entry = AuditEntry(
        action=action,
        user=user if user is not None and user.pk else None,
        username=user.get_username() if user is not None else "",
        ip_address=client_ip(request) if request is not None else None,
        changes=changes or None,
        detail=detail[:500],
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def audit_value(value):
    """A JSON-safe, human-readable form of a field value for the `changes` map."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return f"{value} (#{value.pk})"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): audit_value(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [audit_value(v) for v in value]
    return str(value)


def field_changes(
    before: models.Model | None,
    after: models.Model,
    *,
    redact: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> dict:
    """`{field: [from, to]}` for every concrete field that differs between two instances.

    `before=None` (a new object) lists every field that has a value. Fields named in
    `redact`, and every encrypted JSON field (screening answers), record that they changed
    but not their values; `skip` leaves fields out.
    """
    redact, skip = set(redact), set(skip)
    changes = {}
    for field in after._meta.concrete_fields:
        if field.primary_key or field.name in skip:
            continue
        if getattr(field, "auto_now", False):
            continue
        new = field.value_from_object(after)
        old = field.value_from_object(before) if before is not None else None
        if before is None and new in (None, "", [], {}):
            continue
        if old == new:
            continue
        if field.name in redact or isinstance(field, EncryptedJSONField):
            changes[field.name] = [None if before is None else REDACTED, REDACTED]
        elif field.is_relation:
            changes[field.name] = [
                audit_value(getattr(before, field.name)) if before is not None else None,
                audit_value(getattr(after, field.name)),
            ]
        else:
            changes[field.name] = [audit_value(old), audit_value(new)]
    return changes
