"""Seed up to N inquiries (default 10,000) with partner screenings, fast, for `make bench`.

Standalone: `python bench/seed_inquiries.py --count 10000` under any settings module
(bench/run.py passes its own environment). Rows are made with bulk_create in batches; the
encrypted fields are encrypted as usual and the lookup hashes computed as Inquiry.save()
would. Idempotent in effect: it only adds the rows missing to reach --count.
"""

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.dev")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from clinic_site.crypto import lookup_hash
    from intake.models import REFERENCE_ALPHABET, REFERENCE_PREFIX, Inquiry, PartnerScreening

    missing = args.count - Inquiry.objects.count()
    if missing <= 0:
        print(f"already {Inquiry.objects.count()} inquiries; nothing to add")
        return
    rng = random.Random(args.seed)
    taken = set(Inquiry.objects.values_list("reference_code", flat=True))
    now = timezone.now()
    started = time.monotonic()
    priorities = (
        ["urgent"] * 3 + ["medical_review"] * 12 + ["standard"] * 75 + ["not_eligible"] * 10
    )
    statuses = (
        ["new"] * 20
        + ["in_review"] * 15
        + ["contacted"] * 20
        + ["consultation_booked"] * 10
        + ["accepted"] * 15
        + ["referred_out"] * 5
        + ["closed"] * 15
    )
    channels = ["phone", "sms", "email"]
    made = 0
    while made < missing:
        size = min(BATCH, missing - made)
        inquiries = []
        for _ in range(size):
            while True:
                code = REFERENCE_PREFIX + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(5))
                if code not in taken:
                    taken.add(code)
                    break
            n = len(taken)
            email = f"bench{n}@example.com"
            phone = f"+1949{n % 10_000_000:07d}"
            created = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 7 * 12))
            inquiries.append(
                Inquiry(
                    reference_code=code,
                    priority=rng.choice(priorities),
                    status=rng.choice(statuses),
                    status_changed_at=created,
                    created_at=created,
                    contact_name=f"Bench Person {n}",
                    contact_email=email,
                    contact_phone=phone,
                    email_hash=lookup_hash("email", email),
                    phone_hash=lookup_hash("phone", phone),
                    preferred_contact=rng.choice(channels),
                    sms_safe=rng.random() < 0.6,
                    voicemail_ok=rng.random() < 0.5,
                    email_consent_at=created,
                    email_consent_wording="You may email me.",
                    privacy_acknowledged_at=created,
                    privacy_notice_wording="I have read the privacy notice.",
                    both_adults="yes",
                    in_california="yes",
                    concerns=["communication"],
                    medicine_interest="both",
                    session_format="either",
                    payment="ppo",
                    military_family="no",
                    submission_token=secrets.token_urlsafe(24),
                )
            )
        with transaction.atomic():
            Inquiry.objects.bulk_create(inquiries, batch_size=BATCH)
            codes = [i.reference_code for i in inquiries]
            ids = dict(
                Inquiry.objects.filter(reference_code__in=codes).values_list("reference_code", "pk")
            )
            screenings = []
            for inquiry in inquiries:
                for role in ("submitter", "partner"):
                    done = rng.random() < 0.6
                    screenings.append(
                        PartnerScreening(
                            inquiry_id=ids[inquiry.reference_code],
                            role=role,
                            name="Alex" if role == "submitter" else "Sam",
                            created_at=inquiry.created_at,
                            completed_at=inquiry.created_at if done else None,
                        )
                    )
            PartnerScreening.objects.bulk_create(screenings, batch_size=BATCH)
        made += size
    took = time.monotonic() - started
    print(
        f"added {made} inquiries ({2 * made} screenings) in {took:.1f}s; "
        f"now {Inquiry.objects.count()}"
    )


if __name__ == "__main__":
    main()
