"""Wagtail admin: organisations, their member groups, and (read only) who is in
them and who is invited. CAC trainers and reviewers (accounts/roles.py) and
superusers; training requests become organisations in admin_views/requests.py.
"""

from django.db.models import Count
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from organisations.admin_views import requests  # noqa: F401  (registers its URLs)
from organisations.models import Invitation, MemberGroup, Membership, Organisation
from organisations.services.invitations import join_path


class RecordsPanel(Panel):
    """A read-only table on the edit page: members or invitations. The site's
    managers change these; the CAC sees them here."""

    def __init__(self, *, kind: str, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "kind": self.kind}

    class BoundPanel(Panel.BoundPanel):
        template_name = "organisations/members/admin/records_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["kind"] = self.panel.kind
            if self.panel.kind == "members":
                context["memberships"] = (
                    Membership.objects.filter(organisation=self.instance)
                    .select_related("user", "group")
                    .order_by("role", "user__name", "user__email")
                )
            elif self.panel.kind == "groups":
                context["groups"] = MemberGroup.objects.filter(
                    organisation=self.instance
                ).annotate(member_count=Count("memberships"))
            else:
                context["invitations"] = [
                    (invitation, self.request.build_absolute_uri(join_path(invitation)))
                    for invitation in Invitation.objects.filter(
                        organisation=self.instance
                    ).select_related("group", "invited_by")[:200]
                ]
            return context


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    menu_order = 100
    list_display = [
        "name",
        "kind",
        "town",
        Column("member_count", label="Members", sort_key="member_count"),
    ]
    list_filter = ["kind"]
    search_fields = ["name", "town", "contact_name", "contact_email"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("town")]),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
            ],
            heading="Contact",
        ),
        RecordsPanel(kind="groups", heading="Member groups"),
        RecordsPanel(kind="members", heading="Members"),
        RecordsPanel(kind="invitations", heading="Invitations"),
    ]

    def get_queryset(self, request):
        return Organisation.objects.annotate(member_count=Count("memberships"))


class MemberGroupViewSet(SnippetViewSet):
    """Groups an organisation's training is assigned to ("Nurses, 3rd floor")."""

    model = MemberGroup
    icon = "folder-open-inverse"
    menu_label = "Member groups"
    menu_order = 110
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    panels = [FieldPanel("organisation"), FieldPanel("name")]


class OrganisationsGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, MemberGroupViewSet)
    menu_icon = "group"
    menu_label = "Organisations"
    menu_name = "organisations"
    menu_order = 250


register_snippet(OrganisationsGroup)
