"""Form fields that refuse input the database cannot even look up."""

from django import forms
from django_filters import ModelChoiceFilter

MAX_ID_DIGITS = 18  # every id fits a 64-bit integer


class DatabaseIdChoiceField(forms.ModelChoiceField):
    """A model choice whose value must look like an id before it is looked up.

    A 20-digit value overflows SQLite's integer ("?module=99999999999999999999"
    was a 500 in the admin report); here it is just an invalid choice.
    """

    def to_python(self, value):
        if value not in self.empty_values:
            text = str(value)
            if not text.isdigit() or len(text) > MAX_ID_DIGITS:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class DatabaseIdChoiceFilter(ModelChoiceFilter):
    field_class = DatabaseIdChoiceField
