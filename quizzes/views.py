"""Quiz pages read like Wagtail's form pages: get the form, validate, grade, render."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from audiences.page_tree import exclude_unpublished_branches
from quizzes.answers import parse_answers
from quizzes.choices import AttemptPurpose
from quizzes.selectors import (
    attempt_for,
    attempts_left,
    may_review,
    result_rows,
    retry_after,
)
from quizzes.services import (
    AttemptClosed,
    AttemptError,
    attempt_save_answers,
    attempt_start,
    attempt_submit,
)
from training.learners import recording_learner
from training.models import TrainingModulePage
from training.responses import ask_to_log_in
from training.selectors import final_quiz_closed_reason, module_progress


@require_POST
def start(request, module_id: int, purpose: str):
    if purpose not in AttemptPurpose.values:
        # A made-up purpose would be an attempt outside every limit and policy.
        raise Http404
    modules = exclude_unpublished_branches(TrainingModulePage.objects.live())
    module = get_object_or_404(modules, pk=module_id)
    quiz = module.pretest if purpose == AttemptPurpose.PRETEST else module.quiz
    if quiz is None or not quiz.live:
        raise Http404
    if not request.learner.can_learn(module):
        return ask_to_log_in(request, next_url=module.url)
    if purpose == AttemptPurpose.FINAL:
        progress = module_progress(
            learner=request.learner, module=module, lessons=list(module.lessons())
        )
        if reason := final_quiz_closed_reason(module=module, progress=progress):
            messages.error(request, reason)
            return redirect(module.url)
    learner = recording_learner(request)
    try:
        attempt = attempt_start(
            learner=learner, quiz=quiz, module=module, purpose=purpose
        )
    except AttemptError as error:
        messages.error(request, str(error))
        return redirect(module.url)
    return redirect("quizzes:attempt", public_id=attempt.public_id)


@require_http_methods(["GET", "POST"])
def take(request, public_id):
    attempt = attempt_for(learner=request.learner, public_id=public_id)
    if attempt.is_submitted:
        return redirect("quizzes:result", public_id=attempt.public_id)
    if request.method == "GET":
        return render_quiz(request, attempt)
    wants_json = request.headers.get("Accept") == "application/json"
    try:
        answers = parse_answers(request.POST)
        if request.POST.get("action") == "save":
            attempt_save_answers(attempt=attempt, answers=answers)
            if wants_json:
                return JsonResponse({"saved": True})
            messages.success(
                request, gettext("Your answers are saved. Come back any time.")
            )
            return redirect(attempt.module.url if attempt.module else "/")
        attempt = attempt_submit(attempt=attempt, answers=answers)
    except AttemptClosed:
        return redirect("quizzes:result", public_id=attempt.public_id)
    except AttemptError as error:
        if wants_json:
            return JsonResponse(
                {"saved": False, "errors": error.errors_text}, status=400
            )
        attempt.refresh_from_db()
        return render_quiz(
            request, attempt, errors=error.errors, submitted=request.POST
        )
    return redirect("quizzes:result", public_id=attempt.public_id)


def _is_id(text: str) -> bool:
    # str.isdigit() is also true of "²", which int() refuses.
    return text.isascii() and text.isdigit()


def render_quiz(request, attempt, *, errors=None, submitted=None):
    errors = errors or {}
    chosen = {int(k): set(v) for k, v in attempt.answers.items()}
    # After a rejected submit, show what the learner ticked (readable ids only),
    # so they fix the one question named instead of answering all again.
    if submitted is not None:
        for key in submitted:
            if key.startswith("question-") and _is_id(key[9:]):
                values = [v for v in submitted.getlist(key) if _is_id(v)]
                chosen[int(key[9:])] = {int(v) for v in values}
    questions = attempt.questions_for_display()
    for number, question in enumerate(questions, start=1):
        question["number"] = number
        question["error"] = errors.get(question["id"], "")
        for choice in question["choices"]:
            choice["checked"] = choice["id"] in chosen.get(question["id"], set())
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "questions": questions,
        "general_error": errors.get(None, ""),
        "questions_with_errors": [q for q in questions if q["error"]],
        "error_count": len(errors),
    }
    if attempt.deadline:
        # The server's clock decides; the page only counts down from its figure.
        seconds = max(int((attempt.deadline - timezone.now()).total_seconds()), 0)
        context["seconds_left"] = seconds
        context["seconds_left_display"] = f"{seconds // 60}:{seconds % 60:02d}"
    status = 400 if errors else 200
    return render(request, "quizzes/take.html", context, status=status)


def result(request, public_id):
    attempt = attempt_for(learner=request.learner, public_id=public_id)
    if not attempt.is_submitted:
        return redirect("quizzes:attempt", public_id=attempt.public_id)
    show_answers = may_review(attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "rows": result_rows(attempt, show_answers=show_answers),
        "show_answers": show_answers,
        "attempts_left": attempts_left(learner=request.learner, attempt=attempt),
        "retry_after": None
        if attempt.passed or attempt.purpose != AttemptPurpose.FINAL
        else retry_after(learner=request.learner, quiz=attempt.quiz),
    }
    context["right_count"] = sum(row["is_correct"] for row in context["rows"])
    return render(request, "quizzes/result.html", context)
