"""The headers a health site needs, on every public URL, under the production settings.

The security settings are taken from clinic_site/settings/prod.py itself (imported with
throwaway environment values) and applied over the test settings, so the test follows any
change made there. Requests arrive as HTTPS through the proxy header, as in production.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent

THROWAWAY_PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinic_site.settings.prod",
    "SECRET_KEY": "throwaway-" + "k3y-" * 15,
    "ALLOWED_HOSTS": "clinic.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused_by_check",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "FIELD_ENCRYPTION_KEYS": "dGhyb3dhd2F5LWZpZWxkLWtleS1mb3ItY2hlY2tzLTA=",
    "LOOKUP_HASH_KEY": "throwaway-lookup-hash-key-for-checks",
    "STAFF_ALERT_EMAILS": "on-call@clinic.example",
    "CSRF_TRUSTED_ORIGINS": "https://clinic.example",
}

# Settings that decide the headers and cookie flags; everything else stays as in tests.
_HEADER_SETTING = re.compile(
    r"^(SECURE_.*|SESSION_COOKIE_(SECURE|HTTPONLY|SAMESITE)|CSRF_COOKIE_(SECURE|HTTPONLY|SAMESITE)"
    r"|X_FRAME_OPTIONS|PERMISSIONS_POLICY|DEBUG)$"
)

# Named public URLs; the topic pages come from the sitemap and the booking day and time
# pages from following the booking flow.
PUBLIC_URL_NAMES = [
    "pages:home",
    "pages:sitemap",
    "pages:robots",
    "intake:start",
    "booking:start",
    "healthz",
    "admin:login",
]


def _prod_header_settings() -> dict:
    saved = {k: os.environ.get(k) for k in THROWAWAY_PROD_ENV}
    os.environ.update(
        {k: v for k, v in THROWAWAY_PROD_ENV.items() if k != "DJANGO_SETTINGS_MODULE"}
    )
    sys.modules.pop("clinic_site.settings.prod", None)
    try:
        prod = importlib.import_module("clinic_site.settings.prod")
    finally:
        sys.modules.pop("clinic_site.settings.prod", None)
        for key, value in saved.items():
            if key == "DJANGO_SETTINGS_MODULE":
                continue
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return {name: getattr(prod, name) for name in dir(prod) if _HEADER_SETTING.match(name)}


@pytest.fixture
def prod_headers():
    values = _prod_header_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    with override_settings(**values):
        yield values


def _public_paths(client) -> list[str]:
    paths = [reverse(name) for name in PUBLIC_URL_NAMES]
    sitemap = _get(client, reverse("pages:sitemap"))
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    paths += [re.sub(r"^https?://[^/]+", "", loc) for loc in locs]
    # The booking flow's day and time pages, as a visitor reaches them.
    path = reverse("booking:start")
    for _ in range(2):
        link = re.search(
            r'class="booking-choice" href="([^"]+)"', _get(client, path).content.decode()
        )
        assert link, f"no booking choice on {path}"
        path = link.group(1).replace("&amp;", "&")
        paths.append(path)
    assert len(locs) >= 6, f"the sitemap lists too few pages: {locs}"
    return list(dict.fromkeys(paths))


def _get(client, path):
    return client.get(path, secure=True, HTTP_X_FORWARDED_PROTO="https")


def _assert_csp(path, response):
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, f"{path}: no Content-Security-Policy header"
    directives = {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1:] and part.split(None, 1)[1]
        for part in csp.split(";")
        if part.strip()
    }
    script_src = directives.get("script-src") or directives.get("default-src") or ""
    for forbidden in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"):
        assert forbidden not in script_src.split(), f"{path}: script-src allows {forbidden}"
    assert "'self'" in script_src.split(), f"{path}: script-src is {script_src!r}"
    assert directives.get("frame-ancestors", "").strip() == "'none'", f"{path}: {csp}"
    assert directives.get("object-src", "").strip() == "'none'", f"{path}: {csp}"
    assert directives.get("base-uri", "").strip() in ("'none'", "'self'"), f"{path}: {csp}"
    style_src = directives.get("style-src", "")
    assert "'unsafe-inline'" not in style_src.split(), f"{path}: style-src allows inline"
    # Every inline script or style block must carry this response's nonce; a nonce that was
    # rendered into a cached page would differ from the header's and be caught here.
    header_nonces = set(re.findall(r"'nonce-([^']+)'", csp))
    body = response.content.decode(errors="replace")
    if "html" not in response.headers.get("Content-Type", ""):
        return
    for tag, attrs in re.findall(r"<(script|style)\b([^>]*)>", body):
        if tag == "script" and "src=" in attrs:
            continue
        if tag == "script" and re.search(r'type="application/(ld\+)?json"', attrs):
            continue  # a data block, never executed
        nonce = re.search(r'nonce="([^"]+)"', attrs)
        assert nonce and nonce.group(1) in header_nonces, (
            f"{path}: inline <{tag}{attrs}> without this response's CSP nonce"
        )
    assert not re.search(r"\son[a-z]+\s*=", _strip_scripts(body)), f"{path}: inline handler"


def _strip_scripts(html: str) -> str:
    return re.sub(r"<script\b.*?</script>", "", html, flags=re.S)


def _assert_other_headers(path, response):
    hsts = response.headers.get("Strict-Transport-Security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) >= 31536000, f"{path}: HSTS {hsts!r}"
    assert "includeSubDomains" in hsts and "preload" in hsts, f"{path}: HSTS {hsts!r}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", path
    assert response.headers.get("Referrer-Policy") in {
        "same-origin",
        "no-referrer",
        "strict-origin",
        "strict-origin-when-cross-origin",
    }, f"{path}: Referrer-Policy {response.headers.get('Referrer-Policy')!r}"
    assert response.headers.get("X-Frame-Options") == "DENY", path
    policy = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert re.search(rf"(^|[,\s]){feature}=\(\)", policy), f"{path}: {feature} in {policy!r}"


@pytest.mark.django_db
def test_every_public_url_sends_the_security_headers(client, prod_headers):
    call_command("load_starter_data", verbosity=0)
    paths = _public_paths(client)
    assert "/" in paths
    for path in paths:
        for attempt in (1, 2):  # the second answer may come from the page cache
            response = _get(client, path)
            assert response.status_code == 200, (
                f"{path} (attempt {attempt}): {response.status_code}"
            )
            _assert_csp(path, response)
            _assert_other_headers(path, response)


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_but_the_probes_are_not(client, prod_headers):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")
    assert client.get("/healthz", HTTP_X_FORWARDED_PROTO="http").status_code == 200


def _cookie_flags(response) -> dict[str, dict]:
    found = {}
    for morsel in response.cookies.values():
        found[morsel.key] = {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }
    return found


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(
    client, prod_headers, django_user_model
):
    django_user_model.objects.create_user(
        username="frontdesk", password="a long test password 1", is_staff=True
    )
    login_url = reverse("admin:login")
    page = _get(client, login_url)
    csrf_morsel = page.cookies.get("csrftoken")
    assert csrf_morsel is not None, "the sign-in page sets no CSRF cookie"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, "the sign-in form has no CSRF field"
    signed_in = client.post(
        login_url,
        {
            "username": "frontdesk",
            "password": "a long test password 1",
            "csrfmiddlewaretoken": token.group(1),
            "next": reverse("admin:index"),
        },
        secure=True,
        HTTP_X_FORWARDED_PROTO="https",
    )
    cookies = {**_cookie_flags(page), **_cookie_flags(signed_in)}
    assert "sessionid" in cookies, f"signing in set no session cookie: {signed_in.status_code}"
    for name in ("sessionid", "csrftoken"):
        flags = cookies[name]
        assert flags["secure"], f"{name} is not Secure"
        assert flags["httponly"], f"{name} is not HttpOnly"
        assert flags["samesite"] in ("Lax", "Strict"), f"{name} SameSite={flags['samesite']!r}"


def test_check_deploy_is_clean_under_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
    env.update(THROWAWAY_PROD_ENV)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
