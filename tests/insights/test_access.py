"""Who reaches insights: CAC trainers and reviewers read them; nobody else does,
not learners, not organisation managers (who see their own staff's training on
the public site), not staff without the permission."""

import pytest
from django.urls import reverse

from tests.factories import enrol_totp, make_user
from tests.organisations.builders import make_manager, make_organisation

REPORTS = [
    "insights_reach",
    "insights_knowledge_gain",
    "insights_question_quality_index",
    "insights_feedback",
]


def sign_in(client, user, *, with_second_factor: bool = True):
    if with_second_factor:
        enrol_totp(user)
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )


@pytest.mark.parametrize("name", REPORTS)
def test_a_visitor_is_sent_to_sign_in(client, home, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("name", REPORTS)
def test_a_learner_gets_no_report(client, home, name):
    sign_in(client, make_user())
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    assert b"Reach by" not in response.content


@pytest.mark.parametrize("name", REPORTS)
def test_an_organisation_manager_gets_no_report(client, home, name):
    sign_in(client, make_manager(make_organisation()), with_second_factor=False)
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    assert b"Download these figures" not in response.content


@pytest.mark.parametrize("name", REPORTS)
def test_a_reviewer_reads_and_cannot_write(reviewer, client, name):
    assert client.get(reverse(name)).status_code == 200
    assert client.post(reverse(name)).status_code == 405


def test_the_insights_menu_is_for_those_with_the_permission(trainer, client):
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("insights_reach") in page


@pytest.mark.parametrize("export", ["csv", "xlsx"])
@pytest.mark.parametrize("name", REPORTS)
def test_downloads_are_refused_to_staff_without_the_permission(
    client, staff_groups, name, export
):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import make_staff

    editors = Group.objects.create(name="Page editors only")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    make_staff(client=client, group=editors)
    response = client.get(reverse(name), {"export": export})
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")


def test_a_quiz_report_is_refused_to_a_learner(client, provider_module):
    sign_in(client, make_user())
    url = reverse("insights_question_quality", args=[provider_module.quiz_id])
    response = client.get(url, {"export": "csv"})
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")
