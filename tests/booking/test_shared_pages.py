"""The plain flow's day and time pages are rendered once and reused (booking.views.shared).
Run with production's worker copy on, so kept pages are really reused: a booking, a
cancellation, hours, time off and catalog changes still show on the very next request (the
availability cache tests, run again here), and the per-request values stay per request."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

from booking.selectors import manage_token
from booking.views import shared
from tests.booking.test_availability_cache import (  # noqa: F401 - run again with pages kept
    DAY,
    book,
    test_a_booking_and_its_cancellation_show_on_the_next_request,
    test_hours_and_time_off_changes_show_on_the_next_request,
    test_the_catalog_follows_the_admin,
    test_the_day_and_time_pages_cost_no_queries_once_warm,
)
from tests.factories import pacific

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_kept(settings):
    from booking.availability import catalog_copy
    from pages.cache import worker_copy

    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 1.0
    worker_copy.clear()
    catalog_copy.clear()
    shared._kept.clear()
    yield
    worker_copy.clear()
    catalog_copy.clear()
    shared._kept.clear()


def _values(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]*)"', html)


def test_each_visitor_gets_their_own_csrf_token_and_hold_key(
    clinicians, couples_type, frozen_clock
):
    alex = clinicians[0]
    url = reverse("booking:times", args=[couples_type.slug, DAY]) + f"?clinician={alex.pk}"
    pages, tokens, keys = [], [], []
    for _ in range(3):
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(url)
        html = response.content.decode()
        pages.append(re.sub(r'name="(csrfmiddlewaretoken|hold_key)" value="[^"]*"', "", html))
        tokens += _values(html, "csrfmiddlewaretoken")
        keys += _values(html, "hold_key")
        assert "zzbooking" not in html
        assert response.cookies["csrftoken"].value  # the token's cookie is set as before
    assert len(shared._kept) == 1 and pages[0] == pages[1] == pages[2]
    assert len(set(tokens)) == 3 and len(set(keys)) == 3
    # The last visitor's token is valid for them: the form works under real CSRF checks.
    start = _values(html, "start")[0]
    form = {"start": start, "clinician": alex.pk, "hold_key": keys[-1]}
    assert visitor.post(url, form).status_code == 403  # no token: refused
    hold = visitor.post(url, {**form, "csrfmiddlewaretoken": tokens[-1]})
    assert hold.status_code == 302
    assert start not in _values(Client().get(url).content.decode(), "start")


def test_a_waiting_message_is_shown_not_a_kept_page(clinicians, couples_type, frozen_clock, rf):
    url = reverse("booking:days", args=[couples_type.slug])
    Client().get(url)
    assert shared._kept
    client = Client()
    storage = CookieStorage(rf.get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Your time expired.")])
    assert "Your time expired." in client.get(url).content.decode()
    assert "Your time expired." not in client.get(url).content.decode()  # shown once
    assert "Your time expired." not in Client().get(url).content.decode()


def test_a_reschedule_screen_is_never_kept(clinicians, couples_type, frozen_clock):
    appointment = book(couples_type, clinicians[0], pacific(2026, 3, 5, 10))
    token = manage_token(appointment)
    response = Client().get(reverse("booking:reschedule_times", args=[token, DAY]))
    assert response.status_code == 200
    assert not any(token in html for _, html in shared._kept.values())
    assert not any(token in str(key) for key in shared._kept)
