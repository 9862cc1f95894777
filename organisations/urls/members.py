"""Routes: a member's organisations, joining and leaving; managers' invitations."""

from django.urls import path

from organisations.views import invitations, members

urlpatterns = [
    path("", members.my_organisations, name="mine"),
    path("join/<str:token>/", members.join, name="join"),
    path("<id:organisation_id>/leave/", members.leave, name="leave"),
    path(
        "<id:organisation_id>/invitations/",
        invitations.invitations,
        name="invitations",
    ),
    path(
        "<id:organisation_id>/invitations/email/",
        invitations.invite_email,
        name="invite_email",
    ),
    path(
        "<id:organisation_id>/invitations/list/",
        invitations.invite_bulk,
        name="invite_bulk",
    ),
    path(
        "<id:organisation_id>/invitations/list/confirm/",
        invitations.invite_bulk_confirm,
        name="invite_bulk_confirm",
    ),
    path(
        "<id:organisation_id>/invitations/link/",
        invitations.invite_link,
        name="invite_link",
    ),
    path(
        "<id:organisation_id>/invitations/<id:invitation_id>/withdraw/",
        invitations.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "<id:organisation_id>/invitations/<id:invitation_id>/resend/",
        invitations.invitation_send_again,
        name="invitation_resend",
    ),
]
