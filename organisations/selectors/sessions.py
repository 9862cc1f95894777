"""Reads about live sessions: who may see which, the trainer's roster, and how a
certificate says the learner was trained."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q
from django.utils import timezone

from organisations.models import Attendance, Registration, TrainingSession
from organisations.permissions import is_cac_trainer
from training.deliveries import Delivery


def attended_session_delivery(*, user, module, since: datetime | None = None):
    """The latest session of the module the user attended (checked in at or
    after `since`), as a Delivery; None when there is none."""
    attendances = Attendance.objects.filter(
        user=user,
        session__module__translation_key=module.translation_key,
        session__cancelled_at__isnull=True,
    )
    if since is not None:
        attendances = attendances.filter(checked_in_at__gte=since)
    attendance = (
        attendances.select_related("session__trainer")
        .order_by("-session__starts_at", "-pk")
        .first()
    )
    if attendance is None:
        return None
    session = attendance.session
    trainer = session.trainer
    return Delivery(
        format=session.format,
        session_date=timezone.localdate(session.starts_at),
        place=session.place,
        trainer=trainer.get_full_name() if trainer is not None else "",
    )


def _with_places(sessions):
    """With their module, trainer and organisation, and `places_left`."""
    return sessions.select_related(
        "module", "audience", "organisation", "trainer"
    ).annotate(
        places_left=ExpressionWrapper(
            F("capacity") - Count("registrations", distinct=True),
            output_field=IntegerField(),
        )
    )


def upcoming_public_sessions(*, audience, now: datetime | None = None):
    """Public sessions for the audience (or its pk) not yet started, soonest first."""
    now = now or timezone.now()
    return _with_places(
        TrainingSession.objects.filter(
            audience=audience,
            organisation__isnull=True,
            cancelled_at__isnull=True,
            starts_at__gt=now,
        )
    ).order_by("starts_at", "pk")


def visible_sessions(*, user):
    """Every session the user may see: public ones, and their organisations'
    (CAC trainers see all)."""
    sessions = TrainingSession.objects.all()
    if user.is_authenticated and is_cac_trainer(user):
        return sessions
    if not user.is_authenticated:
        return sessions.filter(organisation__isnull=True)
    return sessions.filter(
        Q(organisation__isnull=True) | Q(organisation__memberships__user=user)
    ).distinct()


def sessions_visible_to(*, user, now: datetime | None = None):
    """Upcoming or current sessions the user may see, soonest first."""
    now = now or timezone.now()
    return _with_places(
        visible_sessions(user=user).filter(cancelled_at__isnull=True, ends_at__gt=now)
    ).order_by("starts_at", "pk")


def session_for_viewer(*, user, session_id: int) -> TrainingSession | None:
    """The session if the user may see it (None: answer 404, say nothing)."""
    return _with_places(visible_sessions(user=user).filter(pk=session_id)).first()


@dataclass(frozen=True)
class SessionPlaces:
    registered: int
    attended: int
    capacity: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.registered, 0)


def session_places(*, session: TrainingSession) -> SessionPlaces:
    return SessionPlaces(
        registered=session.registrations.count(),
        attended=session.attendances.count(),
        capacity=session.capacity,
    )


@dataclass(frozen=True)
class RosterRow:
    user: object
    registered_at: datetime | None
    attendance: Attendance | None

    @property
    def attended(self) -> bool:
        return self.attendance is not None


def session_roster(*, session: TrainingSession) -> list[RosterRow]:
    """Everyone registered or checked in, by name: two queries."""
    registrations = {
        registration.user_id: registration
        for registration in Registration.objects.filter(session=session).select_related(
            "user"
        )
    }
    attendances = {
        attendance.user_id: attendance
        for attendance in Attendance.objects.filter(session=session).select_related(
            "user"
        )
    }
    users = {r.user_id: r.user for r in registrations.values()}
    users.update({a.user_id: a.user for a in attendances.values()})
    rows = [
        RosterRow(
            user=user,
            registered_at=registrations[pk].registered_at
            if pk in registrations
            else None,
            attendance=attendances.get(pk),
        )
        for pk, user in users.items()
    ]
    return sorted(rows, key=lambda row: (str(row.user).casefold(), row.user.pk))


def user_registration(*, session: TrainingSession, user):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, user=user).first()


def user_attendance(*, session: TrainingSession, user):
    if not user.is_authenticated:
        return None
    return Attendance.objects.filter(session=session, user=user).first()
