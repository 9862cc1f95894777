"""Forms for certificates: the name to print, a code to verify, a reason to revoke."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from training.certificates.codes import (
    CertificateError,
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
