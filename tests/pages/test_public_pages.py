import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from pages.models import Page, SiteSettings
from pages.models import Testimonial as CoupleTestimonial
from tests.factories import (
    PageFactory,
    PageRelationFactory,
    TreatmentJourneyFactory,
    page_with_children,
)

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_published_page_shows_toc_review_line_resources_related_and_cta(client):
    page = page_with_children(PageFactory(title="What it is", slug="what-it-is"))
    other = PageFactory(title="How it differs", slug="how-it-differs")
    PageRelationFactory(page=page, related_page=other)
    html = html_of(client.get("/what-it-is/"))

    assert html.count("<h1") == 1
    assert '<a href="#heading-0">Heading 0</a>' in html
    assert '<h2 id="heading-0">Heading 0</h2>' in html
    assert "<p>Body <strong>0</strong>.</p>" in html
    assert "Medically reviewed by Dana Reviewer, MD, psychiatrist, on" in html
    assert ">November 2, 2026</time>" in html
    assert 'href="https://example.org/1"' in html and "Journal, 2021" in html
    assert '<a href="/how-it-differs/">How it differs</a>' in html
    assert 'href="tel:+19496250564"' in html
    # One primary action; booking stays in the footer.
    assert 'class="btn btn-primary" href="/inquiry/">See if this is right for us' in html
    assert 'href="/book/">Book a consultation' in html
    assert "not FDA-approved" in html


def test_an_unreviewed_page_makes_no_review_claim_and_no_pending_note(client):
    PageFactory(slug="fresh", last_reviewed_on=None, reviewer_name="", reviewer_credentials="")
    html = html_of(client.get("/fresh/"))
    assert "Medically reviewed" not in html
    assert "review pending" not in html.lower()  # that belongs in the admin's overdue list


def test_draft_and_scheduled_pages_are_invisible_to_the_public(client):
    PageFactory(slug="draft", status=Page.Status.DRAFT, published_at=None)
    PageFactory(slug="later", published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get("/draft/").status_code == 404
    assert client.get("/later/").status_code == 404
    html = html_of(client.get("/"))
    assert "/draft/" not in html and "/later/" not in html


def test_staff_preview_shows_a_draft_without_caching_or_publishing_it(admin_client, client):
    draft = PageFactory(
        slug="draft", title="Secret draft", status=Page.Status.DRAFT, published_at=None
    )
    response = admin_client.get(f"/admin/pages/page/{draft.pk}/preview/")
    html = html_of(response)
    assert "Secret draft" in html and "Staff preview" in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    # ...and the public still cannot see it.
    assert client.get("/draft/").status_code == 404
    assert "Secret draft" not in client.get("/").content.decode()


def test_preview_is_for_staff_only(client, django_user_model):
    draft = PageFactory(slug="draft", status=Page.Status.DRAFT, published_at=None)
    url = f"/admin/pages/page/{draft.pk}/preview/"
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(django_user_model.objects.create_user(username="visitor"))
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_home_page_lists_published_topics_and_works_before_any_content_exists(client):
    html = html_of(client.get("/"))
    assert SiteSettings.load().clinic_name in html  # no content seeded yet
    PageFactory(kind=Page.Kind.HOME, slug="home", title="Welcome home")
    PageFactory(title="Who it can help", slug="who")
    html = html_of(client.get("/"))
    assert '<h1 id="page-title">Welcome home</h1>' in html
    assert 'href="/who/"' in html
    assert client.get("/home/").status_code == 404  # the home page lives at / only


def test_menu_lists_published_topic_pages_in_order(client):
    PageFactory(title="Second", nav_label="Two", slug="two", nav_order=20)
    PageFactory(title="First", nav_label="One", slug="one", nav_order=10)
    PageFactory(title="Hidden", slug="hidden", show_in_nav=False)
    PageFactory(title="Draft", slug="draft-nav", status=Page.Status.DRAFT, published_at=None)
    html = html_of(client.get("/one/"))
    nav = html[html.index('aria-label="Main"') : html.index("</nav>")]
    assert re.findall(r">(\w+)</a>", nav) == ["One", "Two"]
    assert 'href="/one/" aria-current="page"' in nav


def test_the_journey_picture_is_drawn_from_the_numbers_with_a_text_equivalent(client):
    page = PageFactory(slug="how-many-sessions")
    TreatmentJourneyFactory(
        page=page, preparation_min=2, preparation_max=4, cycles_min=3, cycles_max=6
    )
    html = html_of(client.get("/how-many-sessions/"))
    figure = html[html.index('<figure class="journey"') : html.index("</figure>")]
    assert "Each round has 2 to 4 preparation sessions" in figure  # the text equivalent
    assert "<strong>3 to 6 times</strong>" in figure
    dots = figure.split('journey-step-prep">')[1].split("</span>\n")[0]
    assert dots.count('class="journey-dot"') == 2
    assert dots.count("journey-dot-optional") == 2
    assert 'aria-hidden="true"' in figure


def test_crisis_numbers_always_render_whatever_the_staff_text(client):
    settings_row = SiteSettings.load()
    settings_row.crisis_strip_text = "Help is here."
    settings_row.save()
    html = html_of(client.get("/"))
    strip = html[html.index('aria-label="Crisis help"') : html.index("</aside>")]
    assert "Help is here." in strip
    assert 'href="tel:911"' in strip and 'href="tel:988"' in strip
    assert "Call or text" in strip and "then press 1" in strip


def test_footer_links_to_the_privacy_notice_and_notice_of_privacy_practices(client):
    PageFactory(kind=Page.Kind.PRIVACY, slug="privacy-notice", title="Privacy")
    html = html_of(client.get("/"))
    footer = html[html.index("<footer") :]
    assert 'href="/privacy-notice/">Privacy notice' in footer
    assert 'href="/privacy-notice/#notice-of-privacy-practices">Notice of Privacy Practices' in (
        footer
    )


def test_only_consented_published_testimonials_appear_with_a_caveat(client):
    PageFactory(kind=Page.Kind.HOME, slug="home")
    CoupleTestimonial.objects.create(quote="Unpublished words", attribution="A.")
    html = html_of(client.get("/"))
    assert "What couples say" not in html
    CoupleTestimonial.objects.create(
        quote="We talk again.",
        attribution="R. and S.",
        consent_date=datetime.date(2026, 1, 5),
        is_published=True,
    )
    html = html_of(client.get("/"))
    assert "We talk again." in html and "Unpublished words" not in html
    assert "Individual experiences vary" in html


def test_a_page_cached_while_staff_were_signed_in_carries_nothing_personal(admin_client, client):
    PageFactory(slug="shared")
    staff_html = html_of(admin_client.get("/shared/"))
    public_html = html_of(client.get("/shared/"))
    assert staff_html == public_html
    for private in ("csrfmiddlewaretoken", "nonce", "admin@example.com", 'name="csrf'):
        assert private not in public_html
    assert "Set-Cookie" not in client.get("/shared/").headers


def test_every_resource_link_and_asset_is_on_this_site_or_a_plain_link(client):
    page = page_with_children(PageFactory(slug="assets"))
    html = html_of(client.get(f"/{page.slug}/"))
    tags = re.findall(r"<(?:script|link|img)\b[^>]*>", html)
    urls = [(tag, url) for tag in tags for url in re.findall(r'(?:src|href)="([^"]+)"', tag)]
    assert len(urls) >= 2  # at least the stylesheet and the canonical link
    for tag, url in urls:
        # The canonical and hreflang links name this site's own absolute URLs (never fetched).
        names_page = 'rel="canonical"' in tag or 'rel="alternate" hreflang=' in tag
        assert (
            url.startswith("/")
            or url.startswith("http://testserver")
            or (names_page and url.startswith(settings.SITE_URL + "/"))
        ), tag
