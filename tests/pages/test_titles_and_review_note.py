"""One title format site-wide; a quiet "review pending" line; overdue reviews easy to find."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages.models import Page
from pages.views import document_title
from tests.factories import PageFactory

CLINIC = "Moment of Clarity"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("What it is", "What it is | Moment of Clarity"),
        ("  What it is  ", "What it is | Moment of Clarity"),
        ("What it is | Moment of Clarity", "What it is | Moment of Clarity"),
        ("What it is - Moment of Clarity", "What it is | Moment of Clarity"),
        ("What it is — Moment of Clarity", "What it is | Moment of Clarity"),
        ("What it is · Moment of Clarity", "What it is | Moment of Clarity"),
        ("Moment of Clarity", "Moment of Clarity"),
        ("", "Moment of Clarity"),
        ("Clarity in couples work", "Clarity in couples work | Moment of Clarity"),
    ],
)
def test_document_title(title, expected):
    assert document_title(title=title, clinic_name=CLINIC) == expected


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.django_db
def test_every_seeded_page_title_is_title_bar_clinic_name(client):
    call_command("seed_content", stdout=io.StringIO())
    PageFactory(slug="typed", seo_title="Typed by staff | Moment of Clarity")
    titles = {}
    for page in Page.objects.published():
        titles[page.slug] = title_of(client.get(page.get_absolute_url()).content.decode())
    assert len(titles) >= 10
    for slug, title in titles.items():
        assert re.fullmatch(r"[^|]+ \| Moment of Clarity", title), (slug, title)
    assert titles["typed"] == "Typed by staff | Moment of Clarity"
    assert len(set(titles.values())) == len(titles)


@pytest.mark.django_db
def test_home_title_before_any_content_is_the_clinic_name(client):
    assert title_of(client.get("/").content.decode()) == CLINIC


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Page.Kind.TOPIC, Page.Kind.HOME])
def test_patients_never_see_that_a_review_is_pending(client, kind):
    PageFactory(kind=kind, slug="fresh", last_reviewed_on=None, reviewer_name="",
              reviewer_credentials="", lede="Plain words.")  # fmt: skip
    html = client.get("/" if kind == Page.Kind.HOME else "/fresh/").content.decode()
    assert "review pending" not in html.lower()
    assert "review-line" not in html
    assert "has not yet been reviewed by one of our clinicians" not in html


@pytest.mark.django_db
def test_a_reviewed_page_still_names_its_reviewer(client):
    PageFactory(slug="done", reviewer_name="Dana Reviewer", reviewer_credentials="MD")
    html = client.get("/done/").content.decode()
    line = re.search(r'<p class="review-line">(.*?)</p>', html).group(1)
    assert line.startswith("Medically reviewed by Dana Reviewer, MD, on <time")


@pytest.mark.django_db
def test_the_admin_index_links_to_pages_due_for_review(admin_client):
    PageFactory(slug="never", last_reviewed_on=None, reviewer_name="", reviewer_credentials="")
    PageFactory(slug="late", next_review_due=timezone.localdate() - datetime.timedelta(days=1))
    PageFactory(slug="fine")
    index = admin_client.get("/admin/").content.decode()
    assert "Pages due for medical review" in index
    response = admin_client.get("/admin/pages/pagedueforreview/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/page/?review=overdue"
    listing = admin_client.get(response["Location"]).content.decode()
    assert "never" in listing and "late" in listing
    note = re.search(r'id="review-overdue-note">(.*?)</p>', listing, re.S).group(1)
    assert "2 pages due for medical review" in note


@pytest.mark.django_db
def test_no_overdue_note_when_every_review_is_current(admin_client):
    PageFactory(slug="fine")
    listing = admin_client.get("/admin/pages/page/").content.decode()
    assert 'id="review-overdue-note"' not in listing


@pytest.mark.django_db
def test_pages_due_for_review_is_hidden_from_staff_without_page_access(client, django_user_model):
    user = django_user_model.objects.create_user("front", password="x", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/pages/pagedueforreview/").status_code == 403
    assert "Pages due for medical review" not in client.get("/admin/").content.decode()
