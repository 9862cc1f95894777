"""The audit log: role changes and quiz edits, with who and when, for trainers."""

from django.contrib.auth.models import Group
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

from accounts.audit import ROLE_CHANGE_ACTION
from tests.factories import make_staff, make_user
from tests.quizzes.builders import make_quiz


def test_role_changes_are_logged_with_who_made_them(staff_groups):
    admin = make_user(email="admin@example.org", is_superuser=True)
    person = make_user(email="new.trainer@example.org")
    reviewers = Group.objects.get(name="CAC reviewers")
    with LogContext(user=admin):
        person.groups.add(reviewers)
        person.groups.remove(reviewers)
    entries = ModelLogEntry.objects.filter(action=ROLE_CHANGE_ACTION).order_by("pk")
    assert [e.data for e in entries] == [
        {"added": ["CAC reviewers"]},
        {"removed": ["CAC reviewers"]},
    ]
    assert {e.user_id for e in entries} == {admin.pk}
    assert entries[0].object_id == str(person.pk)


def test_trainers_see_role_changes_and_quiz_edits_in_the_audit_log(
    client, staff_groups
):
    admin = make_user(email="admin@example.org", is_superuser=True, name="Ada Admin")
    person = make_user(email="promoted@example.org", name="Pat Promoted")
    with LogContext(user=admin):
        person.groups.add(Group.objects.get(name="CAC trainers"))
    quiz = make_quiz(title="Indicators quiz", questions=1)
    trainer = make_staff(client=client, group=staff_groups["CAC trainers"], name="Tess")
    with LogContext(user=trainer):
        quiz.save_revision(user=trainer, log_action=True).publish(user=trainer)

    html = client.get("/admin/reports/audit-log/").content.decode()
    assert "Roles added CAC trainers" in html
    assert "Ada Admin" in html and "Pat Promoted" in html
    assert "Indicators quiz" in html and "Tess" in html
