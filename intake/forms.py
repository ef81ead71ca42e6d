"""Forms for the public inquiry (one per step) and for one screening section.

Each form validates one step; nothing is written to the database until the last step is
sent and `intake.services.inquiry_submit` saves everything in one transaction.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clinic_site.phones import normalize_phone

from . import instruments
from .models import ContactMethod, Inquiry, YesNo

# The exact wording shown next to each consent; stored with the time it was given.
PRIVACY_NOTICE_WORDING = _(
    "I have read the privacy notice. I understand this form is confidential, is not for "
    "emergencies, and is not monitored around the clock."
)
SMS_CONSENT_WORDING = _(
    "You may text me at the mobile number I gave about my inquiry and appointments. "
    "Messages will not include health details. Reply STOP at any time to opt out."
)
EMAIL_CONSENT_WORDING = _(
    "You may email me about my inquiry and appointments. Emails will not include health details."
)
PARTNER_EMAIL_CONSENT_WORDING = _(
    "My partner agreed that you may email them at this address with their own private "
    "questionnaire link (no health details)."
)

IN_CALIFORNIA_QUESTION = _("Are you and your partner both in California?")

NAME_MAX = 120
FIRST_NAME_MAX = 60
SHORT_TEXT_MAX = 200
MESSAGE_MAX = 2000
PHONE_ERROR = _("Enter a US mobile number with area code, for example (949) 555-0123.")

YES_NO_CHOICES = YesNo.choices

# What to do, said for each question (the error summary and the field both show it).
REQUIRED_MESSAGES = {
    "contact_name": _("Enter your name."),
    "contact_email": _("Enter your email address, for example name@example.com."),
    "contact_phone": _("Enter your mobile number, for example 949-555-0123."),
    "preferred_contact": _("Choose how we should contact you."),
    "sms_safe": _("Tell us whether it is safe for us to text this number."),
    "voicemail_ok": _("Tell us whether we may leave a voicemail."),
    "partner_first_name": _("Enter your partner's first name."),
    "both_adults": _("Tell us whether you are both 18 or older."),
    "in_california": _("Tell us whether you are in California."),
    "concerns": _("Choose at least one thing you would like help with."),
    "medicine_interest": _("Choose who is interested in medicine-assisted sessions."),
    "session_format": _("Choose in person, telehealth, or either."),
    "payment": _("Choose how you would pay."),
    "military_family": _("Tell us whether either of you is a veteran or in a military family."),
}
EMAIL_INVALID = _("Enter a valid email address, for example name@example.com.")
EMAIL_CHOSEN_WITHOUT_CONSENT = _(
    "You chose email: tick the box to let us email you, or choose another way to reach you."
)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template owns <form>, CSRF and the buttons
    helper.disable_csrf = True
    return helper


def _clean_phone(value: str) -> str:
    if not value:
        return ""
    phone = normalize_phone(value)
    if phone is None:
        raise forms.ValidationError(PHONE_ERROR)
    return phone


class StepForm(forms.Form):
    """A wizard step: title for the page, crispy helper, JSON-safe cleaned data."""

    title = ""
    intro = ""

    def __init__(self, *args, context: dict | None = None, **kwargs):
        self.context = context or {}
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        for name, field in self.fields.items():
            if name in REQUIRED_MESSAGES:
                field.error_messages["required"] = REQUIRED_MESSAGES[name]
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = EMAIL_INVALID


class ContactStepForm(StepForm):
    title = _("About you")
    intro = _("So we can reach you, and only in the ways you choose.")

    contact_name = forms.CharField(
        label=_("Your name"), max_length=NAME_MAX, widget=forms.TextInput({"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput({"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    sms_safe = forms.ChoiceField(
        label=_("Is it safe for us to text this number?"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("For example, no one else reads messages on this phone."),
    )
    voicemail_ok = forms.ChoiceField(
        label=_("May we leave a voicemail?"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("We would give only our first names and a number, never the reason."),
    )
    # Asked where email is chosen: grouped under the choice, shown without JavaScript, and
    # (with CSS :has()) revealed when email is picked (static/css/site.css, .choice-followup).
    email_consent = forms.BooleanField(label=EMAIL_CONSENT_WORDING, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "contact_name",
            "contact_email",
            "contact_phone",
            "preferred_contact",
            Div(
                "email_consent",
                css_class="choice-followup",
                data_followup_for="preferred_contact",
                data_followup_value=ContactMethod.EMAIL,
            ),
            "sms_safe",
            "voicemail_ok",
        )

    def clean_contact_name(self):
        return self.cleaned_data["contact_name"].strip()

    def clean_contact_phone(self):
        return _clean_phone(self.cleaned_data["contact_phone"])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("preferred_contact") == ContactMethod.SMS
            and cleaned.get("sms_safe") == "no"
        ):
            self.add_error(
                "preferred_contact",
                _("You said texting this number isn't safe, so please choose another way."),
            )
        if cleaned.get("preferred_contact") == ContactMethod.PHONE and not cleaned.get(
            "contact_phone"
        ):
            self.add_error("contact_phone", _("We need a number to call you."))
        if cleaned.get("preferred_contact") == ContactMethod.EMAIL and not cleaned.get(
            "email_consent"
        ):
            self.add_error("email_consent", EMAIL_CHOSEN_WITHOUT_CONSENT)
        return cleaned


class PartnerStepForm(StepForm):
    title = _("Your partner")
    intro = _(
        "Your partner answers their own questions privately, through their own link. Give "
        "their contact details only if they agreed; otherwise you can pass the link on. We "
        "will not text your partner until they agree to it themselves, on their own link."
    )

    partner_first_name = forms.CharField(
        label=_("Your partner's first name"), max_length=FIRST_NAME_MAX
    )
    partner_email = forms.EmailField(
        label=_("Your partner's email (optional)"), max_length=254, required=False
    )
    partner_phone = forms.CharField(
        label=_("Your partner's mobile number (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput({"inputmode": "tel"}),
    )
    partner_preferred_contact = forms.ChoiceField(
        label=_("How would your partner like us to contact them? (optional)"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    partner_sms_safe = forms.ChoiceField(
        label=_("Is it safe to text your partner's number? (optional; they confirm it)"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    partner_voicemail_ok = forms.ChoiceField(
        label=_("May we leave your partner a voicemail? (optional)"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    partner_email_consent = forms.BooleanField(label=PARTNER_EMAIL_CONSENT_WORDING, required=False)

    def clean_partner_first_name(self):
        return self.cleaned_data["partner_first_name"].strip()

    def clean_partner_phone(self):
        return _clean_phone(self.cleaned_data["partner_phone"])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("partner_email_consent")
            and not cleaned.get("partner_email")
            and "partner_email" not in self.errors
        ):
            self.add_error("partner_email", _("Add your partner's email to email them."))
        return cleaned


class EligibilityStepForm(StepForm):
    title = _("Who we can see")
    intro = _(
        "Our licence covers adults in California. Whatever you answer, a person at the clinic "
        "will read your inquiry and reply."
    )

    both_adults = forms.ChoiceField(
        label=_("Are you and your partner both 18 or older?"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
    )
    # Both partners, not only the person filling in the form: the licence covers sessions
    # with people who are in California at the time, video sessions included.
    in_california = forms.ChoiceField(
        label=IN_CALIFORNIA_QUESTION,
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "Our licence covers sessions only while both of you are in California, "
            "including video sessions. Answer “No” if either of you lives or would join from "
            "outside California."
        ),
    )


class ConcernsStepForm(StepForm):
    title = _("What brings you to us")
    intro = _("Choose any that fit. Only our clinical team reads this.")

    concerns = forms.MultipleChoiceField(
        label=_("What would you like help with?"),
        choices=Inquiry.Concern.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    concerns_other = forms.CharField(
        label=_("If something else, what? (optional)"), max_length=SHORT_TEXT_MAX, required=False
    )
    message = forms.CharField(
        label=_("Anything you would like us to know (optional)"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea({"rows": 5}),
        help_text=format_lazy(_("Up to {count} characters."), count=MESSAGE_MAX),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            Inquiry.Concern.OTHER in (cleaned.get("concerns") or [])
            and not (cleaned.get("concerns_other") or "").strip()
        ):
            self.add_error("concerns_other", _("Tell us briefly what else brings you."))
        return cleaned


class InterestStepForm(StepForm):
    title = _("What you are looking for")

    medicine_interest = forms.ChoiceField(
        label=_("Who is interested in medicine-assisted sessions?"),
        choices=Inquiry.MedicineInterest.choices,
        widget=forms.RadioSelect,
    )
    session_format = forms.ChoiceField(
        label=_("In person or telehealth?"),
        choices=Inquiry.SessionFormat.choices,
        widget=forms.RadioSelect,
    )
    payment = forms.ChoiceField(
        label=_("How would you pay?"), choices=Inquiry.Payment.choices, widget=forms.RadioSelect
    )
    insurance_carrier = forms.CharField(
        label=_("PPO insurance company (if PPO)"), max_length=100, required=False
    )
    military_family = forms.ChoiceField(
        label=_("Is either of you a veteran or part of a military family?"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("payment") == Inquiry.Payment.PPO
            and not (cleaned.get("insurance_carrier") or "").strip()
        ):
            self.add_error("insurance_carrier", _("Tell us which PPO insurance company."))
        return cleaned


class ConsentStepForm(StepForm):
    title = _("Consent and send")
    intro = _("Nearly done. Please confirm how we may contact you.")

    privacy_acknowledged = forms.BooleanField(
        label=PRIVACY_NOTICE_WORDING,
        error_messages={"required": _("Please confirm you have read the privacy notice.")},
    )
    sms_consent = forms.BooleanField(label=SMS_CONSENT_WORDING, required=False)
    email_consent = forms.BooleanField(label=EMAIL_CONSENT_WORDING, required=False)
    # Honeypot: hidden from sighted people; labelled so screen-reader users leave it empty.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput({"autocomplete": "off", "tabindex": "-1"}),
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consents = ["sms_consent", "email_consent"]
        if self.context.get("email_consent"):
            # Given on step 1, where email was chosen: not asked twice.
            del self.fields["email_consent"]
            consents.remove("email_consent")
        self.helper.layout = Layout(
            "privacy_acknowledged",
            *consents,
            Field("website", wrapper_class="visually-hidden"),
            "submission_token",
        )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This form could not be sent. Please leave this field empty, or call us.")
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        preferred = self.context.get("preferred_contact")
        if preferred == ContactMethod.SMS and not cleaned.get("sms_consent"):
            self.add_error(
                "sms_consent",
                _(
                    "You chose text messages: please consent to texts, or go back and choose "
                    "another way to reach you."
                ),
            )
        if (
            preferred == ContactMethod.EMAIL
            and "email_consent" in self.fields
            and not cleaned.get("email_consent")
        ):
            self.add_error(
                "email_consent",
                _(
                    "You chose email: please consent to email, or go back and choose another "
                    "way to reach you."
                ),
            )
        if cleaned.get("sms_consent") and self.context.get("sms_safe") != "yes":
            self.add_error(
                "sms_consent",
                _(
                    "You said texting your number isn't safe, so we won't text you. Untick this "
                    "or go back and change that answer."
                ),
            )
        return cleaned


class ScreeningContactForm(forms.Form):
    """The partner's own contact preferences and consents, on their own link (prefilled
    with what the submitter suggested). Nothing goes to their phone before this."""

    email = forms.EmailField(label=_("Your email (optional)"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("Your mobile number (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    sms_safe = forms.ChoiceField(
        label=_("Is it safe for us to text this number?"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("For example, no one else reads messages on this phone."),
    )
    voicemail_ok = forms.ChoiceField(
        label=_("May we leave a voicemail?"),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("We would give only our first names and a number, never the reason."),
    )
    sms_consent = forms.BooleanField(label=SMS_CONSENT_WORDING, required=False)
    email_consent = forms.BooleanField(label=EMAIL_CONSENT_WORDING, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        preferred = cleaned.get("preferred_contact")
        if cleaned.get("sms_consent"):
            if not cleaned.get("phone") and "phone" not in self.errors:
                self.add_error("phone", _("Add your mobile number so we can text you."))
            if cleaned.get("sms_safe") != "yes":
                self.add_error(
                    "sms_consent", _("You said texting isn't safe, so we won't text you.")
                )
        if preferred == ContactMethod.SMS and not cleaned.get("sms_consent"):
            self.add_error("sms_consent", _("You chose text messages: please consent to texts."))
        if preferred == ContactMethod.PHONE and not cleaned.get("phone"):
            self.add_error("phone", _("We need a number to call you."))
        if preferred == ContactMethod.EMAIL and not cleaned.get("email"):
            self.add_error("email", _("Add your email so we can write to you."))
        if preferred == ContactMethod.EMAIL and not cleaned.get("email_consent"):
            self.add_error("email_consent", _("You chose email: please consent to email."))
        if cleaned.get("email_consent") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Add your email so we can write to you."))
        return cleaned


WIZARD_STEPS: tuple[type[StepForm], ...] = (
    ContactStepForm,
    PartnerStepForm,
    EligibilityStepForm,
    ConcernsStepForm,
    InterestStepForm,
    ConsentStepForm,
)


class InstrumentForm(forms.Form):
    """One screening section, built from its definition in intake/instruments.py."""

    instrument_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, instrument: instruments.Instrument, **kwargs):
        self.instrument = instrument
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["instrument_key"].initial = instrument.key
        for item in instrument.items:
            choices = [(o.value, o.label) for o in item.options]
            label = item.text
            if item.multiple:
                field = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
            # Required-ness depends on other answers (gates): checked in clean().
            field.required = False
            field.help_text = item.help_text
            self.fields[item.key] = field

    def urgent_flags_given(self) -> list[str]:
        """Risk answers in what was sent, whether or not the section is valid."""
        getlist = getattr(self.data, "getlist", None)
        raw = {
            item.key: (getlist(item.key) if getlist else self.data.get(item.key))
            if item.multiple
            else self.data.get(item.key)
            for item in self.instrument.items
        }
        return instruments.urgent_flags_given(self.instrument, raw)

    def clean_instrument_key(self):
        if self.cleaned_data["instrument_key"] != self.instrument.key:
            raise forms.ValidationError(
                _("This section has changed since the page was opened. Please answer it again.")
            )
        return self.instrument.key

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        raw = {}
        for item in self.instrument.items:
            value = cleaned.get(item.key)
            if item.multiple:
                raw[item.key] = value or []
            elif value not in (None, "") or (
                value == "" and item.key in self.data and item.option("") is not None
            ):
                raw[item.key] = value
        try:
            self.answers = instruments.clean_answers(self.instrument, raw)
        except instruments.InvalidAnswers as exc:
            for key, message in exc.errors.items():
                self.add_error(key if key in self.fields else None, message)
        return cleaned
