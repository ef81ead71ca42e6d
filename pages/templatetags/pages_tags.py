"""Template helpers for the site chrome (menu, footer links, clinic structured data)."""

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from clinic_site import i18n
from pages import selectors
from pages.care_phases import CARE_PHASES
from pages.models import Page, SiteSettings
from pages.structured_data import clinic_data, ld_json

register = template.Library()


@register.simple_tag
def site_nav_links():
    """Published topic pages for the main menu (cached; no query on a warm cache)."""
    return selectors.nav_links()


@register.simple_tag
def privacy_notice_url() -> str:
    link = selectors.privacy_link()
    return link.url if link else "/privacy/"


@register.simple_tag
def privacy_practices_url() -> str:
    """The Notice of Privacy Practices page; the privacy notice's summary if there is none."""
    link = selectors.privacy_practices_link()
    if link:
        return link.url
    return privacy_notice_url() + "#notice-of-privacy-practices"


@register.simple_tag(takes_context=True)
def clinic_json_ld(context):
    """The MedicalClinic JSON-LD for pages that do not build their own list."""
    site_settings = context.get("site_settings")
    if site_settings is None:
        return ""
    return ld_json(clinic_data(site_settings=site_settings, site_url=settings.SITE_URL))


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    path: str
    url: str  # absolute, for hreflang
    current: bool
    # Advertised as an alternate (hreflang): the page's words exist in this language.
    alternate: bool = True


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """This page in each language (for hreflang and the switcher); empty where the page has
    no translation (the staff side). Public pages are rendered without a request, so they
    pass their own path as `page_path`, and content pages the languages their words exist
    in as `page_languages` (None or absent: every language, as the flow pages, translated by
    the catalogue). The switcher offers every language (the frame is translated); hreflang
    names a language only where the page's words exist in it, and only when there are two."""
    request = context.get("request")
    path = context.get("page_path") or (request.path_info if request is not None else None)
    if not path or not i18n.translated_path(path):
        return []
    current = i18n.active_language()
    languages = context.get("page_languages")
    advertised = [
        code for code, _name in settings.LANGUAGES if languages is None or code in languages
    ]
    paths = {code: i18n.path_in_language(path, code) for code, _name in settings.LANGUAGES}
    return [
        LanguageLink(
            code=code,
            name=name,
            path=paths[code],
            url=settings.SITE_URL + paths[code],
            current=code == current,
            alternate=len(advertised) > 1 and code in advertised,
        )
        for code, name in settings.LANGUAGES
    ]


# --- the site chrome, rendered once and reused ---------------------------------------------
# The help bar, header and footer are the same on every public page in one language, and so
# are the call to action and the note about the medicine that public pages end with, and the
# home page's "How it works": they are built from SiteSettings and the published page index
# (both kept per content generation, pages.cache) plus the translations, the fixed care
# phases and the URL configuration of this process. Only
# two things in them belong to the request: which menu item is the current page
# (aria-current) and where the language switch leads (this page's path in the other
# language). So each part is rendered once with a marker in those places and kept in this
# process, then the markers are filled in per request (the path escaped per request, so a
# private URL, e.g. a manage link, is never remembered).
#
# An entry is reused only while SiteSettings.load() and published_page_index() return the
# very objects it was rendered from: a content edit (a new generation) gives new objects, so
# the chrome can never be staler than the menu and settings a fresh render would use. With
# PAGE_LOCAL_REVALIDATE_SECONDS 0 (development, tests) those are new objects on every read,
# so every request renders the chrome as before.
CHROME_PARTS = {
    "help_bar": "includes/help_bar.html",
    "header": "includes/header.html",
    "footer": "includes/footer.html",
    "call_to_action": "pages/_cta.html",
    "off_label": "pages/_off_label.html",
    "how_it_works": "pages/_how_it_works.html",
}
_CHROME_MARK = re.compile(r"<!--chrome:(nav|lang):([\w-]+)-->")
_chrome_kept: dict[tuple, tuple[object, object, str]] = {}


def _chrome_marker(kind: str, value) -> str:
    return mark_safe(f"<!--chrome:{kind}:{value}-->")  # noqa: S308 - a fixed ASCII marker


def _chrome_inputs(context) -> tuple[SiteSettings, list]:
    """SiteSettings and the page index, read once per page render (up to five parts ask)."""
    inputs = context.render_context.get("site_chrome_inputs")
    if inputs is None:
        inputs = (SiteSettings.load(), selectors.published_page_index())
        context.render_context["site_chrome_inputs"] = inputs
    return inputs


@register.simple_tag(takes_context=True)
def site_chrome(context, part: str) -> str:
    """`{% site_chrome "header" %}`: the part's HTML, the per-request bits filled in."""
    site_settings, index = _chrome_inputs(context)
    links = context.get("language_links") or []
    key = (part, translation.get_language(), tuple((link.code, link.current) for link in links))
    kept = _chrome_kept.get(key)
    if kept is not None and kept[0] is site_settings and kept[1] is index:
        html = kept[2]
    else:
        html = render_to_string(
            CHROME_PARTS[part],
            {
                "site_settings": site_settings,
                "cost_link": selectors.first_link_of_kind(index, Page.Kind.COST),
                "care_phases": CARE_PHASES,
                "LANGUAGE_CODE": translation.get_language(),
                "language_links": [
                    LanguageLink(
                        code=link.code,
                        name=link.name,
                        path=_chrome_marker("lang", link.code),
                        url="",
                        current=link.current,
                    )
                    for link in links
                ],
            },
        )
        _chrome_kept[key] = (site_settings, index, html)
    page = context.get("page")
    current = {str(page.id)} if getattr(page, "id", None) is not None else set()
    if context.get("nav_current"):
        current.add(str(context["nav_current"]))
    paths = {link.code: link.path for link in links}

    def fill(match):
        kind, value = match.groups()
        if kind == "nav":
            return ' aria-current="page"' if value in current else ""
        return conditional_escape(paths[value])

    return mark_safe(_CHROME_MARK.sub(fill, html))  # noqa: S308 - escaped parts only


@register.simple_tag
def chrome_mark(kind: str, value) -> str:
    """The marker site_chrome fills in per request (used in the chrome templates only)."""
    return _chrome_marker(kind, value)
