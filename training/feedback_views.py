"""The survey's two forms: check, record (training/feedback.py), go back.

Plain POST forms that work without JavaScript. Bad input changes nothing and
shows the form again with an error summary (400).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from audiences.page_tree import exclude_unpublished_branches
from quizzes.selectors import attempt_for
from training.feedback import (
    FeedbackError,
    feedback_answer_after,
    feedback_answer_before,
)
from training.feedback_forms import FeedbackAfterForm, FeedbackBeforeForm
from training.learners import recording_learner
from training.models import TrainingModulePage
from training.responses import ask_to_log_in


def _add_errors(form, error: FeedbackError) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _form_again(request, *, form, survey: str, module, back_url: str, **context):
    context.update(
        form=form, survey=survey, module=module, back_url=back_url, show=True
    )
    return render(request, "training/feedback_page.html", context, status=400)


@require_POST
def feedback_before(request, module_id: int):
    modules = exclude_unpublished_branches(TrainingModulePage.objects.live())
    module = get_object_or_404(modules, pk=module_id)
    if not request.learner.can_learn(module):
        return ask_to_log_in(request, next_url=module.url)
    form = FeedbackBeforeForm(request.POST)
    if form.is_valid():
        try:
            feedback_answer_before(
                # The learner's first recorded step may be this answer.
                learner=recording_learner(request),
                module=module,
                confidence_before=form.cleaned_data["confidence_before"],
            )
        except FeedbackError as error:
            _add_errors(form, error)
        else:
            messages.success(request, gettext("Thank you for your feedback."))
            return redirect(module.url)
    return _form_again(
        request,
        form=form,
        survey="training/includes/feedback_before.html",
        module=module,
        back_url=module.url,
        next_lesson=module.lessons().first(),
    )


@require_POST
def feedback_after(request, public_id):
    # Only the learner's own attempt: another's is a 404, as on the result page.
    attempt = attempt_for(learner=request.learner, public_id=public_id)
    if attempt.module is None:
        raise Http404
    result_url = reverse("quizzes:result", kwargs={"public_id": attempt.public_id})
    form = FeedbackAfterForm(request.POST)
    if form.is_valid():
        try:
            feedback_answer_after(
                learner=request.learner, attempt=attempt, **form.cleaned_data
            )
        except FeedbackError as error:
            _add_errors(form, error)
        else:
            messages.success(request, gettext("Thank you for your feedback."))
            return redirect(result_url)
    return _form_again(
        request,
        form=form,
        survey="training/includes/feedback_after.html",
        module=attempt.module,
        back_url=result_url,
        attempt=attempt,
        answered=False,
    )
