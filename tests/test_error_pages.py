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
