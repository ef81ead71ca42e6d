from types import SimpleNamespace

import pytest

from clinic_site import crypto
from clinic_site.phones import normalize_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("949-625-0564", "+19496250564"),
        ("(949) 625 0564", "+19496250564"),
        ("+1 949 625 0564", "+19496250564"),
        ("19496250564", "+19496250564"),
        ("0496250564", None),
        ("949-125-0564", None),
        ("12345", None),
        ("call me", None),
        ("", None),
    ],
)
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


def test_encryption_round_trips_and_rotates(settings):
    old = crypto.encrypt_str("Alex")
    assert "Alex" not in old
    settings.FIELD_ENCRYPTION_KEYS = [
        "bmV3LWtleS1mb3Itcm90YXRpb24tdGVzdHMtMDAwMDA=",
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    assert crypto.decrypt_str(old) == "Alex"
    rotated = crypto.rotate_token(old)
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert crypto.decrypt_str(rotated) == "Alex"
    with pytest.raises(ValueError):
        crypto.decrypt_str(old)


def test_lookup_hash_normalises_and_depends_on_the_key(settings):
    a = crypto.lookup_hash("email", " Alex@Example.com ")
    assert a == crypto.lookup_hash("email", "alex@example.com")
    assert crypto.lookup_hash("phone", "(949) 625-0564") == crypto.lookup_hash(
        "phone", "+19496250564"
    )
    settings.LOOKUP_HASH_KEY = "another-key"
    assert crypto.lookup_hash("email", "alex@example.com") != a


def test_tokens_are_bound_to_purpose_and_expire():
    token = crypto.make_token("screening", "42")
    assert crypto.read_token("screening", token) == "42"
    with pytest.raises(crypto.BadToken):
        crypto.read_token("manage", token)
    with pytest.raises(crypto.BadToken):
        crypto.read_token("screening", token[:-2] + "xx")
    with pytest.raises(crypto.BadToken):
        crypto.read_token("screening", token, max_age_seconds=-1)


@pytest.mark.parametrize(
    "value",
    [
        {"status": ["new", "closed"]},
        ["PHQ-9 item 9", "relationship safety"],
        [],
        {},
        [{"nested": [1, 2]}, "x"],
        None,
    ],
)
def test_encrypted_json_round_trips_through_its_text_form(value):
    # value_to_string feeds dumpdata; to_python reads it back (loaddata, forms).
    field = crypto.EncryptedJSONField(null=True)
    field.attname = "data"
    obj = SimpleNamespace(data=value)
    assert field.to_python(field.value_to_string(obj)) == value
    assert field.to_python(value) == value  # already Python: unchanged


@pytest.mark.parametrize("text", ["{not json", '"a string"', "42"])
def test_encrypted_json_rejects_text_that_is_not_an_object_or_a_list(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        crypto.EncryptedJSONField().to_python(text)
