"""The three staff roles and the permissions each one holds, defined in code.

The groups are created by a data migration (staff/migrations/0002_roles.py); their
permissions are (re)assigned by `role_permissions_sync()`, which also runs after every
`migrate` (post_migrate signal), so models added later by any app are covered at once.
Roles are defined here, reviewed like code: edits made to these three groups in the admin
are put back on the next migrate.

Minimum necessary (HIPAA 164.502(b)):
- Front desk: the queue, contact details, status, notes, bookings and messages; sees the
  priority but not answers or scores; cannot delete or export.
- Clinician: the front desk's work plus everything clinical, relationship safety included.
- Clinic admin: content, users, settings, booking set-up, the audit trail, devices and
  lockouts; the queue without clinical detail.
"""

from django.apps import apps as global_apps

FRONT_DESK = "Front desk"
CLINICIAN = "Clinician"
CLINIC_ADMIN = "Clinic admin"
ROLE_NAMES = (FRONT_DESK, CLINICIAN, CLINIC_ADMIN)

VIEW = ("view",)
WORK = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

# (app_label, model_name or "*", default actions, extra custom codenames)
Rule = tuple[str, str, tuple[str, ...], tuple[str, ...]]

_FRONT_DESK: list[Rule] = [
    ("intake", "inquiry", ("view", "change"), ()),
    ("intake", "partnerscreening", ("view", "change"), ()),
    ("booking", "appointment", WORK, ()),
    # "change" on a waitlist entry is what removing it and offering a time by hand ask for.
    ("booking", "waitlistentry", ("view", "change"), ()),
    ("booking", "*", VIEW, ()),
    # "change" on a message is what the outbox's resend action asks for (its fields are
    # read-only in the admin).
    ("notifications", "message", ("view", "change"), ()),
    ("notifications", "*", VIEW, ()),
    ("staff", "inquirynote", ("view", "add"), ()),
]
_CLINICIAN: list[Rule] = [
    *_FRONT_DESK,
    ("intake", "*", VIEW, ()),
    ("staff", "staffpermissions", (), ("view_clinical", "view_relationship_safety", "export_data")),
]
_CLINIC_ADMIN: list[Rule] = [
    ("pages", "*", ALL, ()),
    ("auth", "user", ALL, ()),
    ("auth", "group", VIEW, ()),
    ("booking", "*", ALL, ()),
    ("intake", "inquiry", ("view", "change"), ()),
    ("intake", "partnerscreening", VIEW, ()),
    ("notifications", "*", VIEW, ()),
    ("staff", "inquirynote", ("view", "add"), ()),
    ("staff", "auditentry", VIEW, ()),
    ("staff", "staffpermissions", (), ("export_data",)),
    ("otp_totp", "totpdevice", ("view", "delete"), ()),
    ("otp_static", "staticdevice", ("view", "delete"), ()),
    ("axes", "*", ("view", "delete"), ()),
]
ROLE_RULES: dict[str, list[Rule]] = {
    FRONT_DESK: _FRONT_DESK,
    CLINICIAN: _CLINICIAN,
    CLINIC_ADMIN: _CLINIC_ADMIN,
}


# Sign-in security apps (lockouts, two-factor devices): a clinic admin's tools. Everyone
# else (a developer's superuser included) works without them in the menus.
SECURITY_APP_LABELS = frozenset({"axes", "otp_totp", "otp_static"})


def shows_security_apps(user) -> bool:
    """Whether the admin's menus list the lockout and device apps for this user."""
    return user.is_active and user.groups.filter(name=CLINIC_ADMIN).exists()


def role_permission_codenames(*, role: str, apps=global_apps) -> set[tuple[str, str]]:
    """The (app_label, codename) pairs the role should hold, for the models installed now."""
    wanted: set[tuple[str, str]] = set()
    for app_label, model_name, actions, extra in ROLE_RULES[role]:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in app_config.get_models():
            name = model._meta.model_name
            if model_name not in ("*", name):
                continue
            defaults = set(model._meta.default_permissions)
            wanted.update((app_label, f"{a}_{name}") for a in actions if a in defaults)
            declared = {codename for codename, _ in model._meta.permissions}
            wanted.update((app_label, c) for c in extra if c in declared)
    return wanted


def role_permissions_sync(*, apps=global_apps, using: str = "default") -> None:
    """Create the three groups if missing and set each one's permissions to its rule set.

    Only permissions that exist in the database are assigned (post_migrate creates them
    just before this runs). Superusers are unaffected.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLE_NAMES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = role_permission_codenames(role=role, apps=apps)
        if not wanted:
            group.permissions.clear()
            continue
        labels = {app_label for app_label, _ in wanted}
        candidates = (
            Permission.objects.using(using)
            .filter(content_type__app_label__in=labels)
            .values_list("pk", "content_type__app_label", "codename")
        )
        pks = [pk for pk, label, codename in candidates if (label, codename) in wanted]
        group.permissions.set(pks)


def on_post_migrate(sender, app_config=None, using="default", apps=global_apps, **kwargs):
    """post_migrate receiver: run once per migrate, after the last app's permissions."""
    # post_migrate fires once per app; act on the last one so every permission exists.
    if app_config is None or app_config.label != _last_app_label():
        return
    role_permissions_sync(apps=global_apps, using=using)


def _last_app_label() -> str:
    with_models = [a for a in global_apps.get_app_configs() if a.models_module is not None]
    return with_models[-1].label
