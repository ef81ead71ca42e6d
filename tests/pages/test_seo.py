import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from pages.models import Page
from tests.factories import (
    FAQEntryFactory,
    FAQEntryTranslationFactory,
    PageFactory,
    PageTranslationFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://clinic.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def json_ld(html: str) -> dict[str, dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks, "no JSON-LD on the page"
    parsed = [json.loads(block) for block in blocks]
    return {item["@type"]: item for item in parsed}


def test_each_page_carries_medical_web_page_and_clinic_data(client):
    PageFactory(slug="what-it-is", title="What it is", meta_description="About it.")
    data = json_ld(client.get("/what-it-is/").content.decode())

    page = data["MedicalWebPage"]
    assert page["@context"] == "https://schema.org"
    assert page["url"] == f"{SITE}/what-it-is/"
    assert page["name"] == "What it is" and page["description"] == "About it."
    assert page["lastReviewed"] == "2026-11-02"
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Reviewer",
        "jobTitle": "MD, psychiatrist",
    }
    clinic = data["MedicalClinic"]
    assert clinic["telephone"] == "949-625-0564"
    assert clinic["areaServed"] == "Southern California"
    assert page["publisher"] == {"@id": clinic["@id"]}
    assert "FAQPage" not in data


def test_an_unreviewed_page_makes_no_review_claim(client):
    PageFactory(slug="fresh", last_reviewed_on=None, reviewer_name="")
    page = json_ld(client.get("/fresh/").content.decode())["MedicalWebPage"]
    assert "lastReviewed" not in page and "reviewedBy" not in page


def test_the_faq_page_carries_faq_page_data(client):
    page = PageFactory(slug="faq")
    FAQEntryFactory(
        page=page, position=1, question="Is it FDA-approved?", answer_markdown="**No.** Off-label."
    )
    FAQEntryFactory(page=page, position=2, question="How long?", answer_markdown="Months.")
    faq = json_ld(client.get("/faq/").content.decode())["FAQPage"]
    assert [q["name"] for q in faq["mainEntity"]] == ["Is it FDA-approved?", "How long?"]
    assert faq["mainEntity"][0]["@type"] == "Question"
    assert faq["mainEntity"][0]["acceptedAnswer"] == {"@type": "Answer", "text": "No. Off-label."}


def test_json_ld_names_the_language_of_the_words_shown(client):
    """inLanguage is the language the page's words are in: Spanish only under /es/ with a
    reviewed translation; the English shown under /es/ before review stays en-US."""
    reviewed, waiting = PageFactory(slug="reviewed"), PageFactory(slug="waiting")
    for page in (reviewed, waiting):
        FAQEntryFactory(page=page, question="Is it FDA-approved?", answer_markdown="No.")
    PageTranslationFactory(page=reviewed, title="Revisada")
    PageTranslationFactory(page=waiting, reviewed_on=None, reviewer_name="")
    FAQEntryTranslationFactory(faq=reviewed.faqs.get(), question="¿Lo aprobó la FDA?")
    expected = {
        "/reviewed/": ("en-US", "en-US"),
        "/es/reviewed/": ("es-US", "es-US"),
        "/waiting/": ("en-US", "en-US"),
        "/es/waiting/": ("en-US", "en-US"),
    }
    for path, (page_language, faq_language) in expected.items():
        data = json_ld(client.get(path).content.decode())
        assert data["MedicalWebPage"]["inLanguage"] == page_language, path
        assert data["FAQPage"]["inLanguage"] == faq_language, path
    spanish = json_ld(client.get("/es/reviewed/").content.decode())
    assert spanish["MedicalWebPage"]["name"] == "Revisada"
    assert spanish["FAQPage"]["mainEntity"][0]["name"] == "¿Lo aprobó la FDA?"
    assert spanish["MedicalWebPage"]["url"] == f"{SITE}/es/reviewed/"
    waiting_es = json_ld(client.get("/es/waiting/").content.decode())["MedicalWebPage"]
    assert waiting_es["url"] == f"{SITE}/waiting/"  # the English page is the canonical one


def test_other_apps_pages_get_the_clinic_data_from_base_html(client):
    from django.template.loader import render_to_string

    from pages.models import SiteSettings

    html = render_to_string("base.html", {"site_settings": SiteSettings.load()})
    assert json_ld(html)["MedicalClinic"]["name"] == "Moment of Clarity"


def test_json_ld_cannot_break_out_of_its_script_element(client):
    PageFactory(slug="x", title="</script><script>alert(1)</script>")
    html = client.get("/x/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["MedicalWebPage"]["name"] == "</script><script>alert(1)</script>"


def test_canonical_and_open_graph_tags(client):
    PageFactory(slug="p", title="Plain title", seo_title="Search title", meta_description="Desc.")
    html = client.get("/p/").content.decode()
    assert "<title>Search title | Moment of Clarity</title>" in html
    assert '<meta name="description" content="Desc.">' in html
    assert f'<link rel="canonical" href="{SITE}/p/">' in html
    assert '<meta property="og:title" content="Search title">' in html
    assert f'<meta property="og:url" content="{SITE}/p/">' in html
    assert '<meta property="og:description" content="Desc.">' in html


def test_seeded_pages_have_unique_titles_and_descriptions(client):
    call_command("seed_content", stdout=io.StringIO())
    titles, descriptions = set(), set()
    for page in Page.objects.published():
        html = client.get(page.get_absolute_url()).content.decode()
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        description = re.search(r'<meta name="description" content="(.*?)">', html).group(1)
        assert description, page
        titles.add(title)
        descriptions.add(description)
    count = Page.objects.published().count()
    assert len(titles) == len(descriptions) == count >= 8


def test_sitemap_lists_only_published_pages_with_lastmod(client):
    home = PageFactory(kind=Page.Kind.HOME, slug="home")
    PageFactory(slug="live")
    PageFactory(slug="draft", status=Page.Status.DRAFT, published_at=None)
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)
    locs = sorted(url.find("s:loc", ns).text for url in root.findall("s:url", ns))
    # No reviewed Spanish version: the English page only, naming no alternate.
    assert locs == [f"{SITE}/", f"{SITE}/live/"]
    assert not list(root.iter("{http://www.w3.org/1999/xhtml}link"))
    lastmods = [url.find("s:lastmod", ns).text for url in root.findall("s:url", ns)]
    assert all(lastmods)
    assert home.updated_at.date().isoformat()[:4] in lastmods[0]


def sitemap_alternates(client) -> dict[str, dict]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    return {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.iter(xhtml)
        }
        for url in root.findall("s:url", ns)
    }


def test_sitemap_lists_the_spanish_page_only_once_its_translation_is_reviewed(client):
    reviewed, waiting = PageFactory(slug="reviewed"), PageFactory(slug="waiting")
    PageTranslationFactory(page=reviewed)
    PageTranslationFactory(page=waiting, reviewed_on=None, reviewer_name="")
    both = {
        "en": f"{SITE}/reviewed/",
        "es": f"{SITE}/es/reviewed/",
        "x-default": f"{SITE}/reviewed/",
    }
    # Each language of the reviewed page names both; the waiting one is English only.
    assert sitemap_alternates(client) == {
        f"{SITE}/reviewed/": both,
        f"{SITE}/es/reviewed/": both,
        f"{SITE}/waiting/": {},
    }


def test_robots_points_at_the_sitemap_and_keeps_forms_out(client):
    text = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    assert "Disallow: /inquiry/" in text and "Disallow: /book/" in text
    assert "admin" not in text  # never advertise where the admin lives


def test_kept_json_ld_follows_an_edit_at_once_and_never_a_preview(client, settings):
    """A published page's JSON-LD is kept per content generation (pages.views
    kept_structured_data): an edit to the page, an FAQ entry or the clinic shows on the
    next render; a staff preview builds its own."""
    from pages.cache import worker_copy
    from pages.views import render_page_html

    settings.PAGE_HTML_CACHE = False  # every request renders its page
    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 1.0  # production's worker copy: values kept
    worker_copy.clear()
    page = PageFactory(slug="kept", title="Before")
    assert json_ld(client.get("/kept/").content.decode())["MedicalWebPage"]["name"] == "Before"
    page.title = "After"
    page.save()
    assert json_ld(client.get("/kept/").content.decode())["MedicalWebPage"]["name"] == "After"
    FAQEntryFactory(page=page, question="Is it new?")
    faq = json_ld(client.get("/kept/").content.decode())["FAQPage"]
    assert [entry["name"] for entry in faq["mainEntity"]] == ["Is it new?"]
    draft = Page.objects.get(pk=page.pk)
    draft.title = "Unsaved draft words"
    preview = json_ld(render_page_html(page=draft, preview=True))["MedicalWebPage"]
    assert preview["name"] == "Unsaved draft words"
    assert json_ld(client.get("/kept/").content.decode())["MedicalWebPage"]["name"] == "After"
    worker_copy.clear()
