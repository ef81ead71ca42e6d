"""Public pages are served compressed, safely, and from above the session/CSRF middleware.

Compression: a cached public page is gzip-compressed once, when it is stored (it carries no
secret, so BREACH has nothing to recover). Pages that carry a CSRF token or private data are
never compressed. Shortcut: a cached page is answered by pages.middleware before the session,
CSRF, auth and messages middleware run, with every security header still on it.
"""

import gzip
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from pages.middleware import CachedPublicPageMiddleware
from tests.factories import PageFactory, page_with_children

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_public_page_is_sent_gzip_compressed_to_a_browser_that_accepts_it(client):
    page_with_children(PageFactory(slug="p"), each=3)
    plain = client.get("/p/")
    packed = client.get("/p/", **GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content)
    # Measured on the seeded topic pages: about a third of the bytes.
    assert len(packed.content) < 0.6 * len(plain.content)
    assert plain["Vary"] == packed["Vary"] == "Accept-Encoding"


def test_the_compressed_copy_has_the_weak_etag_and_answers_304(client):
    PageFactory(slug="p")
    plain = client.get("/p/")
    packed = client.get("/p/", **GZIP)
    assert packed["ETag"] == "W/" + plain["ETag"]
    again = client.get("/p/", HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == packed["ETag"]


def test_a_compressed_page_carries_no_per_request_secret(client):
    PageFactory(slug="p")
    client.get("/p/")
    html = gzip.decompress(client.get("/p/", **GZIP).content).decode()
    assert "csrfmiddlewaretoken" not in html
    assert "nonce=" not in html


def _booking_time_path(client) -> str:
    path = reverse("booking:start")
    for _ in range(2):
        link = re.search(
            r'class="booking-choice" href="([^"]+)"', client.get(path).content.decode()
        )
        assert link, f"no booking choice on {path}"
        path = link.group(1).replace("&amp;", "&")
    return path


def test_pages_with_a_csrf_token_are_never_compressed(client):
    """BREACH needs a secret and reflected text in one compressed response: forms never are."""
    call_command("load_starter_data", verbosity=0)
    paths = [reverse("intake:start"), reverse("admin:login"), _booking_time_path(client)]
    for path in paths:
        response = client.get(path, **GZIP)
        assert response.status_code == 200, path
        assert "csrfmiddlewaretoken" in response.content.decode(), path
        assert "Content-Encoding" not in response, path


def test_a_cached_page_is_answered_without_reading_the_session(client, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    user = get_user_model().objects.create_user("staffer", password="a long test password 1")
    client.force_login(user)
    PageFactory(slug="p")
    client.get("/p/")  # stores the page
    response = client.get("/p/")
    assert response.status_code == 200
    # Neither the session middleware (no Vary: Cookie, no refreshed cookie) nor CSRF ran.
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert response.get("X-Frame-Options") == "DENY"
    assert "Content-Security-Policy" in response
    assert "Permissions-Policy" in response


def test_only_public_page_urls_are_looked_up_in_the_page_cache():
    middleware = CachedPublicPageMiddleware(lambda request: None)
    assert middleware.cache_name("/") == "home"
    assert middleware.cache_name("/who-can-benefit/") == "slug:who-can-benefit"
    for path in ("/book/", "/inquiry/", "/healthz", "/sitemap.xml", "/admin/", "/nope/x/"):
        assert middleware.cache_name(path) is None, path


def test_other_methods_still_reach_the_view(client):
    PageFactory(slug="p")
    client.get("/p/")
    assert client.post("/p/").status_code == 405
    head = client.head("/p/")
    assert head.status_code == 200 and head.content == b""


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_page_not_yet_stored_is_rendered_above_the_session_middleware(
    client, settings, monkeypatch, page_cache
):
    """A miss (and every request with the page cache off) is rendered by pages.middleware
    too: the page is rendered without a request, so the lower middleware have nothing to do
    for it. A slug with no page still reaches the view (and its 404)."""
    from pages import views

    settings.PAGE_HTML_CACHE = page_cache
    settings.SESSION_SAVE_EVERY_REQUEST = True
    user = get_user_model().objects.create_user("staffer", password="a long test password 1")
    client.force_login(user)
    PageFactory(slug="fresh", title="Rendered above the stack")
    PageFactory(kind="home", slug="home", title="Home above the stack")

    def not_here(*args, **kwargs):
        raise AssertionError("the view ran")

    monkeypatch.setattr(views, "_serve", not_here)
    for path, title in (("/fresh/", "Rendered above the stack"), ("/", "Home above the stack")):
        response = client.get(path, **GZIP)
        assert response.status_code == 200
        assert title in gzip.decompress(response.content).decode()
        assert "Cookie" not in response.get("Vary", "") and not response.cookies
        assert response.get("X-Frame-Options") == "DENY"
        assert "Content-Security-Policy" in response
    monkeypatch.undo()
    assert client.get("/no-such-page/").status_code == 404
