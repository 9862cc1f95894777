"""Admin validation: a quiz cannot be saved or published with a broken question."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from quizzes.validation import question_rule_errors


class QuizAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned
        for number, form in enumerate(questions.forms, start=1):
            if not form.has_changed() and not form.instance.pk:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            choices = form.formsets["choices"]
            flags = [
                bool(choice.cleaned_data.get("is_correct"))
                for choice in choices.forms
                if choice.cleaned_data and not choice.cleaned_data.get("DELETE")
            ]
            for message in question_rule_errors(
                kind=form.cleaned_data.get("kind"),
                case_text=form.cleaned_data.get("case_text", ""),
                correct_flags=flags,
            ):
                form.add_error(None, message)
                self.add_error(None, ValidationError(f"Question {number}: {message}"))
        return cleaned
