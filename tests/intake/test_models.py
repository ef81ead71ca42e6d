import pytest
from django.db import connection

from clinic_site.crypto import lookup_hash
from intake.models import REFERENCE_ALPHABET, Inquiry, new_reference_code
from intake.selectors import inquiry_from_booking_token
from intake.services import inquiry_booking_token, inquiry_mark_consultation_booked
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def test_reference_codes_use_only_unambiguous_characters():
    for _ in range(200):
        code = new_reference_code()
        assert code.startswith("KC-") and len(code) == 8
        assert set(code[3:]) <= set(REFERENCE_ALPHABET)
        assert not set(code[3:]) & set("0O1IL")


def test_contact_columns_hold_ciphertext_and_hashes_find_the_person():
    inquiry = InquiryFactory(contact_name="Dana Whitfield", contact_email="Dana@Example.com")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_name, contact_email, message FROM intake_inquiry WHERE id = %s",
            [inquiry.pk],
        )
        raw = cursor.fetchone()
    assert "Dana" not in raw[0] and "example" not in raw[1].lower() and "argument" not in raw[2]
    found = Inquiry.objects.get(email_hash=lookup_hash("email", "dana@example.com "))
    assert found.contact_name == "Dana Whitfield"


def test_booking_token_resolves_the_inquiry_and_rejects_tampering():
    inquiry = InquiryFactory()
    token = inquiry_booking_token(inquiry=inquiry)
    assert inquiry_from_booking_token(token) == inquiry
    assert inquiry_from_booking_token(token[:-2] + "xx") is None
    assert inquiry_from_booking_token("") is None


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        ("new", True),
        ("in_review", True),
        ("contacted", True),
        ("consultation_booked", False),
        ("accepted", False),
        ("referred_out", False),
        ("closed", False),
    ],
)
def test_marking_a_consultation_booked_moves_only_open_inquiries_forward(status, moves):
    inquiry = InquiryFactory(status=status)
    assert inquiry_mark_consultation_booked(inquiry=inquiry) is moves
    inquiry.refresh_from_db()
    assert inquiry.status == ("consultation_booked" if moves else status)


def test_an_expired_booking_token_resolves_to_nothing(settings):
    import datetime as dt

    import time_machine

    inquiry = InquiryFactory()
    token = inquiry_booking_token(inquiry=inquiry)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=settings.SCREENING_LINK_MAX_AGE_DAYS + 1)
    with time_machine.travel(later):
        assert inquiry_from_booking_token(token) is None


def test_couple_factory_makes_both_screenings():
    from tests.factories import couple_create

    inquiry, submitter, partner = couple_create()
    assert {submitter.role, partner.role} == {"submitter", "partner"}
    assert inquiry.screenings.count() == 2
