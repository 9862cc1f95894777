"""Admin validation: a quiz cannot be saved or published with a broken question."""

from wagtail.admin.forms import WagtailAdminModelForm

from quizzes.validation import question_rule_errors


class QuizAdminForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        # The rules span a question and its nested choices, which are only
        # cleaned once the formsets are: so check after the standard validation.
        valid = super().is_valid()
        questions = self.formsets.get("questions")
        if not valid or questions is None:
            return valid
        for number, form in enumerate(questions.forms, start=1):
            if form.cleaned_data.get("DELETE") or not form.cleaned_data:
                continue
            flags = [
                bool(choice.cleaned_data.get("is_correct"))
                for choice in form.formsets["choices"].forms
                if choice.cleaned_data and not choice.cleaned_data.get("DELETE")
            ]
            for message in question_rule_errors(
                kind=form.cleaned_data.get("kind"),
                case_text=form.cleaned_data.get("case_text", ""),
                correct_flags=flags,
            ):
                form.add_error(None, message)
                self.add_error(None, f"Question {number}: {message}")
        return not self.errors and valid
