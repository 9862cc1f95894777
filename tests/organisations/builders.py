"""Builders for organisation tests: `make_*(**overrides)` with sensible defaults."""

from datetime import timedelta

from django.utils import timezone

from organisations.models import Membership, Organisation, Role
from tests.factories import make_user


def make_organisation(**kwargs) -> Organisation:
    kwargs.setdefault("name", f"Organisation {Organisation.objects.count() + 1}")
    kwargs.setdefault("kind", "school")
    kwargs.setdefault("town", "Fall River")
    return Organisation.objects.create(**kwargs)


def make_member(organisation, *, role=Role.MEMBER, user=None, **user_kwargs):
    """A user (new unless given) in the organisation; returns the user."""
    user = user or make_user(**user_kwargs)
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def make_manager(organisation, **user_kwargs):
    """A manager with a second factor enrolled (the dashboard needs one)."""
    from tests.factories import enrol_totp

    user = make_member(organisation, role=Role.MANAGER, **user_kwargs)
    enrol_totp(user)
    return user


def days_from_now(days: int):
    return timezone.now() + timedelta(days=days)


def make_invitation(organisation, **kwargs):
    """A sent email invitation (or, with kind="link", a shareable link)."""
    from organisations.models import Invitation, InvitationKind
    from organisations.services.invitations import new_token

    kwargs.setdefault("kind", InvitationKind.EMAIL)
    if kwargs["kind"] == InvitationKind.EMAIL:
        kwargs.setdefault(
            "email", f"invitee{Invitation.objects.count() + 1}@example.org"
        )
        kwargs.setdefault("sent_at", timezone.now())
    kwargs.setdefault("expires_at", days_from_now(30))
    return Invitation.objects.create(
        organisation=organisation, token=new_token(), **kwargs
    )


def make_session(**kwargs):
    """A public, in-person live session tomorrow from 10:00 to 12:00 for providers
    (a live presentation unless `module` is given)."""
    from audiences.models import Audience
    from organisations.models import TrainingSession

    starts_at = kwargs.pop("starts_at", None) or days_from_now(1).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    module = kwargs.get("module")
    if "audience" not in kwargs:
        kwargs["audience"] = (
            module.specific.audience
            if module is not None
            else Audience.objects.get(slug="providers")
        )
    kwargs.setdefault("title", "" if module is not None else "Recognising CSEC")
    kwargs.setdefault("ends_at", starts_at + timedelta(hours=2))
    kwargs.setdefault("place", "Room 2, 1 Main Street, Fall River")
    kwargs.setdefault("capacity", 20)
    return TrainingSession.objects.create(starts_at=starts_at, **kwargs)


def open_checkin(session, *, now=None, minutes=None):
    """Open the session's check-in (by default its usual window); returns the code."""
    from organisations.services.sessions import checkin_open

    session = checkin_open(session=session, now=now or timezone.now(), minutes=minutes)
    return session.checkin_code


def make_youth_module(*, lessons: int = 2, with_quizzes: bool = True, **kwargs):
    """A youth module (for minors) with a final quiz and a pre-test."""
    from tests.factories import audience_page, make_module
    from tests.quizzes.builders import make_quiz

    module = make_module(parent=audience_page("youth"), lessons=lessons, **kwargs)
    if with_quizzes:
        module.quiz = make_quiz(title="Final quiz", questions=1)
        module.pretest = make_quiz(title="Pre-test", questions=1)
        module.save_revision().publish()
        module.refresh_from_db()
    return module


def make_youth_class(*, module=None, organisation=None, **kwargs):
    """A class with a fresh code for a youth module, made through the service."""
    from organisations.services.classes import class_create

    kwargs.setdefault("name", "Health, period 3")
    kwargs.setdefault("created_by", None)
    return class_create(
        module=module or make_youth_module(), organisation=organisation, **kwargs
    )


def make_group(organisation, name: str = "Nurses"):
    from organisations.models import MemberGroup

    return MemberGroup.objects.create(organisation=organisation, name=name)


def make_assignment(organisation, module, **kwargs):
    """`module` assigned to every member (or kwargs["group"]), due in 30 days."""
    from organisations.models import Assignment

    kwargs.setdefault("due_on", timezone.localdate() + timedelta(days=30))
    return Assignment.objects.create(organisation=organisation, module=module, **kwargs)
