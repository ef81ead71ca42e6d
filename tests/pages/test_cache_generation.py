"""A page entry is current only for the generation it was rendered under."""

import gzip
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


@pytest.fixture
def worker_copy_on(settings):
    from pages.cache import worker_copy

    settings.PAGE_LOCAL_REVALIDATE_SECONDS = 1.0
    worker_copy.clear()
    yield worker_copy
    worker_copy.clear()


def _cache_calls(monkeypatch):
    from pages import cache as page_cache

    calls = []
    real = page_cache.cache.get_many
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: calls.append(keys) or real(keys))
    return calls


@pytest.mark.django_db
def test_a_worker_serves_a_page_it_just_served_without_asking_the_cache(
    worker_copy_on, monkeypatch
):
    _, generation = cached_page_lookup("slug:p")
    cached_page_set("slug:p", html="<p>v1</p>", last_modified=WHEN, generation=generation)
    assert cached_page_lookup("slug:p")[0].html == "<p>v1</p>"  # fills the worker copy
    calls = _cache_calls(monkeypatch)
    assert cached_page_lookup("slug:p")[0].html == "<p>v1</p>"
    assert calls == []


@pytest.mark.django_db
def test_an_edit_elsewhere_shows_once_the_worker_revalidates(worker_copy_on):
    from django.core.cache import cache

    from pages.cache import GENERATION_KEY

    _, generation = cached_page_lookup("slug:p")
    cached_page_set("slug:p", html="<p>v1</p>", last_modified=WHEN, generation=generation)
    assert cached_page_lookup("slug:p")[0] is not None
    cache.set(GENERATION_KEY, "edited-in-another-process", timeout=None)
    worker_copy_on.checked_at -= 2  # the revalidation second has passed
    entry, current = cached_page_lookup("slug:p")
    assert entry is None and current == "edited-in-another-process"


@pytest.mark.django_db
def test_an_edit_in_this_process_clears_the_worker_copy_at_once(worker_copy_on):
    _, generation = cached_page_lookup("slug:p")
    cached_page_set("slug:p", html="<p>v1</p>", last_modified=WHEN, generation=generation)
    assert cached_page_lookup("slug:p")[0] is not None
    content_changed()
    assert cached_page_lookup("slug:p")[0] is None


@pytest.mark.django_db
@pytest.mark.parametrize(("cache_on", "level"), [(True, 6), (False, 1)])
def test_a_kept_copy_is_compressed_harder_than_a_copy_for_one_response(settings, cache_on, level):
    settings.PAGE_HTML_CACHE = cache_on
    html = "<main>" + "A page about couples therapy. " * 200 + "</main>"
    _, generation = cached_page_lookup("slug:p")
    entry = cached_page_set("slug:p", html=html, last_modified=WHEN, generation=generation)
    assert gzip.decompress(entry.gzip_body) == html.encode()
    assert entry.gzip_body == gzip.compress(html.encode(), compresslevel=level, mtime=0)
    assert (cached_page_lookup("slug:p")[0] is not None) is cache_on
