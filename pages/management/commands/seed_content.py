"""Load the starter pages. Idempotent: re-running never overwrites or recreates staff edits."""

from django.core.management.base import BaseCommand

from pages.models import Fee, SeededItem, SiteSettings
from pages.services import starter_content_seed, starter_translations_seed
from pages.starter_content import FEES, PAGES, RESOURCES
from pages.starter_content_es import SPANISH_PAGES


class Command(BaseCommand):
    help = "Create the starter website pages that have never been created before."

    def handle(self, *args, **options):
        SiteSettings.load()  # the clinic's facts, with their defaults, exist from the start
        created = starter_content_seed(pages=PAGES, resources=RESOURCES)
        if created:
            self.stdout.write(f"Starter content: created {len(created)} page(s).")
        else:
            self.stdout.write("Starter content: nothing to do (already loaded).")
        translated = starter_translations_seed(translations=SPANISH_PAGES)
        if translated:
            self.stdout.write(
                f"Starter content: Spanish wording for {len(translated)} page(s), waiting for "
                "a clinician's review before the public sees it."
            )
        for key, fee in FEES.items():
            _, new = SeededItem.objects.get_or_create(key=f"fee:{key}")
            if new:
                Fee.objects.create(**fee)
