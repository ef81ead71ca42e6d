import datetime
import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from pages.models import Page, SiteSettings
from pages.models import Testimonial as CoupleTestimonial
from tests.factories import (
    FAQEntryFactory,
    PageFactory,
    PageRelationFactory,
    SectionFactory,
    TreatmentJourneyFactory,
    page_with_children,
)

pytestmark = pytest.mark.django_db


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("children_each", [1, 12])
def test_an_uncached_page_costs_at_most_four_queries_whatever_its_size(
    client, django_assert_max_num_queries, children_each
):
    page = page_with_children(PageFactory(slug="big"), each=children_each)
    for n in range(children_each):
        PageRelationFactory(page=page, related_page=PageFactory(), position=n)
    TreatmentJourneyFactory(page=page)
    cache.clear()  # nothing warm: not the page, not SiteSettings, not the menu
    with django_assert_max_num_queries(4):
        html = body(client, "/big/")
    assert html.count('class="faq-entry"') == children_each
    assert html.count('<h2 id="heading-') == children_each


def test_a_cached_page_costs_no_queries(client, django_assert_num_queries):
    page_with_children(PageFactory(slug="warm"), each=5)
    body(client, "/warm/")
    with django_assert_num_queries(0):
        body(client, "/warm/")


def test_the_uncached_home_page_also_fits_the_budget(client, django_assert_max_num_queries):
    home = page_with_children(PageFactory(kind=Page.Kind.HOME, slug="home"), each=6)
    for n in range(6):
        PageFactory()
        CoupleTestimonial.objects.create(
            quote=f"Quote {n}", attribution="A.", consent_date=datetime.date(2026, 1, 1),
            is_published=True,
        )  # fmt: skip
    PageRelationFactory(page=home, related_page=PageFactory())
    cache.clear()
    with django_assert_max_num_queries(4):
        html = body(client, "/")
    assert html.count('class="testimonial"') == 6
    with django_assert_max_num_queries(0):
        body(client, "/")


def test_saving_the_page_changes_what_is_served(client):
    page = PageFactory(slug="p", title="Old title")
    assert "Old title" in body(client, "/p/")
    page.title = "New title"
    page.save()
    assert "New title" in body(client, "/p/")


def test_saving_a_section_changes_what_is_served(client):
    page = PageFactory(slug="p")
    section = SectionFactory(page=page, heading="H", body_markdown="first words")
    assert "first words" in body(client, "/p/")
    section.body_markdown = "second words"
    section.save()
    assert "second words" in body(client, "/p/")
    section.delete()
    assert "second words" not in body(client, "/p/")


def test_saving_a_faq_entry_changes_what_is_served(client):
    page = PageFactory(slug="p")
    body(client, "/p/")
    FAQEntryFactory(page=page, question="New question?", answer_markdown="Yes.")
    assert "New question?" in body(client, "/p/")


def test_saving_site_settings_changes_every_cached_page(client):
    PageFactory(slug="p")
    assert "949-625-0564" in body(client, "/p/")
    settings_row = SiteSettings.load()
    settings_row.phone = "949-555-0100"
    settings_row.save()
    html = body(client, "/p/")
    assert "949-555-0100" in html and "949-625-0564" not in html


def test_renaming_a_page_updates_the_menu_on_other_cached_pages(client):
    renamed = PageFactory(slug="a", nav_label="Before")
    PageFactory(slug="b")
    assert ">Before</a>" in body(client, "/b/")
    renamed.nav_label = "After"
    renamed.save()
    assert ">After</a>" in body(client, "/b/")


def test_unpublishing_removes_the_page_at_once(client):
    page = PageFactory(slug="p")
    body(client, "/p/")
    page.status = Page.Status.DRAFT
    page.save()
    assert client.get("/p/").status_code == 404


def test_conditional_get_answers_304_for_a_matching_etag_or_date(client):
    PageFactory(slug="p")
    first = client.get("/p/")
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    by_etag = client.get("/p/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get("/p/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    assert client.get("/p/", HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_an_edit_changes_the_etag(client):
    page = PageFactory(slug="p")
    etag = client.get("/p/")["ETag"]
    page.lede = "Different words."
    page.save()
    assert client.get("/p/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_pages_accept_only_safe_methods(client):
    PageFactory(slug="p")
    assert client.post("/p/").status_code == 405
    assert client.head("/p/").status_code == 200


@pytest.mark.redis
def test_cached_pages_live_in_redis_when_configured(client, settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    PageFactory(slug="p", title="Stored in Redis")
    body(client, "/p/")
    from pages.cache import cached_page_get

    assert "Stored in Redis" in cached_page_get("slug:p").html


@pytest.mark.parametrize("children_each", [1, 12])
def test_rendering_a_topic_page_costs_no_query_once_the_page_is_known(
    client, settings, django_assert_max_num_queries, children_each
):
    """With the page HTML cache off (BENCH_NO_PAGE_CACHE), every request renders the page
    from shared values kept per content generation: site settings, the menu index, the page
    row with its journey and its children (read in one UNION when the generation is new)."""
    settings.PAGE_HTML_CACHE = False
    page = page_with_children(PageFactory(slug="big"), each=children_each)
    for n in range(children_each):
        PageRelationFactory(page=page, related_page=PageFactory(), position=n)
    TreatmentJourneyFactory(page=page)
    body(client, "/big/")  # the page, menu index and site settings for this generation
    for _ in range(2):
        with django_assert_max_num_queries(0):
            html = body(client, "/big/")
    assert html.count('class="faq-entry"') == children_each


def test_an_edit_to_a_kept_pages_children_shows_at_once(client, settings):
    settings.PAGE_HTML_CACHE = False
    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 1.0  # production's worker copy
    page = page_with_children(PageFactory(slug="kids"), each=2)
    assert "Heading 1" in body(client, "/kids/") and "Heading 1" in body(client, "/kids/")
    section = page.sections.get(heading="Heading 1")
    section.heading = "A new heading"
    section.save()
    html = body(client, "/kids/")
    assert "A new heading" in html and "Heading 1" not in html
    section.delete()
    assert "A new heading" not in body(client, "/kids/")
    related = PageFactory(title="A page to read next")
    PageRelationFactory(page=page, related_page=related, position=0)
    assert "A page to read next" in body(client, "/kids/")


def test_a_page_scheduled_for_later_appears_when_its_time_comes(client, settings):
    """A page found is kept per generation, a page not found never is: publishing by time
    needs no edit to show."""
    settings.PAGE_HTML_CACHE = False
    now = timezone.now()
    PageFactory(slug="later", title="Published later", published_at=now + dt.timedelta(hours=1))
    assert client.get("/later/").status_code == 404
    assert client.get("/later/").status_code == 404
    with time_machine.travel(now + dt.timedelta(hours=1, minutes=1)):
        assert "Published later" in body(client, "/later/")


def test_an_edit_to_a_kept_page_shows_at_once(client, settings):
    settings.PAGE_HTML_CACHE = False
    page = PageFactory(slug="kept", title="First title")
    assert "First title" in body(client, "/kept/")
    page.title = "Second title"
    page.save()
    assert "Second title" in body(client, "/kept/")
    page.status = Page.Status.DRAFT
    page.save()
    assert client.get("/kept/").status_code == 404


def test_rendering_the_home_page_costs_no_query_once_the_menu_is_known(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_HTML_CACHE = False
    page_with_children(PageFactory(kind=Page.Kind.HOME, slug="home"), each=3)
    PageFactory()
    body(client, "/")
    with django_assert_max_num_queries(0):
        html = body(client, "/")
    assert "Heading 2" in html


def test_the_page_html_cache_off_stores_nothing(client, settings):
    settings.PAGE_HTML_CACHE = False
    PageFactory(slug="p", title="Rendered each time")
    body(client, "/p/")
    from pages.cache import cached_page_lookup

    assert cached_page_lookup("slug:p")[0] is None
    settings.PAGE_HTML_CACHE = True
    assert cached_page_lookup("slug:p")[0] is None


def test_production_templates_use_the_cached_loader():
    from django.template import engines
    from django.template.loaders.cached import Loader

    assert isinstance(engines["django"].engine.template_loaders[0], Loader)
