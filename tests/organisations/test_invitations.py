"""Inviting people: one address, a confirmed list, links; who may invite; using them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from organisations.models import Invitation, InvitationKind, MemberGroup, Membership
from tests.factories import make_staff, make_user
from tests.organisations.builders import (
    make_invitation,
    make_manager,
    make_member,
    make_organisation,
)

pytestmark = pytest.mark.django_db


def url(name, organisation, *args):
    return reverse(f"organisations:{name}", args=[organisation.pk, *args])


def login(client, user):
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    return user


@pytest.fixture
def organisation():
    return make_organisation(name="Fall River High")


@pytest.fixture
def manager(client, organisation):
    return login(client, make_manager(organisation, email="boss@example.org"))


# ---------- sending ----------


def test_one_invitation_is_sent_with_its_join_link(
    client, manager, organisation, mailoutbox
):
    response = client.post(
        url("invite_email", organisation),
        {"one-email": "Nurse@Example.org", "one-role": "member"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nurse@example.org"
    assert invitation.kind == InvitationKind.EMAIL
    assert invitation.sent_at is not None
    assert invitation.expires_at > timezone.now() + timedelta(days=29)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nurse@example.org"]
    assert f"/organisations/join/{invitation.token}/" in mailoutbox[0].body
    assert "Fall River High" in mailoutbox[0].subject


def test_a_bad_address_gets_a_clear_message_and_changes_nothing(
    client, manager, organisation, mailoutbox
):
    response = client.post(
        url("invite_email", organisation), {"one-email": "nope", "one-role": "member"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address" in response.text
    assert not Invitation.objects.exists() and not mailoutbox


def test_invitee_with_an_account_gets_their_language(
    client, manager, organisation, mailoutbox
):
    make_user(email="maria@example.org", language="es")
    client.post(
        url("invite_email", organisation),
        {"one-email": "maria@example.org", "one-role": "member"},
    )
    assert "/es/organisations/join/" in mailoutbox[0].body


def test_nothing_is_sent_before_the_list_is_confirmed(
    client, manager, organisation, mailoutbox
):
    response = client.post(
        url("invite_bulk", organisation),
        {
            "list-addresses": "a@example.org, b@example.org\nA@example.org",
            "list-role": "member",
        },
    )
    assert response.status_code == 200
    assert "Nothing has been sent yet" in response.text
    assert "a@example.org" in response.text and "b@example.org" in response.text
    assert not mailoutbox and not Invitation.objects.exists()

    payload = response.context["confirm_form"].initial["payload"]
    response = client.post(
        url("invite_bulk_confirm", organisation),
        {"payload": payload, "role": "member"},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 2


def test_csv_preview_lists_bad_rows_by_line_and_groups(
    client, manager, organisation, mailoutbox
):
    nurses = MemberGroup.objects.create(organisation=organisation, name="Nurses")
    upload = SimpleUploadedFile(
        "staff.csv",
        b"email,group\nok@example.org,nurses\nbroken,\nx@example.org,Cooks\n",
        content_type="text/csv",
    )
    response = client.post(
        url("invite_bulk", organisation),
        {"list-csv_file": upload, "list-role": "member", "list-group": ""},
    )
    assert response.status_code == 200
    text = response.text
    assert "Line 3 (broken)" in text and "Line 4 (Cooks)" in text
    assert not mailoutbox
    client.post(
        url("invite_bulk_confirm", organisation),
        {
            "payload": response.context["confirm_form"].initial["payload"],
            "role": "member",
        },
    )
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.group) == ("ok@example.org", nurses)
    assert len(mailoutbox) == 1


def test_1001_rows_are_refused_and_nothing_changes(
    client, manager, organisation, mailoutbox
):
    data = "email\n" + "".join(f"p{n}@example.org\n" for n in range(1001))
    upload = SimpleUploadedFile("big.csv", data.encode(), content_type="text/csv")
    response = client.post(
        url("invite_bulk", organisation),
        {"list-csv_file": upload, "list-role": "member"},
    )
    assert response.status_code == 400
    assert "at most 1,000 can be invited" in response.text
    assert not Invitation.objects.exists() and not mailoutbox


def test_a_tampered_confirm_sends_nothing(client, manager, organisation, mailoutbox):
    response = client.post(
        url("invite_bulk_confirm", organisation),
        {"payload": "email\nnot-an-address\n", "role": "member"},
    )
    assert response.status_code == 302
    assert not Invitation.objects.exists() and not mailoutbox


def test_members_are_not_invited_again(client, manager, organisation, mailoutbox):
    make_member(organisation, email="in@example.org")
    client.post(
        url("invite_email", organisation),
        {"one-email": "in@example.org", "one-role": "member"},
    )
    assert not Invitation.objects.exists() and not mailoutbox


def test_resend_and_withdraw_a_pending_invitation(
    client, manager, organisation, mailoutbox
):
    invitation = make_invitation(organisation, email="late@example.org")
    page = client.get(url("invitations", organisation))
    assert "late@example.org" in page.text
    client.post(url("invitation_resend", organisation, invitation.pk))
    assert mailoutbox[0].to == ["late@example.org"]
    client.post(url("invitation_withdraw", organisation, invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(url("invitations", organisation)).context["pending"] == []


def test_invitation_sending_is_rate_limited(
    client, manager, organisation, settings, mailoutbox
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "organisation_invite": "1/h/key",
    }
    for address in ["one@example.org", "two@example.org"]:
        response = client.post(
            url("invite_email", organisation),
            {"one-email": address, "one-role": "member"},
        )
    assert response.status_code == 429
    assert [m.to for m in mailoutbox] == [["one@example.org"]]


# ---------- who may invite ----------


def test_a_manager_of_another_organisation_gets_404(client, manager, mailoutbox):
    other = make_organisation(name="Other School")
    for name in ["invitations", "invite_email", "invite_bulk", "invite_link"]:
        method = client.get if name == "invitations" else client.post
        assert (
            method(url(name, other), {"one-email": "x@example.org"}).status_code == 404
        )
    invitation = make_invitation(other)
    assert (
        client.post(url("invitation_withdraw", other, invitation.pk)).status_code == 404
    )
    # Nor through its own organisation's URL with another's invitation id.
    own = Membership.objects.get(user=manager).organisation
    assert (
        client.post(url("invitation_withdraw", own, invitation.pk)).status_code == 404
    )
    assert not mailoutbox
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_plain_member_gets_404(client, organisation):
    login(client, make_member(organisation))
    assert client.get(url("invitations", organisation)).status_code == 404
    response = client.post(
        url("invite_email", organisation),
        {"one-email": "x@example.org", "one-role": "member"},
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_a_cac_trainer_can_invite(client, organisation, staff_groups, mailoutbox):
    make_staff(client=client, group=staff_groups["CAC trainers"])
    assert client.get(url("invitations", organisation)).status_code == 200
    client.post(
        url("invite_email", organisation),
        {"one-email": "x@example.org", "one-role": "member"},
    )
    assert len(mailoutbox) == 1


# ---------- links ----------


def test_a_link_lets_many_people_join_until_it_is_withdrawn(
    client, manager, organisation
):
    client.post(
        url("invite_link", organisation), {"link-role": "manager", "link-days": 30}
    )
    link = Invitation.objects.get(kind=InvitationKind.LINK)
    assert link.role == "member"  # a link never makes managers
    assert len(link.token) >= 32
    assert link.expires_at > timezone.now() + timedelta(days=29)
    assert link.token in client.get(url("invitations", organisation)).text
    for _ in range(2):
        login(client, make_user())
        assert (
            client.post(reverse("organisations:join", args=[link.token])).status_code
            == 302
        )
    assert Membership.objects.filter(organisation=organisation).count() == 3

    link.revoked_at = timezone.now()
    link.save()
    late = login(client, make_user())
    response = client.post(reverse("organisations:join", args=[link.token]))
    assert response.status_code == 410
    assert "withdrawn" in response.text
    assert not Membership.objects.filter(user=late).exists()


def test_an_expired_link_changes_nothing(client, organisation):
    link = make_invitation(
        organisation,
        kind=InvitationKind.LINK,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    user = login(client, make_user())
    for method in (client.get, client.post):
        response = method(reverse("organisations:join", args=[link.token]))
        assert response.status_code == 410
        assert "expired" in response.text
    assert not Membership.objects.filter(user=user).exists()


def test_an_unknown_token_gets_a_clear_404(client):
    login(client, make_user())
    response = client.get(reverse("organisations:join", args=["x" * 40]))
    assert response.status_code == 404
    assert "not valid" in response.text


# ---------- email invitations ----------


def test_an_email_invitation_works_once(client, organisation):
    invitation = make_invitation(
        organisation, email="first@example.org", role="manager"
    )
    first = login(client, make_user(email="First@example.org"))
    join = reverse("organisations:join", args=[invitation.token])
    assert client.post(join).status_code == 302
    membership = Membership.objects.get(user=first)
    assert membership.role == "manager"
    # Opening it again while a member changes nothing.
    assert client.post(join).status_code == 302
    assert Membership.objects.filter(user=first).count() == 1

    login(client, make_user(email="second@example.org"))
    response = client.post(join)
    assert response.status_code == 410
    assert "already been used" in response.text
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_an_email_invitation_needs_the_verified_address(client, organisation):
    invitation = make_invitation(organisation, email="owner@example.org")
    join = reverse("organisations:join", args=[invitation.token])
    login(client, make_user(email="someone@example.org"))
    response = client.post(join)
    assert response.status_code == 403
    assert "another email address" in response.text
    login(client, make_user(email="owner@example.org", verified=False))
    assert client.post(join).status_code == 403
    assert not Membership.objects.exists()


def test_invitation_group_is_given_to_the_member(client, organisation):
    nurses = MemberGroup.objects.create(organisation=organisation, name="Nurses")
    invitation = make_invitation(organisation, email="n@example.org", group=nurses)
    user = login(client, make_user(email="n@example.org"))
    client.post(reverse("organisations:join", args=[invitation.token]))
    assert Membership.objects.get(user=user).group == nurses


def test_a_failed_mail_server_leaves_the_invitation_listed_as_not_sent(
    client, manager, organisation, monkeypatch
):
    class BrokenConnection:
        def send_messages(self, messages):
            raise ConnectionRefusedError

    monkeypatch.setattr(
        "organisations.services.invitations.get_connection", BrokenConnection
    )
    client.post(
        url("invite_email", organisation),
        {"one-email": "x@example.org", "one-role": "member"},
    )
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None
    page = client.get(url("invitations", organisation))
    assert page.context["pending"] == [invitation]
    assert "Not sent" in page.text
