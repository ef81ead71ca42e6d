"""The patient side in English (/…) and Spanish (/es/…), chosen by the URL alone.

The language is the path's prefix, nothing else (no cookie, no Accept-Language), so a cached
public page is one entry per language and the switcher is a plain link to the same page in
the other language. The staff admin is English and unprefixed.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from clinic_site import i18n
from tests.factories import PageFactory, PageTranslationFactory, page_with_children

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def lang_of(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@pytest.mark.parametrize(
    ("path", "language", "bare", "spanish"),
    [
        ("/", "en", "/", "/es/"),
        ("/es/", "es", "/", "/es/"),
        ("/es", "es", "/", "/es/"),
        ("/inquiry/step/2/", "en", "/inquiry/step/2/", "/es/inquiry/step/2/"),
        ("/es/book/x/", "es", "/book/x/", "/es/book/x/"),
        ("/estate/", "en", "/estate/", "/es/estate/"),  # a slug that starts with "es"
    ],
)
def test_a_paths_language_is_its_prefix(path, language, bare, spanish):
    assert i18n.language_of_path(path) == language
    assert i18n.unprefixed_path(path) == bare
    assert i18n.path_in_language(path, "es") == spanish
    assert i18n.path_in_language(path, "en") == bare


def test_english_has_no_prefix_and_spanish_lives_under_es(client):
    page_with_children(PageFactory(slug="what-it-is"))
    english = client.get("/what-it-is/")
    spanish = client.get("/es/what-it-is/")
    assert lang_of(html_of(english)) == "en" and english["Content-Language"] == "en"
    assert lang_of(html_of(spanish)) == "es" and spanish["Content-Language"] == "es"
    assert "Skip to main content" in english.content.decode()
    assert "Saltar al contenido principal" in spanish.content.decode()
    for path in ("/inquiry/", "/book/"):
        assert lang_of(html_of(client.get(path))) == "en"
        assert lang_of(html_of(client.get("/es" + path))) == "es"


def test_the_browsers_language_never_changes_the_page(client):
    """Same URL, same page: the cache and every shared link rely on it."""
    PageFactory(slug="p")
    html = html_of(client.get("/p/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9"))
    assert lang_of(html) == "en"
    assert client.cookies.get("django_language") is None


def test_a_cached_page_is_kept_per_language(client, django_assert_num_queries):
    page_with_children(PageFactory(slug="warm"), each=3)
    # Spanish first: the English page must not be served from the Spanish entry…
    assert lang_of(html_of(client.get("/es/warm/"))) == "es"
    assert lang_of(html_of(client.get("/warm/"))) == "en"
    # …and both are now cached, each costing no query at all.
    with django_assert_num_queries(0):
        assert lang_of(html_of(client.get("/warm/"))) == "en"
        assert lang_of(html_of(client.get("/es/warm/"))) == "es"


def test_the_home_page_cache_is_per_language_too(client, django_assert_num_queries):
    PageFactory(kind="home", slug="home")
    assert "Saltar" in html_of(client.get("/es/"))
    assert "Saltar" not in html_of(client.get("/"))
    with django_assert_num_queries(0):
        assert "Saltar" not in html_of(client.get("/"))
        assert "Saltar" in html_of(client.get("/es/"))


def head_links(html: str) -> tuple[dict, str]:
    head = html[: html.index("</head>")]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', head)
    return alternates, canonical.group(1) if canonical else ""


BOTH = {"en": f"{SITE}/p/", "es": f"{SITE}/es/p/", "x-default": f"{SITE}/p/"}


@pytest.mark.parametrize("path", ["/p/", "/es/p/"])
def test_a_page_with_a_reviewed_spanish_version_names_both_languages_in_its_head(client, path):
    PageTranslationFactory(page=PageFactory(slug="p"))  # reviewed (a date and a reviewer)
    alternates, canonical = head_links(html_of(client.get(path)))
    assert alternates == BOTH
    assert canonical == SITE + path  # each language is its own page


@pytest.mark.parametrize("reviewed", [False, True])
def test_an_english_page_shown_under_es_is_not_advertised_as_spanish(client, reviewed):
    """Without a reviewed translation /es/p/ is the English page with a note: it is not a
    Spanish alternate (no hreflang es) and its canonical is the English page."""
    page = PageFactory(slug="p")
    if reviewed:  # an unreviewed translation is as good as none
        PageTranslationFactory(page=page, reviewed_on=None, reviewer_name="")
    for path in ("/p/", "/es/p/"):
        html = html_of(client.get(path))
        alternates, canonical = head_links(html)
        assert alternates == {}, path
        assert canonical == f"{SITE}/p/", path
    assert 'class="language-switch" href="/es/p/"' in html_of(client.get("/p/"))  # still offered


@pytest.mark.parametrize("path", ["/inquiry/", "/es/inquiry/", "/book/", "/es/book/", "/es/"])
def test_the_flow_pages_translated_by_the_catalogue_name_both_languages(client, path):
    english = i18n.path_in_language(path, "en")
    alternates, _canonical = head_links(html_of(client.get(path)))
    assert alternates == {
        "en": SITE + english,
        "es": SITE + i18n.path_in_language(path, "es"),
        "x-default": SITE + english,
    }


def test_a_review_makes_the_spanish_page_an_alternate_at_once(client, django_assert_num_queries):
    translation_row = PageTranslationFactory(
        page=PageFactory(slug="p"), reviewed_on=None, reviewer_name=""
    )
    assert head_links(html_of(client.get("/es/p/")))[0] == {}
    assert head_links(html_of(client.get("/p/")))[0] == {}
    with django_assert_num_queries(0):  # cached, both languages
        html_of(client.get("/p/"))
        html_of(client.get("/es/p/"))
    translation_row.reviewed_on, translation_row.reviewer_name = dt.date(2026, 12, 1), "Dra. Ruiz"
    translation_row.save()
    assert head_links(html_of(client.get("/p/")))[0] == BOTH
    assert head_links(html_of(client.get("/es/p/"))) == (BOTH, f"{SITE}/es/p/")


@pytest.mark.parametrize(
    ("path", "other", "name"),
    [
        ("/p/", "/es/p/", "Español"),
        ("/es/p/", "/p/", "English"),
        ("/inquiry/", "/es/inquiry/", "Español"),
        ("/es/book/", "/book/", "English"),
        ("/team/", "/es/team/", "Español"),
    ],
)
def test_the_switcher_is_a_plain_link_to_the_same_page_in_the_other_language(
    client, path, other, name
):
    PageFactory(slug="p")
    html = html_of(client.get(path))
    switch = re.findall(
        r'<a class="language-switch" href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>', html
    )
    assert switch == [(other, i18n.language_of_path(other), name)]
    assert lang_of(html_of(client.get(other))) == i18n.language_of_path(other)


def test_links_inside_a_spanish_page_stay_in_spanish(client):
    PageFactory(slug="p")
    html = html_of(client.get("/es/p/"))
    footer = html[html.index("<footer") :]
    assert 'href="/es/inquiry/"' in footer and 'href="/es/book/"' in footer
    assert 'href="/inquiry/"' not in footer


def test_the_admin_is_english_and_unprefixed(client):
    login = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="es")
    assert login.status_code == 200
    assert 'lang="en"' in login.content.decode()
    assert client.get("/es" + reverse("admin:login")).status_code == 404


def test_a_spanish_request_leaves_the_thread_in_the_language_it_found(client):
    PageFactory(slug="p")
    with translation.override("en"):
        client.get("/es/p/")
        assert translation.get_language() == "en"


def test_the_404_page_is_in_the_pages_language(client):
    english = client.get("/no-such-page/")
    spanish = client.get("/es/no-such-page/")
    assert english.status_code == spanish.status_code == 404
    assert (
        "We couldn&#x27;t find that page" in english.content.decode()
        or "find that page" in english.content.decode()
    )
    assert "No encontramos esa página" in spanish.content.decode()
