"""Staff users per role, and a helper to sign one in."""

import pytest
from django.contrib.auth.models import Group, User

from staff.roles import CLINIC_ADMIN, CLINICIAN, FRONT_DESK

PASSWORD = "a-long-staff-password-1"


def make_staff(username: str, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@clinic.test",
        is_staff=True,
        **extra,
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


_clinician_seq = iter(range(1, 10_000))


def make_appointment(*, inquiry=None, start, status="confirmed", minutes=50):
    """A consultation appointment (its own type and clinician, so no overlap conflicts)."""
    import datetime as dt

    from booking.models import Appointment, Clinician, ConsultationType

    n = next(_clinician_seq)
    kind = ConsultationType.objects.create(
        name=f"Free consultation {n}", slug=f"consult-{n}", offers_phone=True
    )
    clinician = Clinician.objects.create(display_name=f"Dr Test {n}", credentials="LMFT")
    return Appointment.objects.create(
        consultation_type=kind,
        clinician=clinician,
        inquiry=inquiry,
        mode="phone",
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        status=status,
    )
