"""What a manager fills in on the dashboard: training to assign, and the member
table's filters. Group choices come from the list the page already read."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from organisations.selectors.assignments import STATUS_LABELS, assignable_modules


def _group_choices(groups, empty_label) -> list:
    return [("", empty_label)] + [(group.pk, group.name) for group in groups]


class AssignForm(forms.Form):
    prefix = "assign"
    modules = forms.ModelMultipleChoiceField(
        label=_("Modules"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    group = forms.TypedChoiceField(
        label=_("Who"), required=False, coerce=int, empty_value=None
    )
    due_on = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    renew_every_months = forms.IntegerField(
        label=_("Renew every (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Leave empty for training done once."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {group.pk: group for group in groups}
        self.fields["modules"].queryset = assignable_modules()
        self.fields["group"].choices = _group_choices(groups, _("Every member"))

    def clean_group(self):
        group = self.cleaned_data.get("group")
        return self.groups.get(group) if group else None


class FilterForm(forms.Form):
    """The member table's filters; every field optional, a bad value ignored."""

    q = forms.CharField(
        label=_("Name or email"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    group = forms.TypedChoiceField(
        label=_("Group"), required=False, coerce=int, empty_value=None
    )
    assignment = forms.TypedChoiceField(
        label=_("Assignment"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, groups, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status"))] + list(
            STATUS_LABELS.items()
        )
        self.fields["group"].choices = _group_choices(groups, _("All groups"))
        self.fields["assignment"].choices = [("", _("All assignments"))] + [
            (assignment.pk, assignment_label(assignment)) for assignment in assignments
        ]
        if not groups:
            del self.fields["group"]

    def filters(self) -> dict:
        """The valid filters given (an invalid one is dropped, not an error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }


def assignment_label(assignment) -> str:
    who = assignment.group.name if assignment.group_id else _("every member")
    return _("%(module)s (%(who)s, due %(date)s)") % {
        "module": assignment.module.title,
        "who": who,
        "date": date_format(assignment.due_on, "DATE_FORMAT"),
    }
