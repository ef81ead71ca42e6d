"""Booking fixtures: a clinic with two clinicians, two consultation types, a fixed clock."""

import pytest
import time_machine

from tests.factories import FROZEN_NOW, ConsultationTypeFactory, clinician_create


@pytest.fixture
def frozen_clock():
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def couples_type(db):
    return ConsultationTypeFactory(couples=True)


@pytest.fixture
def phone_type(db):
    return ConsultationTypeFactory(phone_call=True)


@pytest.fixture
def clinicians(couples_type, phone_type):
    return [
        clinician_create("Alex Rivera", [couples_type, phone_type]),
        clinician_create("Jordan Lee", [couples_type, phone_type]),
    ]
