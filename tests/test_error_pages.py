"""Error pages keep the crisis numbers and the clinic's layout (404, 403) or stand alone (500)."""

import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_a_missing_page_shows_the_crisis_strip_and_a_way_home(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'aria-label="Crisis help"' in body and "988" in body
    assert body.count("<h1") == 1 and 'href="/"' in body


def test_the_500_page_renders_without_any_context_or_database():
    html = render_to_string("500.html")
    assert "988" in html and "911" in html
    assert "<h1>" in html


@pytest.mark.django_db
def test_the_500_page_gives_the_clinics_phone(rf):
    """Issue 12: a 500 is when someone may have lost a form: give them the number."""
    from django.conf import settings
    from django.urls import get_resolver

    from pages.models import SiteSettings

    assert get_resolver(settings.ROOT_URLCONF).urlconf_module.handler500 == (
        "pages.views.server_error"
    )
    from pages.views import server_error

    site = SiteSettings.load()
    site.phone = "714-555-0100"
    site.save()
    response = server_error(rf.get("/inquiry/step/6/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<a href="tel:+17145550100">714-555-0100</a>' in html
    assert "988" in html and "911" in html


@pytest.mark.django_db
def test_the_500_page_still_gives_a_phone_when_the_settings_cannot_be_read(rf, monkeypatch):
    from pages.models import SiteSettings
    from pages.views import server_error

    def database_down(cls):
        raise ConnectionError("database unavailable")

    monkeypatch.setattr(SiteSettings, "load", classmethod(database_down))
    html = server_error(rf.get("/")).content.decode()
    assert '<a href="tel:+19496250564">949-625-0564</a>' in html


@pytest.mark.django_db
def test_a_refused_form_403_gives_the_phone_and_the_crisis_numbers():
    """Issue 12: a form refused for its CSRF token (a page left open) is a 403 too."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/inquiry/step/1/", {"contact_name": "J"})
    body = response.content.decode()
    assert response.status_code == 403
    assert '<a href="tel:+19496250564">949-625-0564</a>' in body
    assert 'aria-label="Crisis help"' in body and "988" in body
    assert body.count("<h1") == 1 and "Nothing was saved" in body


@pytest.mark.django_db
def test_a_forbidden_page_403_gives_the_phone(rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    response = permission_denied(rf.get("/private/"), PermissionDenied())
    body = response.content.decode()
    assert response.status_code == 403
    assert '<a href="tel:+19496250564">949-625-0564</a>' in body
