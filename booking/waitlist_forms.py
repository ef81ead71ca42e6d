"""Forms for the waitlist: joining it, and booking the time an offer holds."""

from datetime import date, timedelta

from django import forms

from clinic_site.phones import normalize_phone

from .models import ConsultationType
from .waitlist import PARTS_OF_DAY, WEEKDAYS, windows_from

WAITLIST_SMS_CONSENT_TEXT = (
    "Text me at this number when a time opens, and about my appointment. It is safe to text "
    "me here. Message and data rates may apply; reply STOP to stop."
)
WAITLIST_EMAIL_CONSENT_TEXT = "Email me when a time opens, and about my appointment."


class WaitlistForm(forms.Form):
    """Which clinicians, days and parts of the day suit the couple; until when; how to
    reach them (each channel opted in, at least one)."""

    clinicians = forms.TypedMultipleChoiceField(
        label="Who would you be glad to see?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for anyone.",
    )
    days = forms.TypedMultipleChoiceField(
        label="Which days suit you?",
        coerce=int,
        choices=list(enumerate(WEEKDAYS)),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day."},
    )
    parts = forms.MultipleChoiceField(
        label="Which times of day? (Pacific time)",
        choices=[(p.key, p.label) for p in PARTS_OF_DAY],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one time of day."},
    )
    valid_until = forms.DateField(
        label="Keep me on the list until",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="We will not offer times after this day.",
        error_messages={"invalid": "Enter a date, e.g. 2026-04-30."},
    )
    name = forms.CharField(
        label="Your name",
        max_length=120,
        help_text="A first name is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="A US number, e.g. 949-555-0123.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email_ok = forms.BooleanField(label=WAITLIST_EMAIL_CONSENT_TEXT, required=False)
    sms_ok = forms.BooleanField(label=WAITLIST_SMS_CONSENT_TEXT, required=False)
    voicemail_ok = forms.BooleanField(
        label="You may leave a voicemail at this number.", required=False
    )

    def __init__(self, *args, clinicians, today: date, max_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.last_day = today, today + timedelta(days=max_days)
        self.fields["clinicians"].choices = [(c.pk, str(c)) for c in clinicians]
        if len(clinicians) < 2:
            del self.fields["clinicians"]
        self.fields["valid_until"].widget.attrs.update(
            min=today.isoformat(), max=self.last_day.isoformat()
        )

    def clean_valid_until(self) -> date:
        value = self.cleaned_data["valid_until"]
        if value < self.today:
            raise forms.ValidationError("Choose today or a later day.")
        if value > self.last_day:
            raise forms.ValidationError(
                f"We keep the list for up to {(self.last_day - self.today).days} days; "
                f"choose {self.last_day:%B} {self.last_day.day} or earlier."
            )
        return value

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        phone = normalize_phone(raw)
        if not phone:
            raise forms.ValidationError("Please enter a US phone number, e.g. 949-555-0123.")
        return phone

    def clean(self):
        data = super().clean()
        email, phone = data.get("email"), data.get("phone")
        if "email" in data and "phone" in data:
            if data.get("email_ok") and not email:
                self.add_error("email", "Add your email address to get emails.")
            if data.get("sms_ok") and not phone:
                self.add_error("phone", "Add your phone number to get texts.")
            if not (data.get("email_ok") and email) and not (data.get("sms_ok") and phone):
                raise forms.ValidationError(
                    "Tick email or texts (or both) so we can tell you when a time opens."
                )
        return data

    @property
    def windows(self) -> list[str]:
        return windows_from(self.cleaned_data["days"], self.cleaned_data["parts"])


class OfferBookingForm(forms.Form):
    """How the couple would like to meet at the offered time (when there is a choice)."""

    mode = forms.ChoiceField(label="How would you like to meet?", widget=forms.RadioSelect)

    def __init__(self, *args, consultation_type: ConsultationType, **kwargs):
        super().__init__(*args, **kwargs)
        modes = consultation_type.modes
        self.fields["mode"].choices = [(m, ConsultationType.Mode(m).label) for m in modes]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]
            self.fields["mode"].widget = forms.HiddenInput()
