"""Staff users per role, and a helper to sign one in."""

import pytest
from django.contrib.auth.models import Group, User

from staff.roles import CLINIC_ADMIN, CLINICIAN, FRONT_DESK

PASSWORD = "a-long-staff-password-1"


def make_staff(username: str, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@clinic.test", is_staff=True, **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def front_desk(db):
    return make_staff("frontdesk", FRONT_DESK)


@pytest.fixture
def clinician(db):
    return make_staff("clinician", CLINICIAN)


@pytest.fixture
def clinic_admin(db):
    return make_staff("clinicadmin", CLINIC_ADMIN)


@pytest.fixture
def superuser(db):
    return make_staff("root", None, is_superuser=True)


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client signed in as that user (password step done)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
