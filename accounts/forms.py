from django import forms


class SignupForm(forms.Form):
    """Extra signup field for allauth: the learner's name (printed on certificates)."""

    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As you would like it printed on a certificate.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
