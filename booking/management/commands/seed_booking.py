"""Create the starter consultation types and two clinicians with weekday hours (idempotent).

Running it again changes nothing that staff have edited: rows are looked up by slug / name
and only created when missing.
"""

from datetime import time

from django.core.management.base import BaseCommand
from django.db import transaction

from booking.models import AvailabilityRule, Clinician, ConsultationType

TYPES = [
    {
        "slug": "free-phone-call",
        "name": "Free 15-minute phone call",
        "summary": "A short, free call to ask questions and see if we are a good fit.",
        "offers_phone": True,
        "duration_minutes": 15,
        "buffer_before_minutes": 0,
        "buffer_after_minutes": 5,
        "minimum_notice_hours": 4,
        "horizon_days": 30,
        "slot_step_minutes": 15,
        "position": 1,
    },
    {
        "slug": "couples-consultation",
        "name": "Couples consultation",
        "summary": "Meet a clinician together, by video or at our office.",
        "offers_video": True,
        "offers_in_person": True,
        "duration_minutes": 50,
        "buffer_before_minutes": 0,
        "buffer_after_minutes": 10,
        "minimum_notice_hours": 24,
        "horizon_days": 60,
        "slot_step_minutes": 30,
        "position": 2,
    },
]

CLINICIANS = [
    {
        "display_name": "Dr. Alex Rivera",
        "credentials": "PsyD",
        # Monday to Thursday, 9:00–12:00 and 13:00–17:00 Pacific.
        "hours": [(day, time(9), time(12)) for day in range(4)]
        + [(day, time(13), time(17)) for day in range(4)],
    },
    {
        "display_name": "Jordan Lee",
        "credentials": "LMFT",
        # Tuesday to Friday, 10:00–18:00 Pacific.
        "hours": [(day, time(10), time(18)) for day in range(1, 5)],
    },
]


class Command(BaseCommand):
    help = "Create starter consultation types and clinicians with weekday availability."

    @transaction.atomic
    def handle(self, *args, **options):
        types = []
        for spec in TYPES:
            fields = {k: v for k, v in spec.items() if k != "slug"}
            consultation_type, created = ConsultationType.objects.get_or_create(
                slug=spec["slug"], defaults=fields
            )
            types.append(consultation_type)
            self.stdout.write(f"{'created' if created else 'exists '} type {consultation_type}")
        for spec in CLINICIANS:
            clinician, created = Clinician.objects.get_or_create(
                display_name=spec["display_name"],
                defaults={"credentials": spec["credentials"]},
            )
            if created:
                clinician.consultation_types.set(types)
                AvailabilityRule.objects.bulk_create(
                    AvailabilityRule(clinician=clinician, weekday=d, start_time=s, end_time=e)
                    for d, s, e in spec["hours"]
                )
            self.stdout.write(f"{'created' if created else 'exists '} clinician {clinician}")
