"""The test-data layer: one factory_boy factory per model, for every app's tests.

Each factory builds a valid row with as little as possible said; a test names only the
fields its assertion is about: `InquiryFactory(priority="urgent")`,
`AppointmentFactory(start=..., status="cancelled")`. Rows that must go through a service
to be valid (a Message is rendered by `message_create`) are made through it. Conftest files
hold fixtures only; helpers that are not fixtures live in modules like this one.
"""

import datetime as dt
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from booking.models import (
    Appointment,
    AvailabilityException,
    AvailabilityRule,
    Clinician,
    ConsultationType,
    WaitlistEntry,
    WaitlistOffer,
)
from intake.models import Inquiry, InstrumentResult, PartnerScreening
from intake.services import InquirySubmission, PartnerContact
from notifications.models import Message, SmsOptOut
from notifications.services import message_create
from pages.models import (
    FAQEntry,
    FAQEntryTranslation,
    Fee,
    Page,
    PageRelation,
    PageRevision,
    PageTranslation,
    Resource,
    Section,
    SectionTranslation,
    SiteSettings,
    Takeaway,
    TakeawayTranslation,
    TeamMember,
    Testimonial,
    TreatmentJourney,
)
from staff.models import InquiryFirstContact, InquiryNote

# Tests state times as the clinic does (its wall clock); the clinic's zone is settings'.
LA = ZoneInfo("America/Los_Angeles")
# The booking tests' fixed "now": Monday 2 March 2026, 08:00 Pacific, before the spring
# clock change on 8 March.
FROZEN_NOW = datetime(2026, 3, 2, 8, 0, tzinfo=LA)
PRIVACY_WORDING = "I have read the privacy notice."
STAFF_PASSWORD = "a-long-staff-password-1"


def pacific(y, m, d, hh=0, mm=0) -> datetime:
    """A Pacific wall-clock time as the UTC instant the database stores."""
    return datetime(y, m, d, hh, mm, tzinfo=LA).astimezone(UTC)


def iso_z(moment: datetime) -> str:
    """A start time as the booking pages carry it: UTC ISO 8601 with a Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- staff -------------------------------------------------------------------------------
class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff account (password STAFF_PASSWORD); `role="Front desk"` adds its group."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@clinic.test")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", STAFF_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


# --- intake ------------------------------------------------------------------------------
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


class InquiryNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryNote

    inquiry = factory.SubFactory(InquiryFactory)
    author = factory.SubFactory(StaffUserFactory)
    body = "Left a voicemail."


class InquiryFirstContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryFirstContact

    inquiry = factory.SubFactory(InquiryFactory)
    contacted_by = factory.SubFactory(StaffUserFactory)


# --- booking -----------------------------------------------------------------------------
class ConsultationTypeFactory(factory.django.DjangoModelFactory):
    """A consultation: 50 minutes, video or in person, 10 minutes' buffer after, 24 h notice,
    60 days ahead, a start every 30 minutes. `couples=True` is the clinic's couples
    consultation, `phone_call=True` its free 15-minute phone call."""

    class Meta:
        model = ConsultationType

    class Params:
        couples = factory.Trait(slug="couples-consultation", name="Couples consultation")
        phone_call = factory.Trait(
            slug="free-phone-call",
            name="Free phone call",
            offers_video=False,
            offers_in_person=False,
            offers_phone=True,
            duration_minutes=15,
            buffer_after_minutes=5,
            minimum_notice_hours=4,
            slot_step_minutes=15,
            horizon_days=30,
        )

    name = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    offers_video = True
    offers_in_person = True
    duration_minutes = 50
    buffer_before_minutes = 0
    buffer_after_minutes = 10
    minimum_notice_hours = 24
    horizon_days = 60
    slot_step_minutes = 30


class ClinicianFactory(factory.django.DjangoModelFactory):
    """A clinician. `types=[...]` offers those consultation types; `hours=(start, end,
    weekdays)` adds weekly availability (default: none; `hours=True` is Monday–Friday 9–5)."""

    class Meta:
        model = Clinician
        skip_postgeneration_save = True

    display_name = factory.Sequence(lambda n: f"Dr Test {n}")
    credentials = "LMFT"

    @factory.post_generation
    def types(self, create, extracted, **kwargs):
        if create and extracted:
            self.consultation_types.set(extracted)

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        start, end, weekdays = (time(9), time(17), range(5)) if extracted is True else extracted
        AvailabilityRule.objects.bulk_create(
            AvailabilityRule(clinician=self, weekday=d, start_time=start, end_time=end)
            for d in weekdays
        )


def clinician_create(name: str, types, *, weekdays=range(5), start=time(9), end=time(17)):
    """A clinician offering `types`, working `start`–`end` on `weekdays` (Pacific)."""
    return ClinicianFactory(display_name=name, types=types, hours=(start, end, weekdays))


class AvailabilityRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityRule

    clinician = factory.SubFactory(ClinicianFactory)
    weekday = 0
    start_time = time(9)
    end_time = time(17)


class AvailabilityExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityException

    clinician = factory.SubFactory(ClinicianFactory)
    kind = AvailabilityException.Kind.TIME_OFF
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + dt.timedelta(hours=8))
    label = "Time off"


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A confirmed phone consultation. Each gets its own type and clinician unless given,
    so appointments made for a test never overlap by accident."""

    class Meta:
        model = Appointment

    class Params:
        minutes = 50

    consultation_type = factory.SubFactory(ConsultationTypeFactory, offers_phone=True)
    clinician = factory.SubFactory(ClinicianFactory)
    inquiry = None
    mode = "phone"
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    end = factory.LazyAttribute(lambda a: a.start + dt.timedelta(minutes=a.minutes))
    status = Appointment.Status.CONFIRMED


class WaitlistEntryFactory(factory.django.DjangoModelFactory):
    """A couple waiting for an earlier time, any clinician, any time of day, for 30 days."""

    class Meta:
        model = WaitlistEntry

    consultation_type = factory.SubFactory(ConsultationTypeFactory)
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    contact_name = factory.Faker("first_name")
    contact_email = factory.Sequence(lambda n: f"waiting{n}@example.com")
    email_ok = True
    email_consent_at = factory.LazyFunction(timezone.now)


class WaitlistOfferFactory(factory.django.DjangoModelFactory):
    """An offer of a freed time to a waiting couple, due to be sent now."""

    class Meta:
        model = WaitlistOffer

    entry = factory.SubFactory(WaitlistEntryFactory)
    consultation_type = factory.SelfAttribute("entry.consultation_type")
    clinician = factory.SubFactory(ClinicianFactory)
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=50))
    send_at = factory.LazyFunction(timezone.now)


# --- notifications -----------------------------------------------------------------------
class MessageFactory(factory.Factory):
    """An outbox row made the way the app makes them (`message_create`: rendered, encrypted,
    discreet), then moved to `status` with `last_error` and `failed_at` if given."""

    class Meta:
        model = Message

    channel = "email"
    to = factory.Sequence(lambda n: f"person{n}@example.com")
    template_key = "booking_cancelled"
    context = factory.LazyFunction(
        lambda: {"when": "Monday", "manage_link": "https://clinic.example/book/"}
    )
    idempotency_key = factory.Sequence(lambda n: f"test message {n}")
    status = Message.Status.QUEUED
    last_error = ""
    failed_at = None

    @classmethod
    def _create(cls, model_class, *, status, last_error, failed_at, **kwargs):
        message = message_create(**kwargs)
        changes = {"status": status, "last_error": last_error, "failed_at": failed_at}
        Message.objects.filter(pk=message.pk).update(**changes)
        message.refresh_from_db()
        return message


class SmsOptOutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmsOptOut

    phone_hash = factory.Sequence(lambda n: f"{n:064x}")
    keyword = "STOP"


# --- pages -------------------------------------------------------------------------------
class SiteSettingsFactory(factory.django.DjangoModelFactory):
    """The one settings row (`SiteSettings.load()` makes it too); fields override."""

    class Meta:
        model = SiteSettings
        django_get_or_create = ("pk",)

    pk = 1


class PageFactory(factory.django.DjangoModelFactory):
    """A published, reviewed page."""

    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    lede = factory.LazyAttribute(lambda p: f"Plain words about {p.title.lower()}.")
    meta_description = factory.LazyAttribute(lambda p: f"Description of {p.title.lower()}.")
    status = Page.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    last_reviewed_on = dt.date(2026, 11, 2)
    reviewer_name = "Dana Reviewer"
    reviewer_credentials = "MD, psychiatrist"
    next_review_due = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=180))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(int)
    heading = factory.Sequence(lambda n: f"Heading {n}")
    body_markdown = factory.Sequence(lambda n: f"Body **{n}**.")


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(int)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer_markdown = factory.Sequence(lambda n: f"Answer {n}.")


class TakeawayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Takeaway

    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Takeaway {n}")


class PageTranslationFactory(factory.django.DjangoModelFactory):
    """A page's reviewed Spanish version."""

    class Meta:
        model = PageTranslation

    page = factory.SubFactory(PageFactory)
    language = "es"
    title = factory.LazyAttribute(lambda t: f"Tema {t.page.pk}")
    lede = "Palabras sencillas sobre el tema."
    meta_description = "Descripción del tema."
    reviewed_on = dt.date(2026, 11, 20)
    reviewer_name = "Dra. Ana Ruiz"
    reviewer_credentials = "MD"


class SectionTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionTranslation

    section = factory.SubFactory(SectionFactory)
    page = factory.LazyAttribute(lambda t: t.section.page)
    language = "es"
    heading = factory.Sequence(lambda n: f"Encabezado {n}")
    body_markdown = factory.Sequence(lambda n: f"Texto **{n}**.")


class FAQEntryTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntryTranslation

    faq = factory.SubFactory(FAQEntryFactory)
    page = factory.LazyAttribute(lambda t: t.faq.page)
    language = "es"
    question = factory.Sequence(lambda n: f"¿Pregunta {n}?")
    answer_markdown = factory.Sequence(lambda n: f"Respuesta {n}.")


class TakeawayTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TakeawayTranslation

    takeaway = factory.SubFactory(TakeawayFactory)
    page = factory.LazyAttribute(lambda t: t.takeaway.page)
    language = "es"
    text = factory.Sequence(lambda n: f"Idea clave {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "Journal"
    year = 2020
    url = factory.Sequence(lambda n: f"https://example.org/{n}")


class PageRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageRelation

    page = factory.SubFactory(PageFactory)
    related_page = factory.SubFactory(PageFactory)
    position = 0


class TreatmentJourneyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatmentJourney

    page = factory.SubFactory(PageFactory)


class TestimonialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Testimonial

    quote = "We learned to listen again."
    attribution = "A couple in Orange County"
    consent_date = dt.date(2026, 1, 15)
    is_published = True


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    name = "Dr. Alex Rivera"
    role = "Psychologist"
    credentials = "PsyD"
    licence_type = TeamMember.LicenceType.PSYCHOLOGIST
    licence_number = "PSY 12345"
    languages = "English, Spanish"
    bio = "Works with couples."


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    name = "Consultation"
    amount = "$250"
    note = "60 minutes, per couple"


class PageRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageRevision

    page = factory.SubFactory(PageFactory)
    summary = "Edited the lede."
    snapshot = factory.LazyFunction(dict)


def page_with_children(page: Page | None = None, *, each: int = 2) -> Page:
    """A page with `each` sections, FAQ entries, takeaways and resources."""
    page = page or PageFactory()
    for i in range(each):
        SectionFactory(
            page=page, position=i, heading=f"Heading {i}", body_markdown=f"Body **{i}**."
        )
        FAQEntryFactory(
            page=page, position=i, question=f"Question {i}?", answer_markdown=f"Answer {i}."
        )
        TakeawayFactory(page=page, position=i, text=f"Takeaway {i}")
        ResourceFactory(
            page=page,
            position=i,
            title=f"Source {i}",
            year=2020 + i,
            url=f"https://example.org/{i}",
        )
    return page
