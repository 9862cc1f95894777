"""Wagtail admin: live sessions, and the page a trainer runs one from (check-in
code and QR, and the roster to tick)."""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from organisations.checkin_codes import MAX_OPEN_MINUTES, code_display
from organisations.models import SessionFormat, TrainingSession
from organisations.selectors.sessions import session_places, session_roster
from organisations.services.sessions import (
    SessionError,
    attendance_mark,
    attendance_unmark,
    checkin_close,
    checkin_is_open,
    checkin_open,
    session_cancel,
)

session_permissions = ModelPermissionPolicy(TrainingSession)
URL_NAMESPACE = "live_sessions"


def staff_users():
    """Who may be named as a session's trainer: people who can open the admin."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="access_admin",
                groups__permissions__content_type__app_label="wagtailadmin",
            )
        )
        .distinct()
        .order_by("name", "email")
    )


class TrainingSessionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trainer" in self.fields:
            current = self.instance.trainer_id
            queryset = staff_users()
            if current:
                queryset = (
                    queryset | get_user_model().objects.filter(pk=current)
                ).distinct()
            self.fields["trainer"].queryset = queryset
            if not self.instance.pk and self.for_user is not None:
                self.fields["trainer"].initial = self.for_user.pk

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts.")
        if (
            cleaned.get("format") == SessionFormat.IN_PERSON
            and not (cleaned.get("place") or "").strip()
        ):
            self.add_error("place", "Give the address or room of an in-person session.")
        module, audience = cleaned.get("module"), cleaned.get("audience")
        if module is not None and audience is not None:
            module_audience = module.specific.audience
            if module_audience.pk != audience.pk:
                self.add_error(
                    "audience",
                    f"The module is for {module_audience}: choose that audience, "
                    "or another module.",
                )
        if module is None and not (cleaned.get("title") or "").strip():
            self.add_error(
                "title", "A live presentation without a module needs a title."
            )
        self._clean_capacity(cleaned.get("capacity"))
        return cleaned

    def _clean_capacity(self, capacity):
        if capacity is None or not self.instance.pk:
            return
        taken = max(
            self.instance.registrations.count(), self.instance.attendances.count()
        )
        if capacity < taken:
            self.add_error(
                "capacity",
                f"{taken} people are already registered or checked in: the capacity "
                "cannot be lower.",
            )


def _run_link(session: TrainingSession) -> str:
    return format_html(
        '<a href="{}">Run session</a>',
        reverse(f"{URL_NAMESPACE}:run", args=[session.pk]),
    )


class TrainingSessionViewSet(ModelViewSet):
    model = TrainingSession
    name = URL_NAMESPACE
    icon = "date"
    menu_label = "Live sessions"
    menu_order = 240
    add_to_admin_menu = True
    search_fields = ["title", "place"]
    list_filter = ["format", "audience", "organisation"]
    list_display = [
        "__str__",
        "format",
        "organisation",
        "capacity",
        Column("run", label="Check-in and roster", accessor=_run_link),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("module"), FieldPanel("audience"), FieldPanel("title")],
                heading="What",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldPanel("format"),
                    FieldPanel("place"),
                    FieldPanel("trainer"),
                ],
                heading="When and where",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldPanel("ce_hours"),
                    FieldPanel("organisation"),
                ],
                heading="Who",
            ),
        ],
        base_form_class=TrainingSessionForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("run/<int:pk>/", SessionRunView.as_view(), name="run"),
        ]


@hooks.register("register_admin_viewset")
def register_training_session_viewset():
    return TrainingSessionViewSet()


class OpenForm(forms.Form):
    minutes = forms.IntegerField(
        label="Open now for (minutes)", min_value=1, max_value=MAX_OPEN_MINUTES
    )


class SessionRunView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The trainer's screen at the session: the code big, a QR, the roster."""

    template_name = "organisations/sessions/admin/run.html"
    permission_policy = session_permissions
    permission_required = "change"
    header_icon = "date"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(
            TrainingSession.objects.select_related("module", "trainer", "organisation"),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return self.session.display_title or "Live session"

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": "Live sessions"},
            {"url": "", "label": self.get_page_title()},
        ]

    def checkin_page(self) -> str:
        return self.request.build_absolute_uri(reverse("organisations:checkin"))

    def get_context_data(self, **kwargs):
        session, now = self.session, timezone.now()
        is_open = checkin_is_open(session=session, now=now)
        context = {
            "session": session,
            "is_open": is_open,
            "opens_later": bool(
                session.checkin_code
                and session.checkin_opens_at
                and session.checkin_opens_at > now
            ),
            "code": code_display(session.checkin_code),
            "roster": session_roster(session=session),
            "places": session_places(session=session),
            "open_form": kwargs.pop("open_form", None)
            or OpenForm(initial={"minutes": 15}),
            "edit_url": reverse(f"{URL_NAMESPACE}:edit", args=[session.pk]),
        }
        if session.checkin_code and (is_open or context["opens_later"]):
            # The QR carries the code; people typing need only the page.
            context["checkin_page"] = self.checkin_page()
            url = f"{context['checkin_page']}?code={session.checkin_code}"
            context["checkin_url"] = url
            context["qr_svg"] = mark_safe(  # noqa: S308 - segno's markup of our URL
                segno.make(url, error="m").svg_inline(
                    scale=8, border=2, title="QR code of the check-in address"
                )
            )
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        handler = getattr(self, f"_post_{action}", None)
        if handler is None:
            messages.error(request, "Unknown action.")
        else:
            try:
                handler(request, now=timezone.now())
            except SessionError as error:
                messages.error(request, error.message)
        return redirect(f"{URL_NAMESPACE}:run", pk=self.session.pk)

    def _post_open(self, request, *, now):
        checkin_open(session=self.session, now=now)
        messages.success(request, "Check-in is open: show this page to the room.")

    def _post_open_now(self, request, *, now):
        form = OpenForm(request.POST)
        if not form.is_valid():
            raise SessionError(
                f"Give a number of minutes between 1 and {MAX_OPEN_MINUTES}."
            )
        checkin_open(
            session=self.session, now=now, minutes=form.cleaned_data["minutes"]
        )
        messages.success(
            request, f"Check-in is open for {form.cleaned_data['minutes']} minutes."
        )

    def _post_close(self, request, *, now):
        checkin_close(session=self.session, now=now)
        messages.success(request, "Check-in is closed. The roster still works.")

    def _post_cancel(self, request, *, now):
        if request.POST.get("confirm") != "yes":
            raise SessionError("Tick the box to confirm that the session is cancelled.")
        session_cancel(session=self.session, now=now)
        messages.success(request, "The session is cancelled.")

    def _roster_user(self, request):
        user_id = request.POST.get("user", "")
        row = next(
            (
                row
                for row in session_roster(session=self.session)
                if str(row.user.pk) == user_id
            ),
            None,
        )
        if row is None:
            raise SessionError("That person is not on this session's roster.")
        return row.user

    def _post_mark(self, request, *, now):
        user = self._roster_user(request)
        attendance_mark(session=self.session, user=user, by=request.user, now=now)
        messages.success(request, f"{user} is marked as attending.")

    def _post_unmark(self, request, *, now):
        user = self._roster_user(request)
        if attendance_unmark(session=self.session, user=user):
            messages.success(request, f"{user} is no longer marked as attending.")
