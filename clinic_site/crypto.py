"""Encryption at rest, keyed lookup hashes and signed tokens, shared by every app.

- EncryptedTextField / EncryptedJSONField: Fernet (AES-128-CBC + HMAC-SHA256) with a
  MultiFernet key ring from FIELD_ENCRYPTION_KEYS; the first key encrypts, all decrypt.
  Rotation: put a new key first, run `manage.py rotate_encryption_keys`, drop the old key.
- lookup_hash(): HMAC-SHA256 of a normalised email or phone, so staff can find a person by
  exact email/phone without the database holding either in plain text.
- make_token()/read_token(): signed, expiring, purpose-bound tokens for private links.
"""

import base64
import hashlib
import hmac
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models

from clinic_site.phones import normalize_phone


def _fernet_for(key: str) -> Fernet:
    raw = key.encode()
    try:
        return Fernet(raw)
    except ValueError:
        # Accept any secret string: derive a Fernet key from it (32 bytes, urlsafe b64).
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(raw).digest()))


@lru_cache(maxsize=8)
def _key_ring(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty")
    return MultiFernet([_fernet_for(k) for k in keys])


def key_ring() -> MultiFernet:
    return _key_ring(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_str(value: str) -> str:
    return key_ring().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_str(token: str) -> str:
    try:
        return key_ring().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("stored value cannot be decrypted with the configured keys") from exc


def rotate_token(token: str) -> str:
    """Re-encrypt a ciphertext under the current primary key."""
    return key_ring().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text column stored as Fernet ciphertext; Python code sees plain str."""

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_str(str(value))

    def get_internal_type(self):
        return "TextField"


class EncryptedJSONField(models.TextField):
    """JSON (dict/list) stored as Fernet ciphertext of its serialisation."""

    description = "JSON encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None if value is None else value
        return json.loads(decrypt_str(value))

    def to_python(self, value):
        """Dicts and lists as they are; their JSON text (a form, `loaddata`, the output of
        `value_to_string`) parsed back, so every value round-trips, lists included."""
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValidationError("Enter valid JSON (an object or a list).") from exc
        if parsed is not None and not isinstance(parsed, dict | list):
            raise ValidationError("Enter valid JSON (an object or a list).")
        return parsed

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt_str(json.dumps(value, sort_keys=True, separators=(",", ":")))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))

    def get_internal_type(self):
        return "TextField"


def encrypted_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | EncryptedJSONField)
    ]


# --- keyed lookup hashes -----------------------------------------------------------------
def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def lookup_hash(kind: str, value: str) -> str:
    """HMAC-SHA256 of a normalised value; '' for an empty value. kind: 'email' or 'phone'."""
    if not value:
        return ""
    if kind == "email":
        normal = normalize_email(value)
    elif kind == "phone":
        normal = normalize_phone(value) or value.strip()
    else:
        raise ValueError(f"unknown lookup kind {kind!r}")
    key = settings.LOOKUP_HASH_KEY.encode()
    return hmac.new(key, f"{kind}:{normal}".encode(), hashlib.sha256).hexdigest()


# --- signed tokens -----------------------------------------------------------------------
class BadToken(Exception):
    """A token that is tampered with, for another purpose, or expired."""


def make_token(purpose: str, value: str) -> str:
    return signing.dumps(str(value), salt=f"clinic:{purpose}", compress=False)


def read_token(purpose: str, token: str, *, max_age_seconds: int | None = None) -> str:
    try:
        return signing.loads(token, salt=f"clinic:{purpose}", max_age=max_age_seconds)
    except signing.SignatureExpired as exc:
        raise BadToken("expired") from exc
    except signing.BadSignature as exc:
        raise BadToken("invalid") from exc
