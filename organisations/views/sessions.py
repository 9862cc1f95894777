"""Live sessions on the public site: the list, one session and registering for
it, and checking in at the session. Thin: services decide, these render.

An organisation's session is seen by its members only: anyone else gets 404,
so a page does not even say that it exists.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from config.ratelimits import over_limit
from organisations.selectors.sessions import (
    session_for_viewer,
    session_places,
    sessions_visible_to,
    user_attendance,
    user_registration,
)
from organisations.services.sessions import (
    SessionError,
    registration_problem,
    session_check_in,
    session_register,
)
from training.responses import private_response

# The rate limit's action in ACCOUNT_RATE_LIMITS: check-in tries per account
# and per address, so a code cannot be guessed by trying many.
TOO_MANY = "session_checkin"
TEMPLATES = "organisations/sessions/"


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The six letters and digits the trainer shows, e.g. ACD 347."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autocorrect": "off",
                "spellcheck": "false",
                "inputmode": "text",
                "enterkeyhint": "go",
            }
        ),
    )


def sessions(request):
    """Upcoming sessions the visitor may join: public ones, and their
    organisations'."""
    return render(
        request,
        TEMPLATES + "list.html",
        {"sessions": list(sessions_visible_to(user=request.user))},
    )


def _session_or_404(request, session_id: int):
    session = session_for_viewer(user=request.user, session_id=session_id)
    if session is None:
        raise Http404
    return session


def session_detail(request, session_id: int):
    session = _session_or_404(request, session_id)
    user = request.user
    registration = user_registration(session=session, user=user)
    problem = ""
    if user.is_authenticated and registration is None:
        problem = registration_problem(session=session, user=user, now=timezone.now())
    context = {
        "session": session,
        "places": session_places(session=session),
        "registration": registration,
        "attendance": user_attendance(session=session, user=user),
        "problem": problem,
        "module": session.module.specific if session.module_id else None,
    }
    return private_response(render(request, TEMPLATES + "detail.html", context))


@login_required
@require_POST
def session_register_view(request, session_id: int):
    session = _session_or_404(request, session_id)
    try:
        session_register(session=session, user=request.user)
    except SessionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("You are registered for %(title)s.")
            % {"title": session.display_title},
        )
    return redirect("organisations:session_detail", session_id=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request):
    """At the session: type (or scan) the code the trainer shows."""
    if request.method == "GET":
        form = CheckInForm(initial={"code": request.GET.get("code", "")[:20]})
        return _check_in_page(request, form)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _check_in_page(request, form, status=400)
    if over_limit(request, action=TOO_MANY, key=str(request.user.pk)):
        form.add_error(
            "code",
            gettext("Too many tries. Please wait a few minutes, or ask the trainer."),
        )
        return _check_in_page(request, form, status=429)
    try:
        result = session_check_in(
            user=request.user, code=form.cleaned_data["code"], now=timezone.now()
        )
    except SessionError as error:
        form.add_error("code", error.message)
        return _check_in_page(request, form, status=400)
    session = result.session
    module = session.module.specific if session.module_id else None
    context = {
        "session": session,
        "already": result.already,
        "module": module,
        "has_quiz": bool(module and module.quiz_id),
        "issues_certificate": bool(module and module.issues_certificate),
    }
    return private_response(render(request, TEMPLATES + "checked_in.html", context))


def _check_in_page(request, form, *, status: int = 200):
    return private_response(
        render(request, TEMPLATES + "check_in.html", {"form": form}, status=status)
    )
