"""Thin views: parse the request, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from training.certificates import claim_state_for, latest_certificate_by_module
from training.learners import anonymous_learner_for
from training.models import Certificate
from training.progress import lesson_finish
from training.selectors import learner_modules, module_progress


def private_response(response):
    """Never cache this response, even for a visitor with no learner state.

    LearnerMiddleware already marks every page a signed-in or progressing
    learner sees; this is for the rest (certificate lookups and downloads).
    """
    patch_cache_control(response, private=True, no_store=True)
    return response


def ask_to_log_in(request, *, next_url: str):
    messages.info(
        request,
        "This training records your progress and earns a certificate, so it needs "
        "an account. Sign up or log in to start; you can keep reading the module page.",
    )
    return redirect_to_login(next_url)


def serve_lesson_post(request, *, lesson):
    """Mark as finished and continue: record, then open the next unfinished lesson."""
    learner = (
        request.learner if request.learner.user else anonymous_learner_for(request)
    )
    module = lesson.module
    lesson_finish(learner=learner, lesson=lesson, module=module)

    lessons = list(module.lessons())
    progress = module_progress(
        learner=learner, module=module, lessons=lessons, with_quiz=False
    )
    if progress.lessons_done:
        if module.quiz_id:
            text = (
                f"You have finished every lesson of {module.title}. "
                "The final quiz is next."
            )
        else:
            text = f"Well done: you have finished every lesson of {module.title}."
        messages.success(request, text)
        return redirect(module.url)
    by_id = {item.pk: item for item in lessons}
    return redirect(by_id[progress.next_lesson_id].url)


@login_required
def my_training(request):
    certificates = list(
        Certificate.objects.filter(user=request.user).order_by("-issued_at")
    )
    latest = latest_certificate_by_module(certificates)
    modules = [
        (
            module,
            progress,
            claim_state_for(
                module=module,
                progress=progress,
                latest=latest.get(module.pk),
                anonymous=False,
            ),
        )
        for module, progress in learner_modules(learner=request.learner)
    ]
    context = {
        "in_progress": [row for row in modules if not row[1].complete],
        "completed": [row for row in modules if row[1].complete],
        "certificates": certificates,
    }
    return render(request, "training/my_training.html", context)
