"""Refresh the Spanish catalogue (locale/es/LC_MESSAGES/django.po) from the code.

The patient side only: the staff admin stays English, so its code and templates are left
out. New strings arrive untranslated; tests/test_translations.py fails until each has its
Spanish. Run it from the project root: `python manage.py update_messages`.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Never scanned: the staff side (English only), tests, tooling and build output.
IGNORE = [
    ".venv",
    "var",
    "bench",
    "tests",
    "staticfiles",
    "static/*",
    "node_modules",
    "staff/*",
    "templates/admin/*",
    "templates/staff/*",
]


class Command(BaseCommand):
    help = "Update locale/es/LC_MESSAGES/django.po from the patient-side code and templates."

    def handle(self, *args, **options):
        call_command(
            "makemessages",
            locale=["es"],
            ignore_patterns=IGNORE,
            no_obsolete=True,
            no_location=True,
            verbosity=options["verbosity"],
        )
