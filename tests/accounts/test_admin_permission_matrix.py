"""SECURITY.md, CMS permission bypass by URL: every role against every admin URL.

Trainers and reviewers run the content; only superusers manage people. A
learner reaches none of it, whatever URL they type.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from audiences.models import AudiencePage, TrainingRequestPage
from tests.factories import make_staff, make_user
from tests.quizzes.builders import make_quiz

ALLOWED, DENIED = "allowed", "denied"
CONTENT = {"trainer": ALLOWED, "reviewer": ALLOWED, "learner": DENIED}
SUPERUSER_ONLY = {"trainer": DENIED, "reviewer": DENIED, "learner": DENIED}

MATRIX = {
    "dashboard": ("/admin/", CONTENT),
    "page edit": ("/admin/pages/{youth}/edit/", CONTENT),
    "page history": ("/admin/pages/{youth}/history/", CONTENT),
    "revision compare": (
        "/admin/pages/{youth}/revisions/compare/earliest...{revision}/",
        CONTENT,
    ),
    "page copy": ("/admin/pages/{youth}/copy/", CONTENT),
    "quiz list": ("/admin/snippets/quizzes/quiz/", CONTENT),
    "quiz edit": ("/admin/snippets/quizzes/quiz/edit/{quiz}/", CONTENT),
    "quiz history": ("/admin/snippets/quizzes/quiz/history/{quiz}/", CONTENT),
    "safety settings": ("/admin/settings/audiences/safetysettings/{site}/", CONTENT),
    "form submissions": ("/admin/forms/submissions/{form}/", CONTENT),
    "site history": ("/admin/reports/site-history/", CONTENT),
    "audit log": ("/admin/reports/audit-log/", CONTENT),
    "certificates report": ("/admin/reports/certificates/", CONTENT),
    "users": ("/admin/users/", SUPERUSER_ONLY),
    "add user": ("/admin/users/new/", SUPERUSER_ONLY),
    "groups": ("/admin/groups/", SUPERUSER_ONLY),
    "add group": ("/admin/groups/new/", SUPERUSER_ONLY),
}


@pytest.fixture
def ids(staff_groups):
    youth = AudiencePage.objects.get(slug="youth")
    revision = youth.save_revision()
    return {
        "youth": youth.pk,
        "revision": revision.pk,
        "quiz": make_quiz(questions=1).pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "form": TrainingRequestPage.objects.get().pk,
    }


def sign_in(client, role, staff_groups):
    if role == "learner":
        client.force_login(make_user())
        return
    group = staff_groups["CAC trainers" if role == "trainer" else "CAC reviewers"]
    make_staff(client=client, group=group)


@pytest.mark.parametrize("role", ["trainer", "reviewer", "learner"])
@pytest.mark.parametrize("name", MATRIX)
def test_admin_url_permissions(client, staff_groups, ids, role, name):
    url_template, expected = MATRIX[name]
    url = url_template.format(**ids)
    sign_in(client, role, staff_groups)
    response = client.get(url)
    if expected[role] == ALLOWED:
        assert response.status_code == 200, (url, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:  # sent elsewhere: a login or the dashboard
            assert urlsplit(response["Location"]).path != urlsplit(url).path


def test_only_superusers_can_change_roles(client, staff_groups):
    trainer = make_staff(client=client, group=staff_groups["CAC trainers"])
    reviewers = Group.objects.get(name="CAC reviewers")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[trainer.pk]),
        {"email": trainer.email, "groups": [reviewers.pk], "is_superuser": "on"},
    )
    assert response.status_code in (302, 403)
    trainer.refresh_from_db()
    assert not trainer.is_superuser
    assert not trainer.groups.filter(name="CAC reviewers").exists()
