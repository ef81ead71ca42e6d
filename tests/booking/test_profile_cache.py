"""A clinician's public profile edited in the admin shows on the next request everywhere it
appears: the booking pages (the catalog each worker keeps), the home page and Our team (the
public page cache)."""

import pytest
from django.urls import reverse

from booking.models import Clinician
from pages.models import Page
from tests.factories import PageFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def admin_edit(admin_client, member, **changes) -> None:
    """Save the profile through its admin page, as staff do."""
    data = {
        "name": member.name, "role": member.role, "credentials": member.credentials,
        "languages": member.languages, "bio": member.bio, "licence_type": member.licence_type,
        "licence_number": member.licence_number, "photo_alt": member.photo_alt,
        "is_published": "on" if member.is_published else "", "position": member.position,
    }  # fmt: skip
    data.update(changes)
    response = admin_client.post(f"/admin/pages/teammember/{member.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def profiled(clinicians):
    alex = clinicians[0]
    alex.profile = TeamMemberFactory(name="Dr. Alex Rivera", role="Psychologist")
    alex.save()
    return alex


def test_a_profile_edit_shows_on_the_next_booking_page(
    admin_client, client, profiled, couples_type, frozen_clock
):
    url = reverse("booking:days", args=[couples_type.slug])
    assert "Alex Rivera, LMFT · Psychologist" in body(client, url)
    body(client, url)  # warm: the catalog is now kept by this worker

    admin_edit(admin_client, profiled.profile, role="Couples therapist")
    html = body(client, url)
    assert "Alex Rivera, LMFT · Couples therapist" in html and "Psychologist" not in html

    admin_edit(admin_client, profiled.profile, role="Couples therapist", is_published="")
    assert "Couples therapist" not in body(client, url)  # not shown on the website any more


def test_a_deleted_profile_leaves_the_booking_pages_at_once(
    client, profiled, couples_type, frozen_clock
):
    url = reverse("booking:days", args=[couples_type.slug])
    assert "Psychologist" in body(client, url)
    profiled.profile.delete()  # Clinician.profile is cleared by a bulk UPDATE (SET_NULL)
    html = body(client, url)
    assert "Psychologist" not in html and "Alex Rivera" in html
    assert Clinician.objects.get(pk=profiled.pk).profile_id is None


def test_a_profile_edit_shows_on_the_next_home_and_team_page(admin_client, client):
    PageFactory(kind=Page.Kind.HOME, slug="home", title="Welcome")
    member = TeamMemberFactory(name="Dr. Alex Rivera", bio="Works with couples.")
    for url in ("/", "/team/"):
        assert "Dr. Alex Rivera" in body(client, url)
        body(client, url)  # cached
    admin_edit(admin_client, member, name="Dr. Alexandra Rivera", bio="A new sentence.")
    for url in ("/", "/team/"):
        assert "Dr. Alexandra Rivera" in body(client, url)
    assert "A new sentence." in body(client, "/team/")
    member.delete()
    for url in ("/", "/team/"):
        assert "Alexandra" not in body(client, url)
