"""Forms for certificates: the name (and licence number) to print, a code to
verify, a reason to revoke."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from training.certificates.codes import (
    LICENCE_MAX_LENGTH,
    CertificateError,
    clean_licence_number,
    clean_printed_name,
    code_is_well_formed,
    code_normalise,
)


class PrintedNameForm(forms.Form):
    printed_name = forms.CharField(
        label=_("Name to print on the certificate"),
        max_length=150,
        help_text=_("Check the spelling: this is how your name will appear."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_printed_name(self):
        try:
            return clean_printed_name(self.cleaned_data["printed_name"])
        except CertificateError as error:
            raise forms.ValidationError(str(error)) from error


class ClaimForm(PrintedNameForm):
    """The name to print and, for professionals, a licence or registration number
    a board may ask to see on the certificate."""

    licence_number = forms.CharField(
        label=_("Licence or registration number (optional)"),
        # Longer than allowed, so the clean step can say what the limit is.
        max_length=200,
        required=False,
        help_text=_(
            "If your licensing board needs it, e.g. RN 123456. It is printed on "
            "the certificate and shown to anyone who checks it."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "maxlength": LICENCE_MAX_LENGTH}
        ),
    )

    def clean_licence_number(self):
        try:
            return clean_licence_number(self.cleaned_data.get("licence_number", ""))
        except CertificateError as error:
            raise forms.ValidationError(str(error)) from error


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=80,
        help_text=_(
            "It is printed at the bottom of the certificate, e.g. ABCD-EFGH-"
            "JKLM-... Capitals, spaces and dashes do not matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        code = code_normalise(self.cleaned_data["code"])
        if not code_is_well_formed(code):
            raise forms.ValidationError(
                gettext(
                    "A certificate code has 32 letters and digits (the digits are "
                    "2 to 7). Please check it and try again."
                )
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Recorded with your name and the time, and shown in the site "
        "history. The verify page says only that the certificate is not valid.",
    )
