"""Production's static storage remembers each URL, and answers exactly as WhiteNoise's."""

import json

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from clinic_site.staticfiles import RememberingManifestStaticFilesStorage


@pytest.fixture
def static_root(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.abc123.css").write_text("body{}")
    manifest = {"paths": {"css/site.css": "css/site.abc123.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


def test_urls_are_the_manifest_storages_own_and_remembered(static_root, monkeypatch):
    with override_settings(STATIC_ROOT=static_root, STATIC_URL="/static/", DEBUG=False):
        plain = CompressedManifestStaticFilesStorage(location=static_root)
        remembering = RememberingManifestStaticFilesStorage(location=static_root)
        assert remembering.url("css/site.css") == plain.url("css/site.css")
        assert remembering.url("css/site.css") == "/static/css/site.abc123.css"
        calls = []
        real = CompressedManifestStaticFilesStorage.url
        monkeypatch.setattr(
            CompressedManifestStaticFilesStorage,
            "url",
            lambda self, name, force=False: calls.append(name) or real(self, name, force),
        )
        assert remembering.url("css/site.css") == "/static/css/site.abc123.css"
        assert calls == []  # remembered
        with pytest.raises(ValueError):
            remembering.url("css/missing.css")  # not in the manifest: raises as before
        with pytest.raises(ValueError):
            remembering.url("css/missing.css")  # ... every time
    with override_settings(STATIC_ROOT=static_root, STATIC_URL="/static/", DEBUG=True):
        assert remembering.url("css/site.css") == "/static/css/site.css"  # DEBUG: unhashed
