"""What trainers expect of Wagtail on lessons: drafts, revisions, scheduling, search,
and the CAC review workflow (a trainer submits, a reviewer approves)."""

from datetime import timedelta

import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow

from accounts.roles import WORKFLOW_NAME
from tests.factories import audience_page, make_module, make_staff, make_user
from training.models import LessonPage


def test_cac_review_workflow_trainer_submits_reviewer_approves(home):
    call_command("setup_site", verbosity=0)  # creates the groups and the workflow
    staff_groups = {group.name: group for group in Group.objects.all()}
    module = make_module(parent=audience_page("parents"), lessons=1)
    lesson = module.lessons().first().specific
    trainer = make_user(email="t@example.org", groups=[staff_groups["CAC trainers"]])
    reviewer = make_user(email="r@example.org", groups=[staff_groups["CAC reviewers"]])

    workflow = lesson.get_workflow()
    assert workflow == Workflow.objects.get(name=WORKFLOW_NAME)
    lesson.title = "Warning signs, revised"
    lesson.save_revision(user=trainer)
    state = workflow.start(lesson, trainer)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert [a[0] for a in task.get_actions(lesson, reviewer)][:1] == ["reject"]
    assert task.get_actions(lesson, trainer) == []  # trainers cannot approve

    task_state.task.specific.on_action(task_state, reviewer, "approve")
    lesson.refresh_from_db()
    assert lesson.title == "Warning signs, revised"
    state.refresh_from_db()
    assert state.status == "approved"


def test_drafts_do_not_reach_learners_until_published(client, home):
    module = make_module(parent=audience_page("youth"), lessons=1)
    lesson = module.lessons().first().specific
    lesson.title = "Draft title"
    lesson.save_revision()
    assert "Draft title" not in client.get(lesson.url).content.decode()
    lesson.get_latest_revision().publish()
    assert "Draft title" in client.get(lesson.url).content.decode()


def test_scheduled_publishing(client, home):
    module = make_module(parent=audience_page("youth"), lessons=0)
    go_live = timezone.now() + timedelta(days=2)
    lesson = module.add_child(
        instance=LessonPage(
            title="Coming soon", slug="coming-soon", body=[], live=False
        )
    )
    lesson.go_live_at = go_live
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert not lesson.live
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    lesson.refresh_from_db()
    assert lesson.live


def test_admin_search_finds_lessons(client, staff_groups):
    module = make_module(parent=audience_page("providers"), lessons=0)
    module.add_child(
        instance=LessonPage(title="Filing a 51A report", slug="filing-51a", body=[])
    ).save_revision().publish()
    make_staff(client=client, group=staff_groups["CAC trainers"])
    html = client.get("/admin/pages/search/", {"q": "51A"}).content.decode()
    assert "Filing a 51A report" in html


def test_revisions_are_kept_and_comparable(client, staff_groups):
    module = make_module(parent=audience_page("parents"), lessons=1)
    lesson = module.lessons().first().specific
    first = lesson.latest_revision
    lesson.title = "Second version"
    second = lesson.save_revision()
    make_staff(client=client, group=staff_groups["CAC trainers"])
    url = f"/admin/pages/{lesson.pk}/revisions/compare/{first.pk}...{second.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Second version" in response.content.decode()
