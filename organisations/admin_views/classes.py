"""Wagtail admin: youth classes. CAC trainers make a class for a youth module
(the code is generated, never typed) and see its figures: aggregates only,
hidden below 5 learners, as on the teachers' pages."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from organisations.class_codes import closes_on_problem, code_display, default_closes_on
from organisations.models import YouthClass
from organisations.selectors.classes import class_figures, youth_modules
from organisations.services.classes import (
    class_create,
    class_is_open,
    closes_on_message,
)
from organisations.views.classes import qr_svg

URL_NAMESPACE = "youth_classes"
class_permissions = ModelPermissionPolicy(YouthClass)


class YouthClassForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "module" in self.fields:
            self.fields["module"].queryset = youth_modules()
            self.fields["module"].help_text = "A module of an audience for minors."
            if self.instance.pk:
                # The figures are about this module: a new module is a new class.
                self.fields["module"].disabled = True
        if "closes_on" in self.fields and not self.instance.pk:
            self.fields["closes_on"].initial = default_closes_on(timezone.localdate())

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        problem = closes_on_problem(closes_on=closes_on, today=today)
        if problem == "past" and self.instance.pk:
            return closes_on  # closing an existing class early is fine
        if problem:
            raise forms.ValidationError(closes_on_message(problem=problem, today=today))
        return closes_on


class YouthClassCreateView(CreateView):
    def save_instance(self):
        """Through the service: it generates the code and checks the module."""
        data = self.form.cleaned_data
        instance = class_create(
            name=data["name"],
            module=data["module"],
            created_by=self.request.user,
            organisation=data.get("organisation"),
            closes_on=data["closes_on"],
        )
        log(instance=instance, action="wagtail.create", user=self.request.user)
        return instance


def _code(youth_class: YouthClass) -> str:
    return code_display(youth_class.code)


def _figures_link(youth_class: YouthClass) -> str:
    return format_html(
        '<a href="{}">Code and figures</a>',
        reverse(f"{URL_NAMESPACE}:figures", args=[youth_class.pk]),
    )


class YouthClassViewSet(ModelViewSet):
    model = YouthClass
    name = URL_NAMESPACE
    icon = "group"
    menu_label = "Youth classes"
    menu_order = 245
    add_to_admin_menu = True
    add_view_class = YouthClassCreateView
    search_fields = ["name", "code"]
    list_filter = ["organisation"]
    list_display = [
        "name",
        Column("code", label="Code", accessor=_code),
        "module",
        "organisation",
        "closes_on",
        Column("figures", label="Figures", accessor=_figures_link),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("module"),
            FieldPanel("closes_on"),
            FieldPanel("organisation"),
        ],
        base_form_class=YouthClassForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("figures/<int:pk>/", ClassFiguresView.as_view(), name="figures"),
        ]


@hooks.register("register_admin_viewset")
def register_youth_class_viewset():
    return YouthClassViewSet()


class ClassFiguresView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The code to share (with a QR) and the class's figures."""

    template_name = "organisations/classes/admin/figures.html"
    permission_policy = class_permissions
    permission_required = "view"
    header_icon = "group"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.youth_class = get_object_or_404(
            YouthClass.objects.select_related("module", "organisation"),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return self.youth_class.name

    def get_page_subtitle(self):
        return _code(self.youth_class)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": "Youth classes"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        youth_class = self.youth_class
        join_url = self.request.build_absolute_uri(
            reverse("organisations:class_join", kwargs={"code": youth_class.code})
        )
        context = {
            "youth_class": youth_class,
            "code": _code(youth_class),
            "is_open": class_is_open(youth_class=youth_class),
            "join_url": join_url,
            "enter_url": self.request.build_absolute_uri(
                reverse("organisations:class_enter")
            ),
            "qr_svg": qr_svg(join_url, title="QR code of the class link"),
            "figures": class_figures(youth_class=youth_class),
            "edit_url": reverse(f"{URL_NAMESPACE}:edit", args=[youth_class.pk]),
        }
        return super().get_context_data(**context, **kwargs)
