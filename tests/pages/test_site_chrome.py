"""The help bar, header, footer, call to action, note about the medicine and "How it works" are
rendered once per language and reused (pages_tags.site_chrome): the reused chrome must be
exactly what a fresh render gives, with each request's own current menu item and language
switch link, and an edit shows at once."""

import re

import pytest

from pages.models import SiteSettings
from pages.templatetags import pages_tags
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

PATHS = ["/one/", "/two/", "/team/", "/", "/es/one/", "/es/team/", "/book/", "/es/book/"]


@pytest.fixture
def reused(settings):
    """Production's worker copy (the chrome's inputs are kept objects, so it is reused)."""
    from pages.cache import worker_copy

    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 1.0
    settings.PAGE_HTML_CACHE = False  # every request renders its page (and so its chrome)
    worker_copy.clear()
    pages_tags._chrome_kept.clear()
    yield
    worker_copy.clear()
    pages_tags._chrome_kept.clear()


@pytest.fixture
def pages():
    PageFactory(title="First", nav_label="One", slug="one", nav_order=10)
    PageFactory(title="Second", nav_label="Two", slug="two", nav_order=20)


def _body(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)


def _renders(monkeypatch) -> list[str]:
    calls = []
    real = pages_tags.render_to_string
    monkeypatch.setattr(
        pages_tags,
        "render_to_string",
        lambda name, context: calls.append(name) or real(name, context),
    )
    return calls


def test_reused_chrome_is_byte_identical_to_a_fresh_render(client, settings, pages, monkeypatch):
    settings.PAGE_HTML_CACHE = False
    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 0  # fresh objects per read: rendered every time
    fresh = {path: _body(client.get(path)) for path in PATHS}

    from pages.cache import worker_copy

    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 1.0
    worker_copy.clear()
    pages_tags._chrome_kept.clear()
    calls = _renders(monkeypatch)
    for _ in range(2):
        for path in PATHS:
            assert _body(client.get(path)) == fresh[path], path
    # Once per part and language (and pages with/without a language switch), not per request.
    assert len(calls) == len(set(pages_tags._chrome_kept)) <= len(pages_tags.CHROME_PARTS) * 2 * 2
    worker_copy.clear()
    pages_tags._chrome_kept.clear()


def test_each_request_gets_its_own_current_item_and_language_link(client, reused, pages):
    for path, current, switch in [
        ("/one/", 'href="/one/"[^>]* aria-current="page"', 'href="/es/one/"'),
        ("/two/", 'href="/two/"[^>]* aria-current="page"', 'href="/es/two/"'),
        ("/team/", 'aria-current="page">Our team', 'href="/es/team/"'),
        ("/es/two/", 'href="/es/two/"[^>]* aria-current="page"', 'href="/two/"'),
    ]:
        html = _body(client.get(path))
        header = html[html.index('<header class="site-header">') : html.index("</header>")]
        assert re.search(current, header) and header.count("aria-current") == 1, path
        assert re.search(rf'<a class="language-switch" {switch}', header), path
        assert "<!--chrome:" not in html
    html = _body(client.get("/book/"))
    assert "aria-current" not in html[html.index("<header") : html.index("</header>")]


def test_an_edit_shows_on_the_next_request(client, reused, pages):
    assert "(555) 010-7777" not in _body(client.get("/one/"))
    site = SiteSettings.load()
    site.phone = "(555) 010-7777"
    site.save()
    html = _body(client.get("/two/"))
    header = html[html.index("<header") : html.index("</header>")]
    footer = html[html.index("<footer") : html.index("</footer>")]
    call_to_action = html[html.index('<section class="cta-box"') : html.index("</footer>")]
    assert "(555) 010-7777" in header and "(555) 010-7777" in footer
    assert "Call (555) 010-7777" in call_to_action
    PageFactory(title="Third", nav_label="Three", slug="three", nav_order=30)
    assert 'href="/three/"' in _body(client.get("/one/"))
    assert 'href="/cost/"' not in _body(client.get("/one/"))
    PageFactory(title="Cost", slug="cost", kind="cost", nav_order=40)
    html = _body(client.get("/two/"))
    assert '<a href="/cost/">What it costs' in html[html.index('<section class="cta-box"') :]


def test_a_private_path_is_never_kept_in_the_chrome(client, reused, pages):
    token = "private-token-not-for-anyone-else"
    client.get(f"/book/manage/{token}/")
    client.get(f"/es/book/manage/{token}/")
    assert pages_tags._chrome_kept
    assert not any(token in html for _, _, html in pages_tags._chrome_kept.values())
    assert token not in _body(client.get("/one/"))
