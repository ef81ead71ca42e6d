"""Which language a URL is in, and the same URL in another language.

English is the default and has no prefix (/inquiry/); Spanish lives under /es/
(/es/inquiry/). Only the patient side is translated: the staff admin, webhooks, health checks
and robots/sitemap are English and unprefixed (clinic_site/urls.py).
"""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.utils import translation

SPANISH = "es"


def default_language() -> str:
    return settings.LANGUAGE_CODE


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != default_language()]


def language_of_path(path: str) -> str:
    """The language a request path is in: its prefix if it names a non-default language."""
    for code in other_languages():
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return code
    return default_language()


def unprefixed_path(path: str) -> str:
    """The path without its language prefix: /es/inquiry/ -> /inquiry/."""
    language = language_of_path(path)
    if language == default_language():
        return path
    return path[len(language) + 1 :] or "/"


def path_in_language(path: str, language: str) -> str:
    """The same page in `language`: /inquiry/ -> /es/inquiry/, /es/ -> /."""
    bare = unprefixed_path(path)
    if language == default_language():
        return bare
    return f"/{language}{bare}"


def translated_path(path: str) -> bool:
    """Whether the page at `path` exists in every language (the patient side does; the staff
    admin, webhooks and the 'book'-less machine endpoints do not)."""
    bare = unprefixed_path(path)
    untranslated = (
        "/" + settings.ADMIN_URL_PATH.lstrip("/"),
        "/notifications/",
        "/healthz",
        "/readyz",
        "/sitemap.xml",
        "/robots.txt",
        "/static/",
    )
    return not bare.startswith(untranslated)


# Each language by its English name, for the staff side (which is English).
ENGLISH_NAMES = {"en": "English", "es": "Spanish"}


def english_name(code: str) -> str:
    return ENGLISH_NAMES.get(code, code)


def languages_text(own: str, partner: str | None) -> str:
    """The couple's languages for staff: "Spanish", or "English, partner Spanish"."""
    text = english_name(own)
    if partner and partner != own:
        text = f"{text}, partner {english_name(partner)}"
    return text


def language_name(code: str) -> str:
    """The language's own name (English, Español), as a switcher shows it."""
    return dict(settings.LANGUAGES).get(code, code)


def active_language() -> str:
    """The active language, reduced to one of LANGUAGES ('es-mx' -> 'es')."""
    code = (translation.get_language() or default_language()).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else default_language()


def stale_catalogues() -> list[Path]:
    """The message catalogues (.po) whose compiled .mo is missing or older than them.

    The .mo files are build output, not committed: `make run`, `make test` (and so CI) run
    compilemessages, and the test session compiles whatever is stale (tests/conftest.py).
    """
    stale = []
    for locale_dir in settings.LOCALE_PATHS:
        for po in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(po)
    return stale


def compile_stale_catalogues() -> list[Path]:
    """Compile each stale catalogue with gettext's msgfmt, as compilemessages does."""
    stale = stale_catalogues()
    for po in stale:
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )
    return stale


@checks.register(checks.Tags.translation, deploy=True)
def check_catalogues_compiled(app_configs=None, **kwargs):
    """A deploy without compiled catalogues would show the Spanish pages in English."""
    return [
        checks.Warning(
            f"{po} is not compiled (or changed since): the site would show its msgids.",
            hint="Run `python manage.py compilemessages` before starting the site.",
            id="clinic_site.W010",
        )
        for po in stale_catalogues()
    ]
