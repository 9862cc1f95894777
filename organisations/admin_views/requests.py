"""Wagtail admin: training requests from the public form, and booking one in a
single step (a new organisation with its live session; the requester is emailed)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Locale

from audiences.models import Audience
from organisations.models import OrganisationKind, SessionFormat
from organisations.services.training_requests import (
    training_request_book,
    training_request_read,
    training_request_submissions,
)
from training.models import TrainingModulePage

# Booking creates both records: a trainer needs both permissions (accounts/roles.py).
BOOKING_PERMISSIONS = (
    "organisations.add_organisation",
    "organisations.add_trainingsession",
)


def can_book(user) -> bool:
    return all(user.has_perm(permission) for permission in BOOKING_PERMISSIONS)


class BookingForm(forms.Form):
    name = forms.CharField(label="Organisation name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=OrganisationKind.choices)
    town = forms.CharField(label="Town", max_length=100, required=False)
    contact_name = forms.CharField(label="Contact name", max_length=150, required=False)
    contact_email = forms.EmailField(label="Contact email", required=False)
    contact_phone = forms.CharField(
        label="Contact phone", max_length=40, required=False
    )
    module = forms.ModelChoiceField(
        label="Module",
        queryset=TrainingModulePage.objects.none(),
        required=False,
        help_text="Empty: a live presentation for the audience below.",
    )
    audience = forms.ModelChoiceField(
        label="Audience",
        queryset=Audience.objects.all(),
        required=False,
        help_text="Empty: the module's audience.",
    )
    starts_at = forms.DateTimeField(label="Starts", widget=AdminDateTimeInput)
    ends_at = forms.DateTimeField(label="Ends", widget=AdminDateTimeInput)
    format = forms.ChoiceField(label="Format", choices=SessionFormat.choices)
    place = forms.CharField(
        label="Place", max_length=200, required=False, help_text="Address or room."
    )
    capacity = forms.IntegerField(label="Capacity", min_value=1, max_value=1000)

    ORGANISATION_FIELDS = ("name", "kind", "town", "contact_name", "contact_email")
    SESSION_FIELDS = ("module", "audience", "starts_at", "ends_at", "format", "place")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Learner records belong to the English module (training/canonical.py).
        self.fields["module"].queryset = (
            TrainingModulePage.objects.live()
            .filter(locale=Locale.get_default())
            .order_by("title")
        )

    def clean(self):
        cleaned = super().clean()
        module, audience = cleaned.get("module"), cleaned.get("audience")
        if module is None and audience is None:
            self.add_error("audience", "Choose a module or an audience.")
        elif audience is None:
            cleaned["audience"] = module.audience
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts.")
        if cleaned.get("format") == SessionFormat.IN_PERSON and not cleaned.get(
            "place"
        ):
            self.add_error("place", "Say where an in-person session takes place.")
        return cleaned

    def organisation_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.ORGANISATION_FIELDS}
        return {**fields, "contact_phone": self.cleaned_data["contact_phone"]}

    def session_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.SESSION_FIELDS}
        return {**fields, "capacity": self.cleaned_data["capacity"]}


class _TrainersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_book(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TrainingRequestsView(_TrainersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "organisations/members/admin/training_requests.html"
    page_title = "Training requests"
    header_icon = "form"

    def get_context_data(self, **kwargs):
        submissions = training_request_submissions()[:200]
        requests = [training_request_read(submission=s) for s in submissions]
        return super().get_context_data(requests=requests, **kwargs)


class BookTrainingRequestView(_TrainersOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "organisations/members/admin/book_request.html"
    form_class = BookingForm
    page_title = "Book a training"
    header_icon = "date"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        submission = get_object_or_404(
            training_request_submissions(), pk=kwargs["submission_id"]
        )
        self.training_request = training_request_read(submission=submission)

    def get_page_subtitle(self):
        return self.training_request.organisation

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("organisations_training_requests"), "label": "Requests"},
            {"url": "", "label": "Book"},
        ]

    def get_initial(self):
        asked = self.training_request
        audience = Audience.objects.filter(name__iexact=asked.audience).first()
        return {
            "name": asked.organisation,
            "contact_name": asked.contact_name,
            "contact_email": asked.contact_email,
            "contact_phone": asked.contact_phone,
            "audience": audience,
            "capacity": asked.participants,
            "format": SessionFormat.IN_PERSON,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            training_request=self.training_request, **kwargs
        )

    def form_valid(self, form):
        try:
            session, emailed = training_request_book(
                request=self.training_request,
                organisation_fields=form.organisation_fields(),
                session_fields=form.session_fields(),
                trainer=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        organisation = session.organisation
        if emailed:
            messages.success(
                self.request,
                f"{organisation.name} is set up and its session is booked; "
                f"an email to {self.training_request.contact_email} is on its way "
                "(the Background jobs report shows if it cannot be sent).",
            )
        else:
            messages.warning(
                self.request,
                f"{organisation.name} is set up and its session is booked, but no "
                "email could be sent to the requester: please contact them.",
            )
        return redirect(
            "wagtailsnippets_organisations_organisation:edit", organisation.pk
        )


@hooks.register("register_admin_urls")
def register_training_request_urls():
    return [
        path(
            "organisations/requests/",
            TrainingRequestsView.as_view(),
            name="organisations_training_requests",
        ),
        path(
            "organisations/requests/<id:submission_id>/book/",
            BookTrainingRequestView.as_view(),
            name="organisations_book_request",
        ),
    ]


class TrainingRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_book(request.user)


@hooks.register("register_admin_menu_item")
def register_training_requests_menu_item():
    return TrainingRequestsMenuItem(
        "Training requests",
        reverse("organisations_training_requests"),
        icon_name="form",
        order=260,
    )
