from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.names import collapse_spaces, name_problem


class SignupForm(forms.Form):
    """Extra signup field for allauth: the learner's name (printed on certificates)."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As you would like it printed on a certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2"]

    def clean_name(self) -> str:
        name = collapse_spaces(self.cleaned_data["name"])
        if problem := name_problem(name):
            raise forms.ValidationError(problem)
        return name

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class DeleteAccountForm(forms.Form):
    """Deleting is final, so the password is asked again."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    revoke_certificates = forms.BooleanField(
        label=_("Also revoke my certificates"),
        required=False,
        help_text=_(
            "If you leave this unticked, your certificates stay verifiable with "
            "the name printed on them, so an employer or board can still check them."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("That password is not correct."))
        return password
