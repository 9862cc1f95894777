"""The survey on the module page and the quiz result page: one query at most."""

from django import template

from training.feedback import feedback_for
from training.feedback_forms import FeedbackAfterForm, FeedbackBeforeForm

register = template.Library()


@register.inclusion_tag("training/includes/feedback_before.html", takes_context=True)
def feedback_before_question(context):
    """Before the first lesson: the confidence question, until answered."""
    page, progress = context["page"], context["progress"]
    next_lesson = context.get("next_lesson")
    show = bool(next_lesson) and not (context.get("needs_account") or progress.started)
    if show:
        answers = feedback_for(learner=context["request"].learner, module=page)
        show = answers is None or answers.confidence_before is None
    return {
        "show": show,
        "module": page,
        "next_lesson": next_lesson,
        "form": FeedbackBeforeForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("training/includes/feedback_after.html", takes_context=True)
def feedback_after_survey(context, attempt):
    """After a module's final quiz: three optional questions, once; then thanks."""
    show = attempt.purpose == "final" and attempt.module_id is not None
    answers = (
        feedback_for(learner=context["request"].learner, module=attempt.module)
        if show
        else None
    )
    return {
        "show": show,
        "answered": answers is not None and answers.answered_after,
        "attempt": attempt,
        "form": FeedbackAfterForm(),
        "csrf_token": context.get("csrf_token"),
    }
