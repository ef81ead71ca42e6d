"""Staff users per role (tests.factories.StaffUserFactory), and a client to sign one in."""

import pytest

from staff.roles import CLINIC_ADMIN, CLINICIAN, FRONT_DESK
from tests.factories import StaffUserFactory


@pytest.fixture
def front_desk(db):
    return StaffUserFactory(username="frontdesk", role=FRONT_DESK)


@pytest.fixture
def clinician(db):
    return StaffUserFactory(username="clinician", role=CLINICIAN)


@pytest.fixture
def clinic_admin(db):
    return StaffUserFactory(username="clinicadmin", role=CLINIC_ADMIN)


@pytest.fixture
def superuser(db):
    return StaffUserFactory(username="root", is_superuser=True)


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client signed in as that user (password step done)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
