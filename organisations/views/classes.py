"""Class codes on the public site: a young person types (or follows) a code and
lands in the module; a teacher (an organisation's manager) makes classes and
sees their figures. Thin: services and selectors decide, these render.

Joining stores nothing about the young person but a random key and a day
(organisations/services/classes.py). Entering codes is rate limited, so they
cannot be guessed by trying many.
"""

import segno
from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from config.ratelimits import over_limit
from organisations.class_codes import (
    closes_on_problem,
    code_display,
    default_closes_on,
)
from organisations.models import YouthClass
from organisations.permissions import manager_required
from organisations.selectors.classes import class_figures, classes_of, youth_modules
from organisations.services.classes import (
    ClassError,
    class_create,
    class_for_code,
    class_is_open,
    class_join,
    class_join_problem,
    closes_on_message,
)
from training.learners import anonymous_learner_for
from training.models import TrainingModulePage
from training.responses import private_response

# The rate limit's action in ACCOUNT_RATE_LIMITS: code tries per address.
TOO_MANY = "class_join"
TEMPLATES = "organisations/classes/"


class ClassCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Class code"),
        max_length=20,
        help_text=_(
            "The 8 letters and numbers your teacher gives you, like ACDE-3479. "
            "Capitals, spaces and dashes do not matter."
        ),
        widget=forms.TextInput(
            attrs={
                "class": "secret",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autocorrect": "off",
                "spellcheck": "false",
                "enterkeyhint": "go",
            }
        ),
    )


def _too_many_message() -> str:
    return gettext(
        "Too many tries from this device. Please wait a few minutes, then try "
        "again, or ask your teacher to check the code."
    )


def _page(request, template: str, context: dict, *, status: int = 200):
    context = {**context, "anonymous_days": settings.ANONYMOUS_PROGRESS_DAYS}
    response = private_response(
        render(request, TEMPLATES + template, context, status=status)
    )
    # A code in a shared link is not for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def _module_url(youth_class: YouthClass) -> str:
    """The module in the visitor's language where it is translated."""
    return youth_class.module.specific.localized.url


def _join_and_go(request, youth_class: YouthClass):
    if request.user.is_authenticated:
        # Class figures count learners without an account: tell them, link nothing.
        return _page(request, "signed_in.html", {"youth_class": youth_class})
    try:
        class_join(youth_class=youth_class, learner=anonymous_learner_for(request))
    except ClassError as error:
        return _page(request, "problem.html", {"problem": error.message}, status=400)
    return redirect(_module_url(youth_class))


@require_http_methods(["GET", "POST"])
def class_enter(request):
    """Where a young person types the code from the board."""
    if request.method == "GET":
        return _page(request, "enter.html", {"form": ClassCodeForm()})
    form = ClassCodeForm(request.POST)
    if not form.is_valid():
        return _page(request, "enter.html", {"form": form}, status=400)
    if over_limit(request, action=TOO_MANY):
        form.add_error("code", _too_many_message())
        return _page(request, "enter.html", {"form": form}, status=429)
    youth_class = class_for_code(code=form.cleaned_data["code"])
    problem = class_join_problem(youth_class=youth_class, today=timezone.localdate())
    if problem:
        form.add_error("code", problem)
        return _page(request, "enter.html", {"form": form}, status=400)
    return _join_and_go(request, youth_class)


@require_http_methods(["GET", "POST"])
def class_join_link(request, code: str):
    """A teacher's link or QR: GET asks to confirm, POST joins."""
    if over_limit(request, action=TOO_MANY):
        return _page(
            request, "problem.html", {"problem": _too_many_message()}, status=429
        )
    youth_class = class_for_code(code=code)
    problem = class_join_problem(youth_class=youth_class, today=timezone.localdate())
    if problem:
        status = 404 if youth_class is None else 410
        return _page(request, "problem.html", {"problem": problem}, status=status)
    if request.method == "POST" or request.user.is_authenticated:
        # Signed in: nothing to confirm, as nothing will be stored.
        return _join_and_go(request, youth_class)
    return _page(
        request,
        "confirm.html",
        {"youth_class": youth_class, "code": code_display(youth_class.code)},
    )


# ---------- teachers: an organisation's managers ----------


class YouthClassForm(forms.Form):
    name = forms.CharField(
        label=_("Class name"),
        max_length=100,
        help_text=_("For you: young people see it when they join. No pupils' names."),
    )
    module = forms.ModelChoiceField(
        label=_("Youth module"), queryset=TrainingModulePage.objects.none()
    )
    closes_on = forms.DateField(
        label=_("Code works until"),
        help_text=_("Up to a year from today; 30 days if you are not sure."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = youth_modules()
        self.fields["module"].label_from_instance = lambda module: module.title
        if not self.is_bound:
            self.fields["closes_on"].initial = default_closes_on(timezone.localdate())

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        problem = closes_on_problem(closes_on=closes_on, today=today)
        if problem:
            raise forms.ValidationError(closes_on_message(problem=problem, today=today))
        return closes_on


@manager_required
@require_http_methods(["GET", "POST"])
def classes(request, organisation):
    """An organisation's classes, and a form to make a new one."""
    form = YouthClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            youth_class = class_create(
                created_by=request.user, organisation=organisation, **form.cleaned_data
            )
        except ClassError as error:
            form.add_error(None, error.message)
        else:
            return redirect(
                "organisations:class_detail",
                organisation_id=organisation.pk,
                class_id=youth_class.pk,
            )
    today = timezone.localdate()
    rows = [
        (
            youth_class,
            code_display(youth_class.code),
            class_is_open(youth_class=youth_class, today=today),
        )
        for youth_class in classes_of(organisation=organisation)
    ]
    context = {"organisation": organisation, "classes": rows, "form": form}
    status = 400 if form.errors else 200
    return private_response(
        render(request, TEMPLATES + "manage.html", context, status=status)
    )


@manager_required
def class_detail(request, organisation, class_id: int):
    """The code to share and the class's figures (aggregates only)."""
    youth_class = classes_of(organisation=organisation).filter(pk=class_id).first()
    if youth_class is None:
        raise Http404
    join_url = request.build_absolute_uri(
        reverse("organisations:class_join", kwargs={"code": youth_class.code})
    )
    context = {
        "organisation": organisation,
        "youth_class": youth_class,
        "code": code_display(youth_class.code),
        "is_open": class_is_open(youth_class=youth_class),
        "join_url": join_url,
        "enter_url": request.build_absolute_uri(reverse("organisations:class_enter")),
        "qr_svg": qr_svg(join_url, title=gettext("QR code of the class link")),
        "figures": class_figures(youth_class=youth_class),
    }
    return private_response(render(request, TEMPLATES + "detail.html", context))


def qr_svg(url: str, *, title: str) -> str:
    """A QR code of `url`, drawn on the server (no script, nothing from elsewhere)."""
    return mark_safe(  # noqa: S308 - segno's markup of our own URL
        segno.make(url, error="m").svg_inline(scale=6, border=2, title=title)
    )
