"""The public page cache.

Every key carries a *content generation*: a random token stored in the cache and replaced
whenever a page, any of its children, a testimonial or SiteSettings is saved or deleted (see
`pages.signals`). A new token makes every old entry unreachable at once, which is what we
want: the menu, related-page links and the crisis strip appear on every page, so one edit can
change them all. Reading the token is a cache hit, so a cached page costs no SQL at all.

Only published pages rendered without a request (so no CSRF token, CSP nonce or user name can
leak into them) are stored here. Drafts and staff previews never are.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pages:generation"


def page_cache_seconds() -> int:
    # Bounded so that a page scheduled with a future published_at appears in the menu soon.
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


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
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None))


def generation_key(name: str) -> str:
    return f"pages:{name}:{content_generation()}"


@dataclass(frozen=True)
class CachedPage:
    html: str
    etag: str
    last_modified: datetime


def cached_page_get(cache_name: str) -> CachedPage | None:
    return cache.get(generation_key(f"html:{cache_name}"))


def cached_page_set(cache_name: str, *, html: str, last_modified: datetime) -> CachedPage:
    entry = CachedPage(
        html=html,
        etag='"' + hashlib.sha256(html.encode()).hexdigest()[:32] + '"',
        last_modified=last_modified,
    )
    cache.set(generation_key(f"html:{cache_name}"), entry, timeout=page_cache_seconds())
    return entry
