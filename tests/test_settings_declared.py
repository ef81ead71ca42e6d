"""Every setting the code reads is declared: Django's own, or in clinic_site/settings/base.py
(never only a `getattr(settings, NAME, default)` somewhere, where nobody looks for it)."""

import re
from pathlib import Path

from django.conf import global_settings

from clinic_site.settings import base

ROOT = Path(__file__).resolve().parent.parent
APPS = ("clinic_site", "pages", "notifications", "intake", "booking", "staff")


def app_modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts and path.parent.name != "settings":
                yield path


def settings_read_by_the_code() -> dict[str, str]:
    read = {}
    for path in app_modules():
        text = path.read_text()
        for name in re.findall(r"\bsettings\.([A-Z][A-Z0-9_]+)", text) + re.findall(
            r'getattr\(\s*settings,\s*"([A-Z][A-Z0-9_]+)"', text
        ):
            read.setdefault(name, str(path.relative_to(ROOT)))
    return read


def test_every_setting_the_code_reads_is_declared_in_base_settings():
    read = settings_read_by_the_code()
    assert {"PAGE_CACHE_SECONDS", "PAGE_LOCAL_REVALIDATE_SECONDS", "CLINIC_TIME_ZONE"} <= set(read)
    undeclared = {
        name: where
        for name, where in read.items()
        if not hasattr(base, name) and not hasattr(global_settings, name)
    }
    assert undeclared == {}


def test_no_code_reads_a_setting_with_a_fallback_default():
    offenders = [
        str(path.relative_to(ROOT))
        for path in app_modules()
        if re.search(r'getattr\(\s*settings,\s*"[A-Z]', path.read_text())
    ]
    assert offenders == []
