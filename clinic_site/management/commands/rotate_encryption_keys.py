"""Re-encrypt every encrypted column under the current primary key (FIELD_ENCRYPTION_KEYS[0]).

Rotation: prepend a new key to FIELD_ENCRYPTION_KEYS, deploy, run this command, then remove
the old key. Ciphertext is rotated column by column with raw SQL, so plaintext never leaves
the key ring's memory and model save() side effects (timestamps, signals, audit) do not fire.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from clinic_site.crypto import encrypted_fields, rotate_token

BATCH = 500


def rotate_model(model) -> int:
    fields = encrypted_fields(model)
    if not fields:
        return 0
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    columns = ", ".join(qn(f.column) for f in fields)
    assignments = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {columns} FROM {table}")  # noqa: S608 - names from _meta
        rows = cursor.fetchall()
    for start in range(0, len(rows), BATCH):
        with transaction.atomic(), connection.cursor() as cursor:
            for pk_value, *values in rows[start : start + BATCH]:
                rotated = [rotate_token(v) if v else v for v in values]
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                    [*rotated, pk_value],
                )
    return len(rows)


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the newest key in FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            if encrypted_fields(model):
                count = rotate_model(model)
                total += count
                self.stdout.write(f"{model._meta.label}: {count} rows")
        self.stdout.write(f"Re-encrypted {total} rows.")
