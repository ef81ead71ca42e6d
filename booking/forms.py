"""Forms for the public booking flow. Each cleans input into what one service needs."""

import re
from datetime import UTC, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic_site.i18n import active_language
from clinic_site.phones import normalize_phone

from .models import MAX_HORIZON_DAYS
from .services import ContactDetails

SMS_CONSENT_TEXT = _(
    "Text me appointment confirmations and reminders at this number. It is safe to text me "
    "here. Message and data rates may apply; reply STOP to stop."
)
EMAIL_CONSENT_TEXT = _("Email me the confirmation and reminders.")
HOLD_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


# Every day or time a URL or form carries is checked against the booking calendar (up to
# MAX_HORIZON_DAYS ahead, the most any type allows) before any date arithmetic, so year 1 or
# 9999 gives a clear 400/404 page, never an OverflowError.
NOT_VALID_TIME = _("That time is not valid. Please choose a time.")
NOT_AVAILABLE_TIME = _("That time is not available. Please choose one of the times shown.")


def parse_start(raw: str, *, now: datetime | None = None) -> datetime:
    """An ISO 8601 instant with its offset ("...Z" or "+00:00") as a UTC datetime, within the
    booking calendar (from a day ago to MAX_HORIZON_DAYS ahead)."""
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
        if value.tzinfo is None:
            raise ValueError("no offset")
        value = value.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise forms.ValidationError(NOT_VALID_TIME) from exc
    now = now or timezone.now()
    if not now - timedelta(days=1) <= value <= now + timedelta(days=MAX_HORIZON_DAYS + 1):
        raise forms.ValidationError(NOT_AVAILABLE_TIME)
    return value


class TimeChoiceForm(forms.Form):
    """The time someone tapped: a UTC start, a clinician (or any), the page's hold key."""

    start = forms.CharField(max_length=40)
    clinician = forms.CharField(max_length=12, required=False)
    hold_key = forms.CharField(max_length=64)

    def __init__(self, *args, clinician_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.clinician_ids = clinician_ids

    def clean_start(self) -> datetime:
        return parse_start(self.cleaned_data["start"])

    def clean_clinician(self) -> int | None:
        raw = (self.cleaned_data.get("clinician") or "").strip()
        if raw in ("", "any"):
            return None
        if not (raw.isascii() and raw.isdigit()) or int(raw) not in self.clinician_ids:
            raise forms.ValidationError(_("Please choose a clinician from the list."))
        return int(raw)

    def clean_hold_key(self) -> str:
        value = self.cleaned_data["hold_key"]
        if not HOLD_KEY_PATTERN.match(value):
            raise forms.ValidationError(_("This page has expired. Please choose a time again."))
        return value


class NewTimeForm(forms.Form):
    """The new time a person picked for their booking, carried to the review step."""

    start = forms.CharField(max_length=40)

    def clean_start(self) -> datetime:
        return parse_start(self.cleaned_data["start"])


class ContactFieldsForm(forms.Form):
    """Name, email and phone, and consent to each channel: asked the same way by the
    booking details page and the waitlist. Each form names its own consent wording
    (`email_consent_text`, `sms_consent_text`: the exact words are stored with the consent)
    and where these fields stand among its own (`field_order`)."""

    email_consent_text = EMAIL_CONSENT_TEXT
    sms_consent_text = SMS_CONSENT_TEXT
    require_email_or_phone = False

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("A first name is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        help_text=_("A US number, e.g. 949-555-0123."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email_ok = forms.BooleanField(required=False)
    sms_ok = forms.BooleanField(required=False)
    voicemail_ok = forms.BooleanField(
        label=_("You may leave a voicemail at this number."), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_ok"].label = self.email_consent_text
        self.fields["sms_ok"].label = self.sms_consent_text

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        phone = normalize_phone(raw)
        if not phone:
            raise forms.ValidationError(_("Please enter a US phone number, e.g. 949-555-0123."))
        return phone

    def clean(self):
        data = super().clean()
        given = "email" in data and "phone" in data
        if self.require_email_or_phone and given and not data["email"] and not data["phone"]:
            raise forms.ValidationError(_("Please give an email address or a phone number."))
        if "email" in data and data.get("email_ok") and not data["email"]:
            self.add_error("email", _("Add your email address to get emails."))
        if "phone" in data and data.get("sms_ok") and not data["phone"]:
            self.add_error("phone", _("Add your phone number to get texts."))
        return data

    def contact_details(self):
        """The cleaned contact, as the booking and waitlist services take it."""
        data = self.cleaned_data
        return ContactDetails(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            email_ok=data["email_ok"],
            sms_ok=data["sms_ok"],
            voicemail_ok=data["voicemail_ok"],
            # The wording shown, in its language; the person's language for their messages.
            sms_consent_text=str(self.sms_consent_text),
            language=active_language(),
        )


class ContactForm(ContactFieldsForm):
    """Who to expect, how they would like to meet, and how they agree to be contacted
    (each channel opted in)."""

    # How they would like to meet comes first: choosing video asks for the email right
    # below it (the link goes there), choosing phone the number.
    field_order = ["name", "mode", "email", "phone"]
    require_email_or_phone = True

    mode = forms.ChoiceField(label=_("How would you like to meet?"), widget=forms.RadioSelect)

    def __init__(self, *args, mode_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = mode_choices
        if "video" in dict(mode_choices):
            self.fields["email"].help_text = _("For a video meeting, we send the link here.")
        if len(mode_choices) == 1:
            self.fields["mode"].initial = mode_choices[0][0]
            self.fields["mode"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        email, phone = data.get("email"), data.get("phone")
        if data.get("mode") == "phone" and not phone and "phone" in data:
            self.add_error("phone", _("We need a phone number to call you."))
        if data.get("mode") == "video" and not email and "email" in data:
            self.add_error("email", _("We need an email address to send you the video link."))
        return data
