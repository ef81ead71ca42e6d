"""Template helpers for the site chrome (menu, footer links, clinic structured data)."""

from dataclasses import dataclass

from django import template
from django.conf import settings

from clinic_site import i18n
from pages import selectors
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


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """This page in each language (for hreflang and the switcher); empty where the page has
    no translation (the staff side). Public pages are rendered without a request, so they
    pass their own path as `page_path`."""
    request = context.get("request")
    path = context.get("page_path") or (request.path_info if request is not None else None)
    if not path or not i18n.translated_path(path):
        return []
    current = i18n.active_language()
    return [
        LanguageLink(
            code=code,
            name=name,
            path=i18n.path_in_language(path, code),
            url=settings.SITE_URL + i18n.path_in_language(path, code),
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]
