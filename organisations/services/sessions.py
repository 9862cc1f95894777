"""Writes for live sessions: registering, opening check-in, checking in, and the
trainer's roster.

Each is atomic and leans on the unique constraints (one registration and one
attendance per person and session), so a double tap or two phones at once
record one row. The session row is locked while places are counted, so the
last place goes to one person.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from organisations.checkin_codes import (
    code_generate,
    code_is_well_formed,
    code_normalise,
    default_window,
    window_now,
)
from organisations.models import (
    Attendance,
    AttendanceMethod,
    Membership,
    Registration,
    TrainingSession,
)
from training.live_credit import (
    LessonCredit,
    lessons_credit_live_session,
    lessons_uncredit_live_session,
)


class SessionError(Exception):
    """A request the person can correct or understand; the message says how."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckIn:
    session: TrainingSession
    attendance: Attendance
    already: bool = False  # checked in before: nothing new was recorded


def wrong_code_message() -> str:
    return gettext(
        "That code does not match a session open for check-in. Check the code "
        "the trainer shows and try again."
    )


def is_member(*, user, session: TrainingSession) -> bool:
    """Anyone may join a public session; an organisation's, only its members."""
    if session.organisation_id is None:
        return True
    return Membership.objects.filter(
        organisation_id=session.organisation_id, user=user
    ).exists()


def _time(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _full_message() -> str:
    return gettext(
        "This session is full: every place is taken. Please speak to the trainer."
    )


def _lock(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


# ---------- Registering ----------


def registration_problem(*, session: TrainingSession, user, now: datetime) -> str:
    """Why the user cannot register for the session; "" when they can."""
    if session.cancelled_at is not None:
        return gettext("This session was cancelled.")
    if session.starts_at <= now:
        return gettext("This session has already started, so it is closed.")
    if not is_member(user=user, session=session):
        return gettext("This session is for members of its organisation only.")
    if session.registrations.count() >= session.capacity:
        return gettext(
            "This session is full: every place is taken. Look for another date."
        )
    return ""


def session_register(
    *, session: TrainingSession, user, now: datetime | None = None
) -> Registration:
    """Register the user, once; registering again returns the first registration."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _lock(session)
        existing = Registration.objects.filter(session=session, user=user).first()
        if existing is not None:
            return existing
        if problem := registration_problem(session=session, user=user, now=now):
            raise SessionError(problem)
        try:
            with transaction.atomic():
                return Registration.objects.create(
                    session=session, user=user, registered_at=now
                )
        except IntegrityError:
            return Registration.objects.get(session=session, user=user)


# ---------- The trainer opens check-in ----------


def _fresh_code(*, now: datetime) -> str:
    """A code no other session still open (or opening later) is using."""
    for _ in range(20):
        code = code_generate()
        clash = TrainingSession.objects.filter(
            checkin_code=code, checkin_closes_at__gt=now, cancelled_at__isnull=True
        ).exists()
        if not clash:
            return code
    raise SessionError("No free check-in code was found; please try again.")


@transaction.atomic
def checkin_open(
    *, session: TrainingSession, now: datetime, minutes: int | None = None
) -> TrainingSession:
    """Give the session a new code, valid from 15 minutes before the start to 30
    after the end, or (with `minutes`) from now for that long."""
    session = _lock(session)
    if session.cancelled_at is not None:
        raise SessionError("This session was cancelled: check-in cannot open.")
    if minutes is None:
        opens, closes = default_window(
            starts_at=session.starts_at, ends_at=session.ends_at
        )
        if closes <= now:
            raise SessionError(
                "This session ended more than 30 minutes ago: open check-in "
                "for a number of minutes instead, or tick names on the roster."
            )
    else:
        opens, closes = window_now(now=now, minutes=minutes)
    session.checkin_code = _fresh_code(now=now)
    session.checkin_opens_at, session.checkin_closes_at = opens, closes
    session.save(
        update_fields=["checkin_code", "checkin_opens_at", "checkin_closes_at"]
    )
    return session


@transaction.atomic
def checkin_close(*, session: TrainingSession, now: datetime) -> TrainingSession:
    """Stop the code working now (the roster still works)."""
    session = _lock(session)
    if session.checkin_closes_at and session.checkin_closes_at > now:
        session.checkin_closes_at = now
        session.save(update_fields=["checkin_closes_at"])
    return session


@transaction.atomic
def session_cancel(*, session: TrainingSession, now: datetime) -> TrainingSession:
    session = _lock(session)
    if session.cancelled_at is None:
        session.cancelled_at = now
        if session.checkin_closes_at and session.checkin_closes_at > now:
            session.checkin_closes_at = now
        session.save(update_fields=["cancelled_at", "checkin_closes_at"])
    return session


def checkin_is_open(*, session: TrainingSession, now: datetime) -> bool:
    return bool(
        session.checkin_code
        and session.cancelled_at is None
        and session.checkin_opens_at
        and session.checkin_closes_at
        and session.checkin_opens_at <= now < session.checkin_closes_at
    )


# ---------- Attending ----------


def _session_for_code(*, code: str, user, now: datetime) -> TrainingSession | None:
    """The session the code opens for this user: the one whose window holds now,
    else the latest that used it (so a late arrival hears that it closed)."""
    candidates = [
        session
        for session in TrainingSession.objects.filter(
            checkin_code=code, cancelled_at__isnull=True
        ).order_by("-checkin_opens_at", "-pk")[:5]
        if is_member(user=user, session=session)
    ]
    for session in candidates:
        if checkin_is_open(session=session, now=now):
            return session
    return candidates[0] if candidates else None


def _attend(
    *, session: TrainingSession, user, method: str, by, now: datetime
) -> tuple[Attendance, bool]:
    """Record attendance in a locked session: (attendance, created)."""
    existing = Attendance.objects.filter(session=session, user=user).first()
    if existing is not None:
        return existing, False
    if session.attendances.count() >= session.capacity:
        raise SessionError(_full_message())
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session,
                user=user,
                method=method,
                marked_by=by,
                checked_in_at=now,
            )
    except IntegrityError:
        return Attendance.objects.get(session=session, user=user), False
    if session.module_id:
        seconds = int((session.ends_at - session.starts_at).total_seconds())
        credits = lessons_credit_live_session(
            user=user, module=session.module, at=now, seconds=seconds
        )
        attendance.credited_lessons = [credit.as_json() for credit in credits]
        attendance.save(update_fields=["credited_lessons"])
    return attendance, True


def session_check_in(
    *,
    user,
    code: str,
    now: datetime,
    session: TrainingSession | None = None,
) -> CheckIn:
    """Check the user in with the code the trainer shows.

    A wrong code, a closed window or a full session changes nothing and says
    why; checking in twice records one attendance and says so.
    """
    code = code_normalise(code)
    if not code_is_well_formed(code):
        raise SessionError(wrong_code_message())
    if session is None:
        session = _session_for_code(code=code, user=user, now=now)
    elif session.checkin_code != code or not is_member(user=user, session=session):
        session = None
    if session is None:
        raise SessionError(wrong_code_message())
    with transaction.atomic():
        session = _lock(session)
        if session.cancelled_at is not None or session.checkin_code != code:
            raise SessionError(wrong_code_message())
        existing = Attendance.objects.filter(session=session, user=user).first()
        if existing is not None:
            return CheckIn(session=session, attendance=existing, already=True)
        if now < session.checkin_opens_at:
            raise SessionError(
                gettext("Check-in for this session opens at %(time)s.")
                % {"time": _time(session.checkin_opens_at)}
            )
        if now >= session.checkin_closes_at:
            raise SessionError(
                gettext(
                    "Check-in for this session closed at %(time)s. Ask the trainer "
                    "to tick your name on the attendance list."
                )
                % {"time": _time(session.checkin_closes_at)}
            )
        attendance, created = _attend(
            session=session, user=user, method=AttendanceMethod.CODE, by=None, now=now
        )
    return CheckIn(session=session, attendance=attendance, already=not created)


def attendance_mark(
    *, session: TrainingSession, user, by, now: datetime | None = None
) -> Attendance:
    """The trainer ticks a name on the roster (at or after the session)."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _lock(session)
        if session.cancelled_at is not None:
            raise SessionError("This session was cancelled.")
        attendance, _ = _attend(
            session=session, user=user, method=AttendanceMethod.ROSTER, by=by, now=now
        )
    return attendance


@transaction.atomic
def attendance_unmark(*, session: TrainingSession, user) -> bool:
    """Remove a mistaken attendance and the lesson time it credited (only that:
    lessons the learner finished themselves stay). False if there was none."""
    attendance = (
        Attendance.objects.select_for_update()
        .filter(session=session, user=user)
        .first()
    )
    if attendance is None:
        return False
    credits = [LessonCredit.from_json(item) for item in attendance.credited_lessons]
    lessons_uncredit_live_session(user=user, credits=credits)
    attendance.delete()
    return True
