"""What a manager types to invite people: one address, a list or CSV, or a link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.invite_csv import MAX_ADDRESSES, MAX_BYTES
from organisations.models import MemberGroup, Role


class _OrganisationForm(forms.Form):
    """A form whose group choices are the organisation's own groups."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text=_("Managers see the organisation's training records."),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=MemberGroup.objects.none(),
        required=False,
        empty_label=_("No group"),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["group"].queryset = MemberGroup.objects.filter(
            organisation=organisation
        )
        if not self.fields["group"].queryset.exists():
            del self.fields["group"]


# Three forms share one page: prefixes keep their field ids apart.
class InviteEmailForm(_OrganisationForm):
    prefix = "one"
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    field_order = ["email", "role", "group"]


class BulkInviteForm(_OrganisationForm):
    prefix = "list"
    addresses = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        help_text=_("Paste addresses separated by new lines, commas or spaces."),
    )
    csv_file = forms.FileField(
        label=_("Or upload a CSV file"),
        required=False,
        help_text=_(
            "A column called “email” and, if you like, one called “group”. "
            "At most %(max)s addresses."
        )
        % {"max": f"{MAX_ADDRESSES:,}"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    field_order = ["addresses", "csv_file", "role", "group"]

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        # The size is known before a byte is read: refuse a large file unread.
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("This file is too large: at most %(kb)s KB.")
                % {"kb": MAX_BYTES // 1024}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        has_text = bool((cleaned.get("addresses") or "").strip())
        has_file = bool(cleaned.get("csv_file"))
        if has_text == has_file and "csv_file" not in self.errors:
            raise forms.ValidationError(
                _("Paste addresses or upload a CSV file (one of the two).")
            )
        return cleaned


class BulkConfirmForm(forms.Form):
    """The previewed list, sent back unchanged; parsed and checked again."""

    payload = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES)
    role = forms.ChoiceField(choices=Role.choices, widget=forms.HiddenInput)


class InviteLinkForm(_OrganisationForm):
    """Anyone holding a link can join with it, so it only ever makes members:
    a manager is invited by email, bound to their verified address."""

    prefix = "link"
    role = None
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=90,
        initial=30,
    )
    field_order = ["group", "days"]
