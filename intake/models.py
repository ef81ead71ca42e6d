"""A couple's confidential inquiry, each partner's private screening, and scored results.

Privacy: every name, contact, free-text field and answer is an encrypted column
(clinic_site.crypto). People are found by email/phone through keyed hashes. Scores that
staff sort and filter by (total, band, positive) are stored plain on InstrumentResult; the
answers and the flagged items (which say *which* question was answered how) are encrypted.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic_site.crypto import EncryptedJSONField, EncryptedTextField, lookup_hash
from clinic_site.i18n import english_name

# No 0/O, 1/I/L: a reference code is read aloud on the phone and copied by hand.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "KC-"
REFERENCE_LENGTH = 5


def new_reference_code() -> str:
    """A random reference such as KC-7Q4M2 (uniqueness is enforced by the database)."""
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


# The triage queue's order: urgent first, then medical review, standard, not eligible (then
# oldest first). One expression for the queue's ORDER BY and the index that serves it, so
# PostgreSQL reads the first page straight from the index instead of sorting every row.
PRIORITY_QUEUE_ORDER = ("urgent", "medical_review", "standard", "not_eligible")
# Statuses of inquiries still being worked (staff's OPEN_STATUSES; a test keeps them equal).
OPEN_STATUS_VALUES = ("new", "in_review", "contacted", "consultation_booked")


def priority_rank() -> models.Case:
    """0 for urgent … 3 for not eligible: the queue sorts on this, then on created_at."""
    return models.Case(
        *[
            models.When(priority=p, then=models.Value(i))
            for i, p in enumerate(PRIORITY_QUEUE_ORDER)
        ],
        default=models.Value(len(PRIORITY_QUEUE_ORDER)),
        output_field=models.IntegerField(),
    )


def new_link_nonce() -> str:
    return secrets.token_urlsafe(16)


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Inquiry(models.Model):
    """One couple's confidential inquiry: who they are, what they face, how to reach them.

    Created in one transaction by `intake.services.inquiry_submit`. Priority is set by
    `intake.triage` and re-run whenever a partner finishes their screening. Never deleted
    by the public flow: a "not eligible" inquiry is kept and answered politely.
    """

    class Priority(models.TextChoices):
        URGENT = "urgent", "Urgent"
        MEDICAL_REVIEW = "medical_review", "Medical review"
        STANDARD = "standard", "Standard"
        NOT_ELIGIBLE = "not_eligible", "Not eligible"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        CONTACTED = "contacted", "Contacted"
        CONSULTATION_BOOKED = "consultation_booked", "Consultation booked"
        ACCEPTED = "accepted", "Accepted"
        REFERRED_OUT = "referred_out", "Referred out"
        CLOSED = "closed", "Closed"

    class Concern(models.TextChoices):
        COMMUNICATION = "communication", _("Communication")
        EMOTIONAL_DISTANCE = "emotional_distance", _("Emotional distance")
        TRUST = "trust", _("Trust")
        CONFLICT = "conflict", _("Conflict")
        INTIMACY = "intimacy", _("Intimacy")
        LIFE_CHANGE = "life_change", _("A life change")
        DEPRESSION = "depression", _("One partner's depression")
        ANXIETY = "anxiety", _("One partner's anxiety")
        PTSD = "ptsd", _("One partner's PTSD")
        SUBSTANCE_USE = "substance_use", _("One partner's substance use")
        OTHER = "other", _("Something else")

    class MedicineInterest(models.TextChoices):
        ONE = "one", _("One of us")
        BOTH = "both", _("Both of us")
        UNSURE = "unsure", _("Not sure yet")

    class SessionFormat(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        TELEHEALTH = "telehealth", _("Telehealth (video)")
        EITHER = "either", _("Either")

    class Payment(models.TextChoices):
        PPO = "ppo", _("PPO insurance")
        SELF_PAY = "self_pay", _("Self-pay")
        UNSURE = "unsure", _("Not sure yet")

    reference_code = models.CharField(max_length=8, unique=True, editable=False)
    priority = models.CharField(
        max_length=20, choices=Priority.choices, default=Priority.STANDARD, db_index=True
    )
    triage_reasons = EncryptedJSONField(
        default=list, blank=True, help_text="Why the priority was set (clinical; encrypted)."
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.NEW, db_index=True
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    close_reason = EncryptedTextField(blank=True, default="")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The person filling in the form.
    contact_name = EncryptedTextField()
    contact_email = EncryptedTextField()
    contact_phone = EncryptedTextField(help_text="E.164, e.g. +19495550123")
    preferred_contact = models.CharField(max_length=8, choices=ContactMethod.choices)
    sms_safe = models.BooleanField(default=False, help_text="Is it safe to text this number?")
    voicemail_ok = models.BooleanField(default=False)
    sms_consent_at = models.DateTimeField(null=True, blank=True)
    sms_consent_wording = models.TextField(blank=True, default="")
    email_consent_at = models.DateTimeField(null=True, blank=True)
    email_consent_wording = models.TextField(blank=True, default="")
    privacy_acknowledged_at = models.DateTimeField()
    privacy_notice_wording = models.TextField()
    # The language the inquiry was sent in (en/es).
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    email_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    phone_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)

    # Eligibility: answered, kept, never a block.
    both_adults = EncryptedTextField(
        choices=YesNo.choices, help_text="Are both partners 18 or older?"
    )
    in_california = EncryptedTextField(
        choices=YesNo.choices, help_text="Are both partners in California (for every session)?"
    )

    # What brings them.
    concerns = EncryptedJSONField(default=list, blank=True)
    concerns_other = EncryptedTextField(blank=True, default="")
    message = EncryptedTextField(blank=True, default="")

    # Interest.
    medicine_interest = EncryptedTextField(choices=MedicineInterest.choices)
    session_format = EncryptedTextField(choices=SessionFormat.choices)
    payment = EncryptedTextField(choices=Payment.choices)
    insurance_carrier = EncryptedTextField(blank=True, default="")
    military_family = EncryptedTextField(
        choices=YesNo.choices, help_text="Veteran or military family?"
    )

    # Replay guard: the one-time token the final step was submitted with.
    submission_token = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "inquiries"
        indexes = [
            models.Index(fields=["priority", "created_at"], name="intake_inq_queue_idx"),
            # The queue's default order (priority rank, oldest first, id as tie-break), for
            # every row and for the open ones the queue's "Open"/"Waiting" filters show.
            models.Index(priority_rank(), "created_at", "id", name="intake_inq_rank_idx"),
            models.Index(
                priority_rank(),
                "created_at",
                "id",
                name="intake_inq_open_rank_idx",
                condition=models.Q(status__in=OPEN_STATUS_VALUES),
            ),
        ]

    def __str__(self):
        return self.reference_code

    def save(self, *args, **kwargs):
        self.email_hash = lookup_hash("email", self.contact_email or "")
        self.phone_hash = lookup_hash("phone", self.contact_phone or "")
        super().save(*args, **kwargs)

    @property
    def language_name(self) -> str:
        """The person's language by its English name (the staff side is English)."""
        return english_name(self.language)

    @property
    def eligible(self) -> bool:
        return self.both_adults == YesNo.YES and self.in_california == YesNo.YES


class PartnerScreening(models.Model):
    """One partner's private screening for an inquiry, with their own contact preferences.

    Each partner opens only their own screening through a signed, expiring link bound to
    `link_nonce` (rotate the nonce to revoke every link issued so far). Instrument answers
    live in InstrumentResult rows, one per completed instrument, so a partner can stop and
    resume. `completed_at` is set when the last instrument is submitted.
    """

    class Role(models.TextChoices):
        SUBMITTER = "submitter", "Person who sent the inquiry"
        PARTNER = "partner", "Partner"

    class SexAtBirth(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        NOT_SAID = "", "Prefer not to say"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="screenings")
    role = models.CharField(max_length=10, choices=Role.choices)
    # The language this person uses with us (en/es): their pages and messages.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    name = EncryptedTextField(help_text="Full name (submitter) or first name (partner).")
    email = EncryptedTextField(blank=True, default="")
    phone = EncryptedTextField(blank=True, default="", help_text="E.164")
    preferred_contact = models.CharField(
        max_length=8, choices=ContactMethod.choices, blank=True, default=""
    )
    sms_safe = models.BooleanField(default=False)
    voicemail_ok = models.BooleanField(default=False)
    sms_consent_at = models.DateTimeField(null=True, blank=True)
    sms_consent_wording = models.TextField(blank=True, default="")
    email_consent_at = models.DateTimeField(null=True, blank=True)
    email_consent_wording = models.TextField(blank=True, default="")
    email_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    phone_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # When this person confirmed their own contact preferences and consents. The submitter
    # gives theirs on the form; the partner's, given by the submitter on their behalf, are
    # only a suggestion until the partner confirms them on their own link: nothing is
    # texted to the partner's phone before that.
    contact_confirmed_at = models.DateTimeField(null=True, blank=True)

    sex_at_birth = EncryptedTextField(
        blank=True, default="", help_text="Optional; used only for the AUDIT-C cut-off."
    )
    # Risk answers ("phq9:q9") sent in a section that could not be saved because another
    # answer was missing: kept (and nothing else of that section) so triage and the on-call
    # alert never lose them.
    unsaved_risk_flags = EncryptedJSONField(default=list, blank=True, editable=False)
    link_nonce = models.CharField(max_length=32, default=new_link_nonce, editable=False)
    # A partner whose link was handed over by the submitter (no contact consent) answers on
    # the device where they started: the submitter who held the link cannot later open it
    # and see their progress. SHA-256 of the random key in that device's cookie.
    device_key_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["inquiry_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "role"], name="intake_one_screening_per_role"
            )
        ]

    def __str__(self):
        return f"{self.inquiry.reference_code} · {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.email_hash = lookup_hash("email", self.email or "")
        self.phone_hash = lookup_hash("phone", self.phone or "")
        super().save(*args, **kwargs)

    @property
    def language_name(self) -> str:
        """The person's language by its English name (the staff side is English)."""
        return english_name(self.language)

    @property
    def can_email(self) -> bool:
        return bool(self.email and self.email_consent_at)

    @property
    def can_text(self) -> bool:
        """Their own consent to texts, on a number they said is safe (CLINICAL.md)."""
        return bool(
            self.phone and self.sms_safe and self.sms_consent_at and self.contact_confirmed_at
        )

    @property
    def needs_contact_confirmation(self) -> bool:
        """The partner has not yet confirmed, on their own link, how we may reach them."""
        return self.role == self.Role.PARTNER and self.contact_confirmed_at is None

    @property
    def link_passed_on(self) -> bool:
        """The submitter was shown this partner's link to pass on (no channel to send it)."""
        return self.role == self.Role.PARTNER and not (self.can_text or self.can_email)

    @property
    def first_name(self) -> str:
        return (self.name or "").split(" ")[0].strip()

    @property
    def inviter_first_name(self) -> str:
        """For the partner's welcome: who invited them, by first name only."""
        if self.role != self.Role.PARTNER:
            return ""
        return (self.inquiry.contact_name or "").strip().split(" ")[0]


class InstrumentResult(models.Model):
    """One completed, scored instrument for one partner (see intake/instruments.py)."""

    screening = models.ForeignKey(
        PartnerScreening, on_delete=models.CASCADE, related_name="results"
    )
    instrument = models.CharField(max_length=32)
    version = models.CharField(max_length=40)
    # The language the questions were asked in (intake/instrument_languages.py): scores are
    # comparable only between validated versions.
    language = models.CharField(max_length=8, default="en")
    answers = EncryptedJSONField(default=dict)
    total = models.SmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=32, blank=True, default="")
    positive = models.BooleanField(default=False)
    flagged_items = EncryptedJSONField(
        default=list, blank=True, help_text="Items that set a flag (encrypted)."
    )
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["screening_id", "completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "instrument"], name="intake_one_result_per_instrument"
            )
        ]

    def __str__(self):
        return f"{self.instrument} v{self.version}"
