"""Staff accounts in the admin: changes are audited field by field; no self-promotion."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from staff.audit import REDACTED
from staff.models import AuditEntry
from staff.roles import CLINICIAN, FRONT_DESK
from tests.factories import StaffUserFactory


def user_form(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": [g.pk for g in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.django_db
def test_changing_a_staff_account_records_each_field_from_and_to(client_for, clinic_admin):
    target = StaffUserFactory(username="newhire", role=FRONT_DESK)
    clinician_group = Group.objects.get(name=CLINICIAN)
    response = client_for(clinic_admin).post(
        reverse("admin:auth_user_change", args=[target.pk]),
        user_form(target, first_name="Robin", groups=[clinician_group.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="change", object_id=str(target.pk))
    assert entry.user == clinic_admin
    assert entry.changes["first_name"] == ["", "Robin"]
    front_desk_group = Group.objects.get(name=FRONT_DESK)
    assert entry.changes["groups"] == [
        [f"{FRONT_DESK} (#{front_desk_group.pk})"],
        [f"{CLINICIAN} (#{clinician_group.pk})"],
    ]


@pytest.mark.django_db
def test_password_changes_are_recorded_without_the_hash(client_for, superuser):
    target = StaffUserFactory(username="someone")
    client_for(superuser).post(
        reverse("admin:auth_user_password_change", args=[target.pk]),
        {"password1": "another-long-password-9", "password2": "another-long-password-9"},
    )
    target.refresh_from_db()
    assert target.check_password("another-long-password-9")
    entry = AuditEntry.objects.get(action="change", object_id=str(target.pk))
    assert entry.changes == {"password": [REDACTED, REDACTED]}
    assert "pbkdf2" not in str(entry.changes) and "md5" not in str(entry.changes)


@pytest.mark.django_db
def test_clinic_admin_cannot_promote_to_superuser(client_for, clinic_admin):
    target = StaffUserFactory(username="promote-me")
    client_for(clinic_admin).post(
        reverse("admin:auth_user_change", args=[target.pk]),
        user_form(target, is_superuser="on"),
    )
    assert not User.objects.get(pk=target.pk).is_superuser


@pytest.mark.django_db
def test_clinic_admin_cannot_edit_a_superuser(client_for, clinic_admin, superuser):
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    page = client_for(clinic_admin).get(url)
    assert 'name="_save"' not in page.content.decode()


@pytest.mark.django_db
def test_deleting_an_account_is_recorded_before_it_goes(client_for, superuser):
    target = StaffUserFactory(username="leaver")
    client_for(superuser).post(reverse("admin:auth_user_delete", args=[target.pk]), {"post": "yes"})
    assert not User.objects.filter(pk=target.pk).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_repr == "leaver" and entry.user == superuser
