"""Create the starter consultation types and two clinicians with weekday hours (idempotent).

Running it again changes nothing that staff have edited: rows are looked up by slug / name
and only created when missing. Starter hours stay inside the clinic's stated hours (Site
settings: Monday to Friday, 9 am to 5 pm Pacific), and each clinician gets time off on the
holidays the clinic observes (booking/holidays.py) from today to the end of next year — past
every booking horizon. Each run adds the holidays not yet there, so run it yearly.
"""

from datetime import date, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from booking.availability import availability_changed
from booking.models import (
    AvailabilityRule,
    Clinician,
    ConsultationType,
)
from booking.services import holiday_time_off_add
from clinic_site import clock

TYPES = [
    {
        "slug": "free-phone-call",
        "name": "Free 15-minute phone call",
        "summary": "A short, free call to ask questions and see if we are a good fit.",
        "name_es": "Llamada gratuita de 15 minutos",
        "summary_es": "Una llamada corta y gratuita para hacer preguntas y ver si somos lo "
        "que buscan.",
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
        "name_es": "Consulta para parejas",
        "summary_es": "Reúnanse juntos con un profesional clínico, por video o en nuestra oficina.",
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
        # Tuesday to Friday, 10:00–17:00 Pacific.
        "hours": [(day, time(10), time(17)) for day in range(1, 5)],
        # What earlier versions of this command created (past the clinic's 5 pm close).
        "old_hours": [(day, time(10), time(18)) for day in range(1, 5)],
    },
]


def _rule_set(clinician: Clinician) -> set[tuple]:
    return set(
        clinician.availability_rules.values_list(
            "weekday", "start_time", "end_time", "effective_from", "effective_to"
        )
    )


def _fix_old_starter_hours(clinician: Clinician, spec: dict) -> bool:
    """Replace hours this command once created, if staff never changed them."""
    old = spec.get("old_hours")
    if not old or _rule_set(clinician) != {(d, s, e, None, None) for d, s, e in old}:
        return False
    clinician.availability_rules.all().delete()
    AvailabilityRule.objects.bulk_create(
        AvailabilityRule(clinician=clinician, weekday=d, start_time=s, end_time=e)
        for d, s, e in spec["hours"]
    )
    return True


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
        clinicians = []
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
            elif _fix_old_starter_hours(clinician, spec):
                self.stdout.write(f"updated hours  {clinician}")
            clinicians.append(clinician)
            self.stdout.write(f"{'created' if created else 'exists '} clinician {clinician}")
        today = clock.today()
        last = max(
            date(today.year + 1, 12, 31),
            today + timedelta(days=max(t.horizon_days for t in types)),
        )
        added = holiday_time_off_add(clinicians=clinicians, first=today, last=last)
        self.stdout.write(f"added {added} holiday time-off day(s) up to {last:%Y-%m-%d}")
        # bulk_create sends no post_save: the weekly hours above changed without a signal.
        availability_changed(clinician_ids=[c.pk for c in clinicians])
