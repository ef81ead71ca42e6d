"""Make exactly N inquiries (default 10,000) with partner screenings, fast, for `make bench`.

Standalone: `python bench/seed_inquiries.py --count 100000` under any settings module on
PostgreSQL (bench/run.py passes its own environment).

How it stays fast at 100,000: Python builds (and encrypts, as the fields always do) a pool of
PEOPLE template rows once; PostgreSQL then makes every inquiry in one INSERT ... SELECT over
generate_series, joining a template person to each row and varying what the queue sorts and
filters by (priority, status, received time, channel, reference code) from the row number.
Each partner screening is made the same way from the inquiries just inserted.

Exact in effect: adds the rows missing to reach --count, or removes the newest seeded rows
beyond it (only rows this script made: their submission token starts with "bench-"), then
ANALYZEs so the planner sees the new size. Reference codes come from a bijection of the row
number onto the code space, so seeded codes never collide with each other; a clash with a
code made elsewhere is skipped and topped up.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 1000
TOKEN_PREFIX = "bench-"
MINUTES_BACK = 60 * 24 * 7 * 12  # received over the last 12 weeks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.dev")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("seed_inquiries.py needs PostgreSQL (set DATABASE_URL)")
    started = time.monotonic()
    before = _count()
    if before > args.count:
        removed = _trim(to=args.count)
        action = f"removed {removed}"
    elif before < args.count:
        added = _add(args.count - before)
        action = f"added {added}"
    else:
        action = "nothing to change"
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intake_inquiry")
        cursor.execute("ANALYZE intake_partnerscreening")
    print(
        f"{action} inquiries in {time.monotonic() - started:.1f}s; now {_count()} "
        f"(screenings: 2 each)"
    )


def _count() -> int:
    from intake.models import Inquiry

    return Inquiry.objects.count()


def _template_people():
    """PEOPLE inquiries and their two screenings, built (and encrypted) by the models."""
    from django.utils import timezone

    from clinic_site.crypto import lookup_hash
    from intake.models import Inquiry, PartnerScreening

    now = timezone.now()
    people = []
    for n in range(PEOPLE):
        email = f"bench{n}@example.com"
        inquiry = Inquiry(
            reference_code=f"T{n}",
            created_at=now,
            contact_name=f"Bench Person {n}",
            contact_email=email,
            contact_phone=f"+1949555{n:04d}",
            preferred_contact="email",
            sms_safe=n % 5 < 3,
            voicemail_ok=n % 2 == 0,
            email_consent_at=now,
            email_consent_wording="You may email me.",
            privacy_acknowledged_at=now,
            privacy_notice_wording="I have read the privacy notice.",
            both_adults="yes",
            in_california="yes",
            concerns=["communication"],
            medicine_interest="both",
            session_format="either",
            payment="ppo",
            military_family="no",
            submission_token=f"template-{n}",
        )
        # What Inquiry.save() computes before writing.
        inquiry.email_hash = lookup_hash("email", inquiry.contact_email)
        inquiry.phone_hash = lookup_hash("phone", inquiry.contact_phone)
        people.append(inquiry)
    screenings = [
        PartnerScreening(
            inquiry_id=0,
            role=role,
            name=name,
            created_at=now,
            email_hash=lookup_hash("email", ""),
            phone_hash=lookup_hash("phone", ""),
        )
        for role, name in (("submitter", "Alex"), ("partner", "Sam"))
    ]
    return people, screenings


def _copy_rows(cursor, table: str, model, objects) -> list[str]:
    """Create temp `table` like the model's table and COPY the objects' prepared values in."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    cursor.execute(
        f"CREATE TEMP TABLE {table} AS SELECT {', '.join(columns)} "
        f"FROM {model._meta.db_table} WITH NO DATA"
    )
    cursor.execute(f"ALTER TABLE {table} ADD COLUMN n integer")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}, n) FROM STDIN") as copy:
        for n, obj in enumerate(objects):
            row = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
            copy.write_row([*row, n])
    return columns


def _add(missing: int) -> int:
    from django.db import connection, transaction

    from intake.models import (
        REFERENCE_ALPHABET,
        REFERENCE_LENGTH,
        REFERENCE_PREFIX,
        Inquiry,
        PartnerScreening,
    )

    people, screenings = _template_people()
    space = len(REFERENCE_ALPHABET) ** REFERENCE_LENGTH
    # g -> (g * STEP + 12345) mod space is one-to-one because STEP shares no factor with it.
    step = 1_234_567
    assert step % len(REFERENCE_ALPHABET) != 0
    code_digits = " || ".join(
        f"substr(%(alphabet)s, mod(k / {len(REFERENCE_ALPHABET) ** i}, "
        f"{len(REFERENCE_ALPHABET)})::int + 1, 1)"
        for i in reversed(range(REFERENCE_LENGTH))
    )
    added = 0
    with transaction.atomic(), connection.cursor() as raw:
        cursor = raw.cursor  # psycopg's own cursor, for COPY
        inquiry_columns = _copy_rows(cursor, "bench_people", Inquiry, people)
        screening_columns = _copy_rows(cursor, "bench_screenings", PartnerScreening, screenings)
        cursor.execute(
            "SELECT coalesce(max(substr(submission_token, %s)::bigint), 0) FROM intake_inquiry "
            "WHERE submission_token LIKE %s",
            [len(TOKEN_PREFIX) + 1, TOKEN_PREFIX + "%"],
        )
        last = cursor.fetchone()[0]
        overrides = {
            "reference_code": f"%(prefix)s || {code_digits}",
            "submission_token": "%(token)s || g",
            # Spread like a real queue: 3% urgent, 12% medical review, 75% standard, 10% not
            # eligible; 65% of rows still open; received over twelve weeks.
            "priority": "CASE WHEN mod(h, 100) < 3 THEN 'urgent' WHEN mod(h, 100) < 15 THEN "
            "'medical_review' WHEN mod(h, 100) < 90 THEN 'standard' ELSE 'not_eligible' END",
            "status": "(ARRAY['new','new','new','new','in_review','in_review','in_review',"
            "'contacted','contacted','contacted','contacted','consultation_booked',"
            "'consultation_booked','accepted','accepted','accepted','referred_out',"
            "'closed','closed','closed'])[mod(h / 100, 20) + 1]",
            "preferred_contact": "(ARRAY['phone','sms','email'])[mod(h / 2000, 3) + 1]",
            "created_at": "%(now)s - make_interval(mins => mod(h / 6000, %(minutes)s)::int)",
            "status_changed_at": "%(now)s - make_interval(mins => mod(h / 6000, %(minutes)s)::int)",
        }
        select = ", ".join(overrides.get(c, f"p.{c}") for c in inquiry_columns)
        while added < missing:
            first, last = last + 1, last + (missing - added)
            cursor.execute(
                f"INSERT INTO intake_inquiry ({', '.join(inquiry_columns)}) "
                f"SELECT {select} FROM ("
                f"  SELECT g, mod(g * {step} + 12345, {space}) AS k,"
                # A cheap integer hash of g for the spreads (Knuth's multiplicative hash).
                "   mod(g * 2654435761, 4294967296) AS h"
                "  FROM generate_series(%(first)s::bigint, %(last)s::bigint) g"
                f") s JOIN bench_people p ON p.n = mod(s.g, {PEOPLE}) "
                "ON CONFLICT DO NOTHING",
                {
                    "alphabet": REFERENCE_ALPHABET,
                    "prefix": REFERENCE_PREFIX,
                    "token": TOKEN_PREFIX,
                    "now": dt.datetime.now(dt.UTC),
                    "minutes": MINUTES_BACK,
                    "first": first,
                    "last": last,
                },
            )
            added += cursor.rowcount
        screening_select = ", ".join(
            {
                "inquiry_id": "i.id",
                "created_at": "i.created_at",
                # 60% of partners have finished their screening.
                "completed_at": "CASE WHEN mod(i.id * 7 + t.n, 10) < 6 THEN i.created_at END",
            }.get(c, f"t.{c}")
            for c in screening_columns
        )
        cursor.execute(
            f"INSERT INTO intake_partnerscreening ({', '.join(screening_columns)}) "
            f"SELECT {screening_select} FROM intake_inquiry i CROSS JOIN bench_screenings t "
            "WHERE i.submission_token LIKE %s AND NOT EXISTS ("
            "  SELECT 1 FROM intake_partnerscreening s WHERE s.inquiry_id = i.id)",
            [TOKEN_PREFIX + "%"],
        )
    return added


def _trim(*, to: int) -> int:
    """Remove the newest seeded inquiries (and their screenings) beyond `to` in all."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_drop ON COMMIT DROP AS SELECT id FROM intake_inquiry "
            "WHERE submission_token LIKE %s ORDER BY id DESC LIMIT %s",
            [TOKEN_PREFIX + "%", _count() - to],
        )
        cursor.execute(
            "DELETE FROM intake_partnerscreening WHERE inquiry_id IN (SELECT id FROM bench_drop)"
        )
        cursor.execute("DELETE FROM intake_inquiry WHERE id IN (SELECT id FROM bench_drop)")
        return cursor.rowcount


if __name__ == "__main__":
    main()
