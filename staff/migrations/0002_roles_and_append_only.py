"""Create the three staff roles, and make the audit trail append-only inside PostgreSQL.

Permissions are assigned by staff.roles.role_permissions_sync, which also runs after every
migrate (post_migrate), so models that other apps add later are covered at once.
"""

from django.db import migrations

ROLE_NAMES = ("Front desk", "Clinician", "Clinic admin")

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION staff_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'staff_auditentry is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER staff_auditentry_no_update_delete
    BEFORE UPDATE OR DELETE ON staff_auditentry
    FOR EACH ROW EXECUTE FUNCTION staff_auditentry_append_only();
"""
DROP_APPEND_ONLY_SQL = """
DROP TRIGGER IF EXISTS staff_auditentry_no_update_delete ON staff_auditentry;
DROP FUNCTION IF EXISTS staff_auditentry_append_only();
"""


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


def append_only_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


def drop_append_only_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(append_only_trigger, drop_append_only_trigger),
    ]
