"""Issue 13: the team, the cost page, the home page's one next step and the help bar."""

import io
import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pages.care_phases import CARE_PHASES
from pages.models import Fee, Page, SiteSettings, TeamMember
from tests.factories import FeeFactory, PageFactory, TeamMemberFactory, page_with_children

pytestmark = pytest.mark.django_db


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def member(**fields) -> TeamMember:
    return TeamMemberFactory(**fields)


def jpeg_with_metadata(size=(1200, 900)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x010E] = "Taken at 12 Home Street"  # ImageDescription
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_the_team_page_shows_licence_languages_and_initials_until_a_photo_exists(client):
    member()
    member(name="Jordan Lee", credentials="LMFT", licence_type="LMFT", licence_number="LMFT 9",
           languages="English")  # fmt: skip
    member(name="Hidden Person", is_published=False)
    html = body(client, "/team/")
    assert "<h1>Our team</h1>" in html
    assert "Dr. Alex Rivera, PsyD" in html and "California PSY licence PSY 12345" in html
    assert "Speaks English, Spanish" in html
    assert "Hidden Person" not in html
    assert re.search(r'class="avatar avatar-initials" aria-hidden="true">AR<', html)
    assert re.search(r'class="avatar avatar-initials" aria-hidden="true">JL<', html)
    assert 'aria-current="page">Our team' in html


def test_the_team_page_is_cached_and_changes_when_a_member_is_edited(
    client, django_assert_num_queries
):
    person = member()
    body(client, "/team/")
    with django_assert_num_queries(0):
        body(client, "/team/")
    person.bio = "A new sentence about Alex."
    person.save()
    assert "A new sentence about Alex." in body(client, "/team/")


def test_a_photo_upload_needs_a_description_and_loses_its_metadata(admin_client, client):
    person = member()
    url = f"/admin/pages/teammember/{person.pk}/change/"
    data = {
        "name": person.name, "role": person.role, "credentials": person.credentials,
        "languages": person.languages, "bio": person.bio, "licence_type": "PSY",
        "licence_number": "PSY 12345", "photo_alt": "", "is_published": "on", "position": 0,
    }  # fmt: skip
    upload = SimpleUploadedFile("me.jpg", jpeg_with_metadata(), content_type="image/jpeg")
    response = admin_client.post(url, {**data, "photo_upload": upload})
    assert response.status_code == 200
    assert "Describe the photo for people who cannot see it." in response.content.decode()
    person.refresh_from_db()
    assert not person.photo_version

    upload = SimpleUploadedFile("me.jpg", jpeg_with_metadata(), content_type="image/jpeg")
    data["photo_alt"] = "Alex smiling, in a blue shirt"
    response = admin_client.post(url, {**data, "photo_upload": upload})
    assert response.status_code == 302
    person.refresh_from_db()
    stored = Image.open(io.BytesIO(bytes(person.photo)))
    assert stored.size == (480, 480)
    assert not stored.getexif()  # no camera make, no description (nor GPS)

    html = body(client, "/team/")
    assert f'src="{person.photo_url}" alt="Alex smiling, in a blue shirt"' in html
    photo = client.get(person.photo_url)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert "immutable" in photo["Cache-Control"]
    assert client.get(f"/team/photo/{person.pk}-000000000000.jpg").status_code == 404


def test_a_file_that_is_not_a_photo_is_refused_with_a_reason(admin_client):
    person = member()
    upload = SimpleUploadedFile("me.jpg", b"not an image", content_type="image/jpeg")
    response = admin_client.post(
        f"/admin/pages/teammember/{person.pk}/change/",
        {"name": person.name, "role": person.role, "languages": "English",
         "photo_alt": "x", "position": 0, "photo_upload": upload},
    )  # fmt: skip
    assert response.status_code == 200
    assert "photo_upload" in response.context["adminform"].form.errors


def test_the_cost_page_lists_the_fees_staff_set(client, django_assert_max_num_queries):
    page_with_children(PageFactory(kind=Page.Kind.COST, slug="cost-and-insurance",
                           title="Cost and insurance", needs_medical_review=False))  # fmt: skip
    FeeFactory(name="Consultation", amount="$250", note="60 minutes", position=1)
    FeeFactory(name="Old fee", amount="$1", note="", is_published=False)
    cache.clear()
    with django_assert_max_num_queries(4):
        html = body(client, "/cost-and-insurance/")
    fees = html[html.index('<table class="fees">') : html.index("</table>")]
    assert "Consultation" in fees and "$250" in fees and "60 minutes" in fees
    assert "Old fee" not in fees
    assert '<a href="#fees">Our fees</a>' in html
    # The cost page is in the menu, and every call to action links to it.
    assert 'href="/cost-and-insurance/" aria-current="page">' in html
    Fee.objects.filter(name="Consultation").update(amount="$275")
    Fee.objects.get(name="Consultation").save()
    assert "$275" in body(client, "/cost-and-insurance/")


def test_the_seeded_cost_page_is_careful_with_promises(client):
    from django.core.management import call_command

    call_command("seed_content", verbosity=0)
    html = body(client, "/cost-and-insurance/")
    for topic in ("out-of-network", "Superbills", "What insurance usually does not cover"):
        assert topic in html
    assert "First phone call" in html and "Free" in html
    text = re.sub(r"<[^>]+>", " ", html).lower()
    assert "will cover" not in text and "guarantee" not in text


def test_home_leads_with_one_primary_action_and_how_it_works(client, django_assert_max_num_queries):
    home = page_with_children(PageFactory(kind=Page.Kind.HOME, slug="home"), each=2)
    member()
    cache.clear()
    with django_assert_max_num_queries(4):
        html = body(client, "/")
    main = html[html.index("<main") : html.index("</main>")]
    hero = main[main.index('<section class="hero"') : main.index("</section>")]
    assert hero.count("btn-primary") == 1
    assert 'href="/inquiry/">See if this is right for us' in hero
    assert f'href="{SiteSettings.load().phone_href}"' in hero  # the phone, second
    steps = re.findall(r'<li class="phase">.*?<h3>(.*?)</h3>', main, re.S)
    assert steps == [phase.title for phase in CARE_PHASES]
    assert len(steps) == 4
    assert "Dr. Alex Rivera, PsyD" in main and 'href="/team/"' in main
    assert home.title in html


def test_the_help_bar_is_a_closed_details_with_the_numbers_on_every_page(client):
    PageFactory(slug="topic")
    for url in ("/", "/topic/", "/team/", "/inquiry/", "/book/"):
        html = client.get(url).content.decode()
        bar = html[html.index('<aside class="help-bar-wrap"') : html.index("</aside>")]
        assert '<details class="help-bar"' in bar and '<details class="help-bar" open' not in bar
        assert "Need help now?" in bar
        assert 'href="tel:911"' in bar and 'href="tel:988"' in bar and "then press 1" in bar


def test_faq_entries_are_native_accordions_with_faq_page_data(client):
    page_with_children(PageFactory(slug="faq"), each=3)
    html = body(client, "/faq/")
    assert html.count('<details class="faq-entry">') == 3
    assert "<summary><h3>Question 0?</h3></summary>" in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    faq = next(json.loads(b) for b in blocks if '"FAQPage"' in b)
    assert [q["name"] for q in faq["mainEntity"]] == ["Question 0?", "Question 1?", "Question 2?"]
