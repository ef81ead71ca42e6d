"""The public page cache.

Every entry belongs to a *content generation*: a random token stored in the cache and
replaced whenever a page, any of its children, a testimonial or SiteSettings is saved or
deleted (see `pages.signals`). A new token makes every old entry stale at once, which is what
we want: the menu, related-page links and the crisis strip appear on every page, so one edit
can change them all. Page HTML records its generation and is read together with the current
token in one MGET; so do the values every page needs (the menu index, site settings; see
`generation_value`). A cached page costs no SQL and one cache round trip, usually none.

Only published pages rendered without a request (so no CSRF token, CSP nonce or user name can
leak into them) are stored here. Drafts and staff previews never are.

Each entry is stored twice over: the UTF-8 bytes and a gzip copy made once, when it is
stored (level 6: paid once, read many times). With the page cache off each page is
compressed for its one response at level 1 (nginx's default for on-the-fly gzip): about a
third of level 6's CPU for some 10% more bytes. Either way only a page rendered without a
request is compressed, which is what makes compression safe from BREACH: the attack needs a
secret (a CSRF token, private data) and attacker-chosen text compressed together in one
response, and such a page has neither. Pages that carry a token or private data (forms,
booking times, private links) are never compressed.
"""

import gzip
import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from clinic_site.i18n import active_language, default_language

GENERATION_KEY = "pages:generation"


def page_cache_seconds() -> int:
    # Bounded so that a page scheduled with a future published_at appears in the menu soon.
    return settings.PAGE_CACHE_SECONDS


def content_generation() -> str:
    """The current generation token, creating one if the cache has none."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY) or "cold"
    return token


def content_changed() -> None:
    """Invalidate every cached public page, now and again once the transaction commits.

    The second bump closes a race: a reader between our write and the commit could render the
    old rows and store them under the new token.
    """
    worker_copy.clear()
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None))
    transaction.on_commit(worker_copy.clear)


@dataclass(frozen=True)
class CachedPage:
    body: bytes  # the HTML, UTF-8
    gzip_body: bytes  # the same, gzip-compressed when stored
    etag: str
    last_modified: datetime
    generation: str = ""

    @property
    def html(self) -> str:
        return self.body.decode()


def localized_name(name: str) -> str:
    """`name` in the active language: each language's page (and menu, settings) is its own
    entry, so /es/… is never answered with the English copy or the other way round."""
    language = active_language()
    return name if language == default_language() else f"{language}:{name}"


def _html_key(cache_name: str) -> str:
    # v2: entries carry bytes and their gzip copy (older entries are simply never read).
    return f"pages:html:v2:{cache_name}"


class _WorkerCopy:
    """Pages (and values: the page index, site settings) this worker process used recently,
    with the generation they belong to.

    Revalidated against the shared generation token at most every
    PAGE_LOCAL_REVALIDATE_SECONDS (production: 1 s; 0 turns the copy off), so a cached hit
    usually costs no network round trip at all, and an edit made through another process
    shows within that second. Edits made in this process clear it at once.
    """

    def __init__(self):
        self.clear()

    def clear(self):
        self.generation, self.checked_at, self.pages, self.values = "", 0.0, {}, {}

    def fresh(self) -> bool:
        seconds = settings.PAGE_LOCAL_REVALIDATE_SECONDS
        return seconds > 0 and time.monotonic() - self.checked_at < seconds

    def remember(self, generation: str) -> None:
        if generation != self.generation:
            self.pages, self.values = {}, {}
        self.generation, self.checked_at = generation, time.monotonic()


worker_copy = _WorkerCopy()


def generation_value(name: str, build, *, keep=None):
    """A value built from public content (the page index, site settings), for the current
    generation: from this worker's copy while it is fresh, else from the shared cache in one
    round trip (MGET of the generation and the value, which records its generation), else
    `build()`, stored under the generation read before building (as pages are).

    Every page's menu, footer and crisis strip need these, several times per render; this
    makes them cost nothing on most requests and one round trip at worst.

    `keep(value)` false: the value is returned but not kept (e.g. a page not found: it may
    be scheduled to appear later, which no edit would announce).
    """
    name = localized_name(name)
    if worker_copy.fresh() and name in worker_copy.values:
        return worker_copy.values[name]
    key = f"pages:value:{name}"
    values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY) or content_generation()
    worker_copy.remember(generation)
    stored = values.get(key)
    if stored is not None and stored[0] == generation:
        value = stored[1]
    else:
        value = build()
        if keep is not None and not keep(value):
            return value
        cache.set(key, (generation, value), timeout=page_cache_seconds())
    worker_copy.values[name] = value
    return value


def page_html_cache_on() -> bool:
    """PAGE_HTML_CACHE off (`make bench` with BENCH_NO_PAGE_CACHE=1) renders every page."""
    return settings.PAGE_HTML_CACHE


def cached_page_lookup(cache_name: str) -> tuple[CachedPage | None, str]:
    """The cached page if it belongs to the current generation, and that generation.

    One round trip (MGET) reads both the generation token and the entry, which records the
    generation it was rendered under; an entry from an older generation is a miss.
    """
    if not page_html_cache_on():
        return None, ""
    cache_name = localized_name(cache_name)
    if worker_copy.fresh():
        entry = worker_copy.pages.get(cache_name)
        if entry is not None:
            return entry, worker_copy.generation
    values = cache.get_many([GENERATION_KEY, _html_key(cache_name)])
    generation = values.get(GENERATION_KEY) or content_generation()
    worker_copy.remember(generation)
    entry = values.get(_html_key(cache_name))
    if entry is None or entry.generation != generation:
        return None, generation
    worker_copy.pages[cache_name] = entry
    return entry, generation


def cached_page_get(cache_name: str) -> CachedPage | None:
    return cached_page_lookup(cache_name)[0]


def cached_page_set(
    cache_name: str, *, html: str, last_modified: datetime, generation: str
) -> CachedPage:
    """Store a rendered page under the generation read *before* rendering it, so a page
    rendered from rows that an edit has since replaced is never served as current."""
    cache_name = localized_name(cache_name)
    body = html.encode()
    stored = page_html_cache_on()
    entry = CachedPage(
        body=body,
        # mtime=0: the same page always compresses to the same bytes.
        gzip_body=gzip.compress(body, compresslevel=gzip_level(stored=stored), mtime=0),
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        last_modified=last_modified,
        generation=generation,
    )
    if stored:
        cache.set(_html_key(cache_name), entry, timeout=page_cache_seconds())
    return entry


def gzip_level(*, stored: bool) -> int:
    """6 for a copy kept in the cache (made once), 1 for a copy made for one response."""
    return 6 if stored else 1
