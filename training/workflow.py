"""The "CAC review" moderation workflow: a trainer submits, a reviewer approves."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

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
