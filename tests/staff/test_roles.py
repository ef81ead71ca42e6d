"""Roles are groups whose permissions come from staff.roles and follow new models."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from staff.roles import CLINIC_ADMIN, CLINICIAN, FRONT_DESK, role_permissions_sync
from tests.factories import StaffUserFactory


def perms_of(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "permission", "held"),
    [
        (FRONT_DESK, "intake.view_inquiry", True),
        (FRONT_DESK, "intake.change_inquiry", True),
        (FRONT_DESK, "intake.delete_inquiry", False),
        (FRONT_DESK, "intake.view_instrumentresult", False),
        (FRONT_DESK, "staff.view_clinical", False),
        (FRONT_DESK, "staff.view_relationship_safety", False),
        (FRONT_DESK, "staff.export_data", False),
        (FRONT_DESK, "staff.add_inquirynote", True),
        (FRONT_DESK, "booking.change_appointment", True),
        (FRONT_DESK, "notifications.view_message", True),
        (FRONT_DESK, "notifications.change_message", True),  # resend
        (FRONT_DESK, "notifications.delete_message", False),
        (FRONT_DESK, "staff.view_auditentry", False),
        (FRONT_DESK, "auth.change_user", False),
        (CLINICIAN, "intake.view_instrumentresult", True),
        (CLINICIAN, "staff.view_clinical", True),
        (CLINICIAN, "staff.view_relationship_safety", True),
        (CLINICIAN, "staff.export_data", True),
        (CLINICIAN, "intake.delete_inquiry", False),
        (CLINICIAN, "staff.view_auditentry", False),
        (CLINIC_ADMIN, "staff.view_auditentry", True),
        (CLINIC_ADMIN, "auth.change_user", True),
        (CLINIC_ADMIN, "pages.change_sitesettings", True),
        (CLINIC_ADMIN, "staff.view_clinical", False),
        (CLINIC_ADMIN, "staff.view_relationship_safety", False),
        (CLINIC_ADMIN, "staff.add_auditentry", False),
        (CLINIC_ADMIN, "staff.change_auditentry", False),
        (CLINIC_ADMIN, "staff.delete_auditentry", False),
    ],
)
def test_each_role_holds_exactly_its_permissions(role, permission, held):
    assert (permission in perms_of(role)) is held


@pytest.mark.django_db
def test_no_role_may_delete_inquiries_screenings_or_notes():
    for role in (FRONT_DESK, CLINICIAN, CLINIC_ADMIN):
        held = perms_of(role)
        assert not {p for p in held if p.startswith("intake.delete_")}, role
        assert "staff.delete_inquirynote" not in held


@pytest.mark.django_db
def test_sync_puts_back_a_permission_removed_by_hand_and_is_idempotent():
    group = Group.objects.get(name=FRONT_DESK)
    group.permissions.remove(Permission.objects.get(codename="view_inquiry"))
    group.permissions.add(Permission.objects.get(codename="delete_inquiry"))
    role_permissions_sync()
    role_permissions_sync()
    held = perms_of(FRONT_DESK)
    assert "intake.view_inquiry" in held
    assert "intake.delete_inquiry" not in held


@pytest.mark.django_db
def test_sync_recreates_a_missing_group():
    Group.objects.filter(name=CLINICIAN).delete()
    role_permissions_sync()
    assert "staff.view_clinical" in perms_of(CLINICIAN)


@pytest.mark.django_db
def test_front_desk_may_resend_messages_but_not_delete_them(client):
    from django.urls import reverse

    client.force_login(StaffUserFactory(username="desk", role=FRONT_DESK))
    page = client.get(reverse("admin:notifications_message_changelist"))
    assert page.status_code == 200
    actions = [name for name, _label in page.context["action_form"].fields["action"].choices]
    assert "resend_failed" in actions and "delete_selected" not in actions


# --- sign-in security apps in the menus (issue 14) -------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("front_desk", False),
        ("clinician", False),
        ("superuser", False),  # a developer's account: no lockout/device clutter
        ("clinic_admin", True),
    ],
)
def test_lockout_and_device_apps_are_listed_for_clinic_admins_only(request, client_for, who, sees):
    page = client_for(request.getfixturevalue(who)).get(reverse("admin:index"))
    labels = {app["app_label"] for app in page.context["app_list"]}
    assert page.status_code == 200
    for label in ("axes", "otp_totp", "otp_static"):
        assert (label in labels) is sees, (who, labels)
    html = page.content.decode()
    assert ("Access attempts" in html) is sees


@pytest.mark.django_db
def test_a_superuser_in_the_clinic_admin_group_sees_them(client_for, superuser):
    from django.contrib.auth.models import Group

    superuser.groups.add(Group.objects.get(name="Clinic admin"))
    page = client_for(superuser).get(reverse("admin:index"))
    assert "axes" in {app["app_label"] for app in page.context["app_list"]}
