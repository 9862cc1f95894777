"""The CAC's staff roles, as Django groups with Wagtail permissions."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

TRAINERS = "CAC trainers"
REVIEWERS = "CAC reviewers"

# Trainers write and publish; reviewers may also approve in the "CAC review"
# workflow. Neither can manage users or groups: that stays with superusers.
PAGE_PERMISSIONS = {
    TRAINERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "audiences.add_audience",
    "audiences.change_audience",
    "audiences.view_audience",
    "audiences.change_safetysettings",
    "quizzes.add_quiz",
    "quizzes.change_quiz",
    "quizzes.publish_quiz",
    "quizzes.view_quiz",
    "training.view_certificate",
    "training.revoke_certificate",
    "training.change_certificatesettings",
    # Organisations and their groups; members and invitations are read only in
    # the admin. Deleting an organisation (and its records) stays with superusers.
    "organisations.add_organisation",
    "organisations.change_organisation",
    "organisations.view_organisation",
    "organisations.add_membergroup",
    "organisations.change_membergroup",
    "organisations.delete_membergroup",
    "organisations.view_membergroup",
    # Booking a training request creates its session (organisations/admin_views).
    "organisations.add_trainingsession",
    # Live sessions: trainers run check-in and the roster. A session is
    # cancelled, never deleted: its attendance stands behind certificates.
    "organisations.change_trainingsession",
    "organisations.view_trainingsession",
    # Youth classes: trainers make them and see their figures (aggregates only).
    "organisations.add_youthclass",
    "organisations.change_youthclass",
    "organisations.view_youthclass",
    # Trainer insights (reports and the dashboard's figures): read only.
    "insights.view_insights",
    # Background jobs (ZIPs, emails) and their failures: read only.
    "jobs.view_job",
]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_staff_groups(*, home: Page) -> dict[str, Group]:
    """Create or top up the trainer and reviewer groups; safe to run again."""
    groups = {}
    root_collection = Collection.get_first_root_node()
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in MODEL_PERMISSIONS:
            group.permissions.add(_permission(dotted))
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=_permission(f"wagtailcore.{codename}"),
            )
        for dotted in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(dotted),
            )
        groups[name] = group
    return groups


# The "CAC review" moderation workflow: a trainer submits, a reviewer approves.
WORKFLOW_NAME = "CAC review"


def ensure_review_workflow(*, home: Page, reviewers: Group) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name="CAC reviewer approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="CAC reviewer approval")
        task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def share_home_roles(*, home: Page) -> None:
    """A translated home page gets the English home's page permissions and review
    workflow, so trainers and reviewers work on every language's tree alike."""
    english = home.get_translation_or_none(Locale.get_default())
    if english is None or english.pk == home.pk:
        return
    for permission in GroupPagePermission.objects.filter(page=english):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id,
            page=home,
            permission_id=permission.permission_id,
        )
    workflow = WorkflowPage.objects.filter(page=english).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(
            page=home, defaults={"workflow_id": workflow.workflow_id}
        )
