"""Load every app's starter data. Idempotent: safe to run on every `make run`."""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Each app's own seeding command, in dependency order.
SEED_COMMANDS = ("seed_content", "seed_booking")


class Command(BaseCommand):
    help = "Load starter content and booking set-up (never overwrites staff edits)."

    def handle(self, *args, **options):
        available = get_commands()
        for name in SEED_COMMANDS:
            if name in available:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
