"""factory_boy factories for intake rows (importable by booking and staff tests)."""

import factory
from django.utils import timezone

from intake.models import Inquiry, InstrumentResult, PartnerScreening
from intake.services import InquirySubmission, PartnerContact

PRIVACY_WORDING = "I have read the privacy notice."


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    reference_code = factory.Sequence(lambda n: f"KC-{n:05d}".replace("0", "Z").replace("1", "Y"))
    contact_name = factory.Faker("name")
    contact_email = factory.Sequence(lambda n: f"person{n}@example.com")
    contact_phone = factory.Sequence(lambda n: f"+1949555{n % 10000:04d}")
    preferred_contact = "email"
    sms_safe = True
    voicemail_ok = False
    sms_consent_at = factory.LazyFunction(timezone.now)
    sms_consent_wording = "You may text me at this number."
    email_consent_at = factory.LazyFunction(timezone.now)
    email_consent_wording = "You may email me."
    privacy_acknowledged_at = factory.LazyFunction(timezone.now)
    privacy_notice_wording = PRIVACY_WORDING
    both_adults = "yes"
    in_california = "yes"
    concerns = factory.LazyFunction(lambda: ["communication"])
    message = "We keep having the same argument."
    medicine_interest = "both"
    session_format = "in_person"
    payment = "self_pay"
    military_family = "no"
    submission_token = factory.Sequence(lambda n: f"test-submission-{n}")


class PartnerScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerScreening

    inquiry = factory.SubFactory(InquiryFactory)
    role = PartnerScreening.Role.SUBMITTER
    name = factory.Faker("first_name")
    # Contact preferences confirmed by the person (a partner on their own link); pass None
    # for a partner who has not opened their link yet.
    contact_confirmed_at = factory.LazyFunction(timezone.now)


class InstrumentResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentResult

    screening = factory.SubFactory(PartnerScreeningFactory)
    instrument = "gad7"
    version = "1"
    answers = factory.LazyFunction(lambda: {"q1": 0})
    total = 0
    band = "minimal"
    positive = False


def couple_create(**inquiry_fields) -> tuple[Inquiry, PartnerScreening, PartnerScreening]:
    """An inquiry with both partners' screenings: (inquiry, submitter, partner)."""
    inquiry = InquiryFactory(**inquiry_fields)
    submitter = PartnerScreeningFactory(
        inquiry=inquiry, role=PartnerScreening.Role.SUBMITTER, name=inquiry.contact_name
    )
    partner = PartnerScreeningFactory(inquiry=inquiry, role=PartnerScreening.Role.PARTNER)
    return inquiry, submitter, partner


def submission_build(**overrides) -> InquirySubmission:
    """A complete, valid inquiry as the multi-step form hands it to `inquiry_submit`."""
    fields = {
        "contact_name": "Dana Whitfield",
        "contact_email": "dana@example.com",
        "contact_phone": "+19495550134",
        "preferred_contact": "email",
        "sms_safe": False,
        "voicemail_ok": False,
        "partner": PartnerContact(first_name="Robin"),
        "both_adults": "yes",
        "in_california": "yes",
        "concerns": ["trust"],
        "concerns_other": "",
        "message": "",
        "medicine_interest": "both",
        "session_format": "telehealth",
        "payment": "self_pay",
        "insurance_carrier": "",
        "military_family": "no",
        "privacy_notice_wording": PRIVACY_WORDING,
        "email_consent_wording": "You may email me.",
    }
    return InquirySubmission(**(fields | overrides))
