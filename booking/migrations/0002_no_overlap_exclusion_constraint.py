"""PostgreSQL only: no two active appointments of one clinician may overlap, buffers included.

EXCLUDE USING gist (clinician_id WITH =, tstzrange(start − buffer_before, end + buffer_after)
WITH &&) WHERE status IN ('held', 'requested', 'confirmed').

`timestamptz ± interval` is only STABLE in PostgreSQL (adding "1 day" depends on the
session's TimeZone), and index expressions must be IMMUTABLE. Shifting by a number of
*minutes* is a pure offset that no time zone setting changes, so the wrapper below is
honestly IMMUTABLE. A conflict raises SQLSTATE 23P01 (exclusion_violation).

SQLite (local development) has no exclusion constraints; booking.services checks for
overlap inside the booking transaction there instead.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    CREATE OR REPLACE FUNCTION booking_blocked_range(
        starts timestamptz, ends timestamptz, before_minutes integer, after_minutes integer
    ) RETURNS tstzrange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT tstzrange(
            starts - make_interval(mins => before_minutes),
            ends + make_interval(mins => after_minutes),
            '[)'
        )
    $$
    """,
    """
    ALTER TABLE booking_appointment
    ADD CONSTRAINT booking_appointment_no_overlap
    EXCLUDE USING gist (
        clinician_id WITH =,
        booking_blocked_range("start", "end", buffer_before_minutes, buffer_after_minutes) WITH &&
    )
    WHERE (status IN ('held', 'requested', 'confirmed'))
    """,
]

BACKWARD = [
    "ALTER TABLE booking_appointment DROP CONSTRAINT IF EXISTS booking_appointment_no_overlap",
    "DROP FUNCTION IF EXISTS booking_blocked_range(timestamptz, timestamptz, integer, integer)",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
