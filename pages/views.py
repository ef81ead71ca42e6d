"""Public pages (cached, identical for everyone), sitemap.xml and robots.txt."""

import functools
import re
from datetime import date

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from clinic_site import i18n

from . import selectors
from .cache import CachedPage, cached_page_lookup, cached_page_set, generation_value
from .models import Page, SiteSettings, TeamMember, tel_href
from .structured_data import page_structured_data

TITLE_SEPARATOR = " | "


def document_title(*, title: str, clinic_name: str) -> str:
    """The browser-tab title, the same shape everywhere: "Title | Clinic name".

    A title that already ends with the clinic's name (staff sometimes type it into the SEO
    title) is not given it twice, and an empty one is just the clinic's name.
    """
    title = title.strip()
    for separator in (TITLE_SEPARATOR, " - ", " – ", " — ", " · ", ": "):
        title = title.removesuffix(separator + clinic_name).strip()
    if not title or title == clinic_name:
        return clinic_name
    return f"{title}{TITLE_SEPARATOR}{clinic_name}"


def long_date(day: date) -> str:
    """`day` as the pages write it ("December 3, 2026", "3 de diciembre de 2026")."""
    return _long_date(day, i18n.active_language())


@functools.lru_cache(maxsize=256)
def _long_date(day: date, language: str) -> str:
    # Formatting a date (month names from the catalogue) cost more than the rest of the
    # updated line; it is a pure function of the day and the language, so remembered.
    return formats.date_format(day, gettext("F j, Y"))


def kept_structured_data(*, page: Page | None, keep: bool, **parts) -> list:
    """The page's JSON-LD blocks. Built from the page, its children, the site settings and the
    page index alone, so a published page's are kept per content generation and language
    like its children (pages.cache); a preview's are built each time."""
    parts["site_url"] = settings.SITE_URL
    if not keep or page is None:
        return page_structured_data(page=page, **parts)
    return generation_value(f"json-ld:{page.pk}", lambda: page_structured_data(page=page, **parts))


def page_context(*, page: Page | None, site_settings: SiteSettings, preview: bool = False):
    """Everything the page templates need. Deliberately request-free: the HTML is shared."""
    site_url = settings.SITE_URL
    content = selectors.page_content_for(page, keep=not preview)
    page = selectors.shown_page(page, content)  # its reviewed translation's words, if any
    index = selectors.published_page_index()
    page_path = selectors.page_path(page, index)
    languages = selectors.languages_of(page, index)  # None: every language
    canonical_url = site_url + selectors.canonical_path(page_path, languages)
    description = selectors.page_description(
        page=page, area_served=site_settings.localized["area_served"]
    )
    page_title = (page.seo_title or page.title) if page else site_settings.clinic_name
    return {
        "page": page,
        "updated_on": long_date(timezone.localdate(page.updated_at)) if page else "",
        "content": content,
        "journey": selectors.page_journey(page) if page else None,
        "site_settings": site_settings,
        "site_url": site_url,
        "canonical_url": canonical_url,
        "page_path": page_path,
        "page_languages": languages,
        "content_lang": selectors.content_language(content),
        "page_title": page_title,
        "document_title": document_title(title=page_title, clinic_name=site_settings.clinic_name),
        "privacy_practices_link": selectors.first_link_of_kind(index, Page.Kind.PRIVACY_PRACTICES),
        "meta_description": description,
        "json_ld": kept_structured_data(
            page=page,
            keep=not preview,
            site_settings=site_settings,
            description=description,
            canonical_url=canonical_url,
            content=content,
        ),
        "topic_links": [link for link in index if link.kind == Page.Kind.TOPIC],
        "preview": preview,
        "cost_link": selectors.first_link_of_kind(index, Page.Kind.COST),
    }


def render_page_html(*, page: Page | None, preview: bool = False) -> str:
    site_settings = SiteSettings.load()
    template = (
        "pages/home.html" if page is None or page.kind == Page.Kind.HOME else "pages/page.html"
    )
    # No request is passed: no CSRF token, CSP nonce, message or user name can get in.
    return render_to_string(
        template, page_context(page=page, site_settings=site_settings, preview=preview)
    )


# The same test Django's GZipMiddleware uses.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def page_cache_name(*, slug: str | None = None) -> str:
    """The page cache's name for the home page (no slug) or the page at /<slug>/."""
    return "home" if slug is None else f"slug:{slug}"


def cached_page_response(request, entry: CachedPage) -> HttpResponse:
    """A cached public page: gzip-compressed when the browser accepts it (the copy made when
    the page was stored: no secret is in it, so no BREACH), with validators for a 304."""
    gzipped = bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    # Like GZipMiddleware: the compressed copy's ETag is the weak form of the page's.
    etag = "W/" + entry.etag if gzipped else entry.etag
    last_modified = int(entry.last_modified.timestamp())
    response = None
    if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = entry.gzip_body if gzipped else entry.body
        response = HttpResponse(body)
        response["Content-Length"] = str(len(body))
        if gzipped:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Vary"] = "Accept-Encoding"
    # Shared caches may keep it, but must check back (cheap: a 304) so edits show at once.
    response["Cache-Control"] = "public, no-cache"
    return response


def page_entry(cache_name: str) -> CachedPage | None:
    """The public page `cache_name` ("home" or "slug:<slug>") as a cache entry: the stored
    one for the current generation, else rendered now (without a request) and stored. None:
    no such page. pages.middleware answers with it above the session/CSRF middleware, which a
    page rendered without a request never needs; the views below are the fallback (404s,
    other methods)."""
    entry, generation = cached_page_lookup(cache_name)
    if entry is None:
        home = cache_name == page_cache_name()
        if home:
            page = selectors.published_page_get(home=True)
        else:
            page = selectors.published_page_get(slug=cache_name.removeprefix("slug:"))
        # Before any content is seeded the home page still works, with the clinic's facts.
        if page is None and not home:
            return None
        html = render_page_html(page=page)
        changed = [SiteSettings.load().updated_at] + ([page.updated_at] if page else [])
        entry = cached_page_set(
            cache_name, html=html, last_modified=max(changed), generation=generation
        )
    return entry


def _serve(request, *, cache_name: str) -> HttpResponse:
    entry = page_entry(cache_name)
    if entry is None:
        raise Http404("No such page")
    return cached_page_response(request, entry)


@require_safe
def home(request):
    return _serve(request, cache_name=page_cache_name())


@require_safe
def page_detail(request, slug: str):
    return _serve(request, cache_name=page_cache_name(slug=slug))


def preview_response(page: Page) -> HttpResponse:
    """A staff preview of any page, drafts included: never cached, never indexed."""
    response = HttpResponse(render_page_html(page=page, preview=True))
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_team_html() -> str:
    site_settings = SiteSettings.load()
    index = selectors.published_page_index()
    return render_to_string(
        "pages/team.html",
        {
            "team": selectors.published_team(),
            "site_settings": site_settings,
            "nav_current": "team",
            "canonical_url": settings.SITE_URL + reverse("pages:team"),
            "page_path": reverse("pages:team"),
            "document_title": document_title(
                title=gettext("Our team"), clinic_name=site_settings.clinic_name
            ),
            "cost_link": selectors.first_link_of_kind(index, Page.Kind.COST),
        },
    )


@require_safe
def team(request):
    """The clinicians, with licences and languages (cached like every public page)."""
    entry, generation = cached_page_lookup("team")
    if entry is None:
        entry = cached_page_set(
            "team",
            html=render_team_html(),
            last_modified=SiteSettings.load().updated_at,
            generation=generation,
        )
    return cached_page_response(request, entry)


@require_safe
def team_photo(request, member_id: int, version: str):
    """A clinician's photo. Its URL changes with each upload, so it may be cached for a year."""
    member = get_object_or_404(
        TeamMember.objects.only("photo", "photo_version"), pk=member_id, is_published=True
    )
    if not member.photo or member.photo_version != version:
        raise Http404("No such photo")
    response = HttpResponse(bytes(member.photo), content_type="image/jpeg")
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    return response


@require_safe
def sitemap_xml(request):
    """Every published page in each language its words exist in (English, and each language
    it has a reviewed translation in: an /es/ page showing the English with a note is not
    listed), each entry naming its alternates (hreflang, with x-default the English page)
    when there are two or more, as search engines ask for translated pages."""
    pages = (
        Page.objects.published()
        .only("id", "kind", "slug", "updated_at")
        .annotate(**selectors.reviewed_in_annotations())
    )
    entries = []
    for page in pages:
        path = page.get_absolute_url()
        languages = selectors.page_languages(page)
        alternates = [
            {"code": code, "path": i18n.path_in_language(path, code)} for code in languages
        ]
        alternates.append({"code": "x-default", "path": i18n.path_in_language(path, "en")})
        entries.extend(
            {
                "path": i18n.path_in_language(path, code),
                "updated_at": page.updated_at,
                "alternates": alternates if len(languages) > 1 else [],
            }
            for code in languages
        )
    xml = render_to_string("pages/sitemap.xml", {"site_url": settings.SITE_URL, "entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Forms and private links: nothing there for a search engine.
        "Disallow: /inquiry/",
        "Disallow: /book/",
        "Disallow: /es/inquiry/",
        "Disallow: /es/book/",
        "Disallow: /notifications/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# --- error pages ------------------------------------------------------------------------
def _clinic_phone() -> str:
    """The clinic's phone for an error page: from SiteSettings if it can be read, else the
    default (a 500 may mean the database or the cache is down)."""
    try:
        return SiteSettings.load().phone
    except Exception:  # noqa: BLE001 - the error page must render whatever else is broken
        return SiteSettings._meta.get_field("phone").default


def server_error(request):
    """The 500 page: standalone (no base layout, no context processors), with the phone."""
    phone = _clinic_phone()
    html = render_to_string(
        "500.html", {"clinic_phone": phone, "clinic_phone_href": tel_href(phone)}
    )
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (most often: a page left open too long).

    Rendered with the request, so it has the site layout, the crisis strip and the phone.
    """
    return render(request, "403_csrf.html", status=403)
