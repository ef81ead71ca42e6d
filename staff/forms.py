"""Forms of the staff workspace."""

from django import forms


class SecondFactorForm(forms.Form):
    """A six-digit code from the authenticator app, or one backup code."""

    token = forms.CharField(
        label="Code from your authenticator app, or a backup code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class ConfirmAuthenticatorForm(forms.Form):
    """The first code from a newly added authenticator app."""

    token = forms.CharField(
        label="Six-digit code shown by the app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
