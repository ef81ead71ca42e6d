"""A page entry is current only for the generation it was rendered under."""

from datetime import UTC, datetime

import pytest

from pages.cache import cached_page_lookup, cached_page_set, content_changed

WHEN = datetime(2026, 11, 27, tzinfo=UTC)


@pytest.mark.django_db
def test_an_entry_rendered_before_an_edit_is_never_served_after_it():
    _, generation = cached_page_lookup("slug:p")
    content_changed()  # an edit lands while the page was being rendered
    cached_page_set("slug:p", html="<p>old</p>", last_modified=WHEN, generation=generation)
    entry, _ = cached_page_lookup("slug:p")
    assert entry is None


@pytest.mark.django_db
def test_an_entry_is_served_until_the_next_edit(django_assert_num_queries):
    _, generation = cached_page_lookup("slug:p")
    cached_page_set("slug:p", html="<p>new</p>", last_modified=WHEN, generation=generation)
    with django_assert_num_queries(0):
        entry, current = cached_page_lookup("slug:p")
    assert entry.html == "<p>new</p>" and current == generation
    content_changed()
    assert cached_page_lookup("slug:p")[0] is None
