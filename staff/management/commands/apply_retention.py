"""Remove inquiries that never became clients after RETENTION_MONTHS (see staff.retention)."""

from django.core.management.base import BaseCommand

from staff.retention import retention_apply


class Command(BaseCommand):
    help = "Remove inquiries older than RETENTION_MONTHS that never became clients."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; remove nothing."
        )
        parser.add_argument("--months", type=int, default=None, help="Override RETENTION_MONTHS.")

    def handle(self, *args, dry_run=False, months=None, **options):
        counts = retention_apply(dry_run=dry_run, months=months)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
