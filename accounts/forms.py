from django import forms

from accounts.names import collapse_spaces, name_problem


class SignupForm(forms.Form):
    """Extra signup field for allauth: the learner's name (printed on certificates)."""

    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As you would like it printed on a certificate.",
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
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    revoke_certificates = forms.BooleanField(
        label="Also revoke my certificates",
        required=False,
        help_text="If you leave this unticked, your certificates stay verifiable with "
        "the name printed on them, so an employer or board can still check them.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not correct.")
        return password
