"""Being a member: my organisations, the join page, leaving, the last manager."""

from datetime import date

import pytest
from django.urls import reverse

from organisations.models import Assignment, Membership, Role
from organisations.services.memberships import (
    MembershipError,
    membership_join,
    membership_remove,
)
from tests.factories import audience_page, make_module, make_user
from tests.organisations.builders import (
    make_invitation,
    make_manager,
    make_member,
    make_organisation,
)

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    return user


def test_my_organisations_lists_each_with_role_and_leave(client):
    school = make_organisation(name="Durfee High")
    clinic = make_organisation(name="Harbor Clinic")
    user = login(client, make_member(school))
    make_member(clinic, user=user, role=Role.MANAGER)
    make_organisation(name="Not Mine")
    response = client.get(reverse("organisations:mine"))
    assert response.status_code == 200
    text = response.text
    assert "Durfee High" in text and "Harbor Clinic" in text
    assert "Not Mine" not in text
    assert "Member" in text and "Manager" in text
    assert reverse("organisations:leave", args=[school.pk]) in text
    # Only the manager's organisation links to its invitations (and dashboard).
    assert reverse("organisations:invitations", args=[clinic.pk]) in text
    assert reverse("organisations:invitations", args=[school.pk]) not in text


def test_my_organisations_needs_an_account(client):
    response = client.get(reverse("organisations:mine"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_join_page_says_plainly_what_is_shared(client, home):
    organisation = make_organisation(name="Durfee High")
    module = make_module(parent=audience_page("providers"), title="Recognising CSEC")
    other = make_module(parent=audience_page("providers"), title="Other training")
    Assignment.objects.create(
        organisation=organisation, module=module, due_on=date(2027, 1, 31)
    )
    invitation = make_invitation(organisation, email="sam@example.org")
    login(client, make_user(email="sam@example.org", name="Sam Rivera"))
    response = client.get(reverse("organisations:join", args=[invitation.token]))
    assert response.status_code == 200
    text = response.text
    for shared in [
        "Sam Rivera",
        "sam@example.org",
        "progress and completion dates",
        "certificates for those modules",
        "Recognising CSEC",
        "quiz answers",
        "Any other training",
        "leave at any time",
        "for adults",
    ]:
        assert shared in text, shared
    assert other.title not in text
    # Reading the page changes nothing.
    assert not Membership.objects.exists()


def test_join_page_sends_a_visitor_to_sign_in_and_back(client):
    invitation = make_invitation(make_organisation())
    join = reverse("organisations:join", args=[invitation.token])
    response = client.get(join)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={join}"


def test_a_member_who_leaves_is_gone(client):
    organisation = make_organisation(name="Durfee High")
    make_manager(organisation)
    user = login(client, make_member(organisation))
    leave = reverse("organisations:leave", args=[organisation.pk])
    confirm = client.get(leave)
    assert confirm.status_code == 200
    assert "no longer see" in confirm.text
    assert Membership.objects.filter(user=user).exists()  # GET changes nothing
    response = client.post(leave, follow=True)
    assert "You have left Durfee High" in response.text
    assert not Membership.objects.filter(user=user).exists()
    assert user.pk not in organisation.memberships.values_list("user", flat=True)
    assert client.get(leave).status_code == 404


def test_the_last_manager_cannot_leave(client):
    organisation = make_organisation()
    manager = login(client, make_manager(organisation))
    make_member(organisation)
    response = client.post(
        reverse("organisations:leave", args=[organisation.pk]), follow=True
    )
    assert "at least one manager" in response.text
    assert Membership.objects.filter(user=manager).exists()


def test_a_manager_may_leave_when_another_remains(client):
    organisation = make_organisation()
    make_manager(organisation)
    manager = login(client, make_manager(organisation))
    client.post(reverse("organisations:leave", args=[organisation.pk]))
    assert not Membership.objects.filter(user=manager).exists()


def test_removing_the_last_manager_is_refused():
    organisation = make_organisation()
    manager = make_manager(organisation)
    membership = Membership.objects.get(user=manager)
    with pytest.raises(MembershipError, match="at least one manager"):
        membership_remove(membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_leaving_another_persons_organisation_is_404(client):
    organisation = make_organisation()
    make_member(organisation)
    login(client, make_user())
    assert (
        client.post(reverse("organisations:leave", args=[organisation.pk])).status_code
        == 404
    )
    huge = reverse("organisations:mine") + "9" * 30 + "/leave/"
    assert client.post(huge).status_code == 404


def test_joining_twice_changes_nothing():
    organisation = make_organisation()
    user = make_member(organisation, role=Role.MANAGER)
    membership, created = membership_join(
        organisation=organisation, user=user, role=Role.MEMBER
    )
    assert not created
    assert membership.role == Role.MANAGER
    assert Membership.objects.filter(user=user).count() == 1
