"""The Spanish catalogue is complete: every string the patient side shows has its Spanish.

Two checks: the catalogue in the repository has no untranslated or fuzzy entry, and the
code has no string the catalogue lacks (update_messages, run on a copy of the tree, adds
nothing untranslated). A new English string without its Spanish fails here, not in front of
a Spanish-speaking couple.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def statistics(po: Path) -> dict[str, int]:
    """msgfmt's own count of translated, fuzzy and untranslated entries."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr):
        counts[kind] = int(number)
    return counts


def test_every_entry_in_the_spanish_catalogue_is_translated_and_not_fuzzy():
    counts = statistics(CATALOGUE)
    assert counts["translated"] > 300
    assert counts["fuzzy"] == 0 and counts["untranslated"] == 0, counts


def test_the_catalogue_has_no_header_marked_fuzzy():
    head = CATALOGUE.read_text().split("\n\n", 1)[0]
    assert "#, fuzzy" not in head
    assert '"Language: es\\n"' in head


def test_the_code_has_no_string_the_catalogue_lacks(tmp_path):
    """Run update_messages on a copy of the tree: nothing new may come out untranslated."""
    base = Path(settings.BASE_DIR)
    for name in ("clinic_site", "pages", "intake", "booking", "notifications", "templates"):
        shutil.copytree(
            base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    shutil.copytree(base / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    copy = tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        cwd = Path.cwd()
        try:
            os.chdir(tmp_path)
            call_command("update_messages", verbosity=0)
        finally:
            os.chdir(cwd)
    counts = statistics(copy)
    untranslated = _untranslated_msgids(copy)
    assert counts["untranslated"] == 0 and counts["fuzzy"] == 0, untranslated


def _untranslated_msgids(po: Path) -> list[str]:
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--only-fuzzy", str(po)], capture_output=True, text=True
    )
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", str(po)], capture_output=True, text=True
    )
    return re.findall(r'^msgid "(.+)"$', result.stdout + untranslated.stdout, re.M)


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("Skip to main content", "Saltar al contenido principal"),
        ("Save and continue", "Guardar y continuar"),
        ("This form is not for emergencies", "Este formulario no es para emergencias"),
    ],
)
def test_the_compiled_catalogue_is_what_the_site_uses(english, spanish):
    with translation.override("es"):
        assert translation.gettext(english) == spanish
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_a_missing_or_stale_compiled_catalogue_is_a_deploy_warning(tmp_path, settings):
    from clinic_site.i18n import check_catalogues_compiled, compile_stale_catalogues

    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(CATALOGUE, folder / "django.po")
    settings.LOCALE_PATHS = [tmp_path]
    [warning] = check_catalogues_compiled()
    assert warning.id == "clinic_site.W010" and "compilemessages" in warning.hint
    assert compile_stale_catalogues() == [folder / "django.po"]
    assert check_catalogues_compiled() == [] and (folder / "django.mo").exists()
