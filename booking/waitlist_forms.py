"""Forms for the waitlist: joining it, and booking the time an offer holds."""

from datetime import date, timedelta

from django import forms
from django.utils import dateformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import ContactFieldsForm
from .models import ConsultationType
from .waitlist import PARTS_OF_DAY, WEEKDAYS, windows_from
from .waitlist_services import WaitlistRequest

WAITLIST_SMS_CONSENT_TEXT = _(
    "Text me at this number when a time opens, and about my appointment. It is safe to text "
    "me here. Message and data rates may apply; reply STOP to stop."
)
WAITLIST_EMAIL_CONSENT_TEXT = _("Email me when a time opens, and about my appointment.")


class WaitlistForm(ContactFieldsForm):
    """Which clinicians, days and parts of the day suit the couple; until when; how to
    reach them (each channel opted in, at least one)."""

    email_consent_text = WAITLIST_EMAIL_CONSENT_TEXT
    sms_consent_text = WAITLIST_SMS_CONSENT_TEXT
    field_order = ["clinicians", "days", "parts", "valid_until"]  # then the contact fields

    clinicians = forms.TypedMultipleChoiceField(
        label=_("Who would you be glad to see?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for anyone."),
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Which days suit you?"),
        coerce=int,
        choices=list(enumerate(WEEKDAYS)),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    parts = forms.MultipleChoiceField(
        label=_("Which times of day? (Pacific time)"),
        choices=[(p.key, p.label) for p in PARTS_OF_DAY],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one time of day.")},
    )
    valid_until = forms.DateField(
        label=_("Keep me on the list until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("We will not offer times after this day."),
        error_messages={"invalid": _("Enter a date, e.g. 2026-04-30.")},
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
            raise forms.ValidationError(_("Choose today or a later day."))
        if value > self.last_day:
            raise forms.ValidationError(
                _("We keep the list for up to {days} days; choose {last} or earlier.").format(
                    days=(self.last_day - self.today).days,
                    last=dateformat.format(self.last_day, gettext("F j")),
                )
            )
        return value

    def clean(self):
        data = super().clean()
        email, phone = data.get("email"), data.get("phone")
        by_email, by_text = data.get("email_ok") and email, data.get("sms_ok") and phone
        if "email" in data and "phone" in data and not by_email and not by_text:
            raise forms.ValidationError(
                _("Tick email or texts (or both) so we can tell you when a time opens.")
            )
        return data

    @property
    def windows(self) -> list[str]:
        return windows_from(self.cleaned_data["days"], self.cleaned_data["parts"])

    def waitlist_request(self, *, consultation_type, clinicians):
        """What to look for, as waitlist_join takes it (the ticked clinicians, or anyone)."""
        chosen = set(self.cleaned_data.get("clinicians") or ())
        return WaitlistRequest(
            consultation_type=consultation_type,
            clinicians=[c for c in clinicians if c.pk in chosen],
            windows=self.windows,
            valid_until=self.cleaned_data["valid_until"],
        )


class OfferBookingForm(forms.Form):
    """How the couple would like to meet at the offered time (when there is a choice)."""

    mode = forms.ChoiceField(label=_("How would you like to meet?"), widget=forms.RadioSelect)

    def __init__(self, *args, consultation_type: ConsultationType, **kwargs):
        super().__init__(*args, **kwargs)
        modes = consultation_type.modes
        self.fields["mode"].choices = [(m, ConsultationType.Mode(m).label) for m in modes]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]
            self.fields["mode"].widget = forms.HiddenInput()
