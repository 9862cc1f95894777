"""Checking in at a live session with the trainer's code: what counts, what
changes nothing, and who may see an organisation's session."""

from datetime import timedelta

import pytest
from django.urls import reverse

from organisations.checkin_codes import (
    CODE_LENGTH,
    code_generate,
    code_normalise,
    default_window,
)
from organisations.models import Attendance, AttendanceMethod
from organisations.services.sessions import (
    SessionError,
    attendance_mark,
    attendance_unmark,
    session_check_in,
)
from organisations.short_codes import ALPHABET
from tests.factories import audience_page, make_module, make_user
from tests.organisations.builders import (
    make_member,
    make_organisation,
    make_session,
    open_checkin,
)
from training.models import LessonCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(home):
    return make_session()


@pytest.fixture
def during(session):
    """A moment in the middle of the session."""
    return session.starts_at + timedelta(minutes=30)


def code_for(session, now):
    return open_checkin(session, now=now - timedelta(days=1))


# ---------- Codes ----------


def test_codes_are_six_unambiguous_characters():
    codes = {code_generate() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == CODE_LENGTH for code in codes)
    assert not set("".join(codes)) - set(ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(ALPHABET)


def test_typed_codes_ignore_case_spaces_and_dashes():
    assert code_normalise(" acd-347 ") == "ACD347"


def test_the_default_window_runs_from_15_minutes_before_to_30_after(session):
    opens, closes = default_window(starts_at=session.starts_at, ends_at=session.ends_at)
    assert opens == session.starts_at - timedelta(minutes=15)
    assert closes == session.ends_at + timedelta(minutes=30)


# ---------- Checking in ----------


def test_the_right_code_in_the_window_records_one_attendance(session, during):
    code = code_for(session, during)
    user = make_user()
    result = session_check_in(user=user, code=code.lower(), now=during)
    assert result.session == session and not result.already
    attendance = Attendance.objects.get(session=session, user=user)
    assert attendance.method == AttendanceMethod.CODE
    assert attendance.checked_in_at == during


def test_a_wrong_code_says_so_and_changes_nothing(session, during):
    code = code_for(session, during)
    wrong = "".join(ALPHABET[(ALPHABET.index(c) + 1) % len(ALPHABET)] for c in code)
    for typed in [wrong, "", "NOT-A-CODE", "0" * 6, code + "A"]:
        with pytest.raises(SessionError, match="does not match a session"):
            session_check_in(user=make_user(), code=typed, now=during)
    assert not Attendance.objects.exists()


def test_a_code_outside_its_window_is_refused_with_the_times(session):
    code = open_checkin(session, now=session.starts_at - timedelta(days=1))
    user = make_user()
    too_early = session.starts_at - timedelta(minutes=16)
    with pytest.raises(SessionError, match="opens at"):
        session_check_in(user=user, code=code, now=too_early)
    expired = session.ends_at + timedelta(minutes=31)
    with pytest.raises(SessionError, match="closed at"):
        session_check_in(user=user, code=code, now=expired)
    assert not Attendance.objects.exists()


def test_open_now_for_n_minutes_sets_its_own_window(session):
    now = session.starts_at - timedelta(hours=3)
    code = open_checkin(session, now=now, minutes=10)
    session_check_in(user=make_user(), code=code, now=now + timedelta(minutes=9))
    with pytest.raises(SessionError, match="closed at"):
        session_check_in(user=make_user(), code=code, now=now + timedelta(minutes=10))
    assert Attendance.objects.count() == 1


def test_the_same_person_twice_is_already_checked_in_with_one_row(session, during):
    code = code_for(session, during)
    user = make_user()
    session_check_in(user=user, code=code, now=during)
    again = session_check_in(user=user, code=code, now=during + timedelta(minutes=5))
    assert again.already
    assert Attendance.objects.filter(session=session, user=user).count() == 1
    assert again.attendance.checked_in_at == during


def test_a_full_session_refuses_the_next_person(home, during):
    session = make_session(capacity=2)
    code = code_for(session, during)
    first, second, third = make_user(), make_user(), make_user()
    session_check_in(user=first, code=code, now=during)
    session_check_in(user=second, code=code, now=during)
    with pytest.raises(SessionError, match="full"):
        session_check_in(user=third, code=code, now=during)
    assert Attendance.objects.filter(session=session).count() == 2
    # Someone already in is still told so, full or not.
    assert session_check_in(user=first, code=code, now=during).already


def test_a_cancelled_sessions_code_no_longer_works(session, during):
    from organisations.services.sessions import session_cancel

    code = code_for(session, during)
    session_cancel(session=session, now=during - timedelta(hours=1))
    with pytest.raises(SessionError, match="does not match"):
        session_check_in(user=make_user(), code=code, now=during)


def test_an_organisation_sessions_code_works_for_its_members_only(home, during):
    organisation = make_organisation()
    session = make_session(organisation=organisation)
    code = code_for(session, during)
    with pytest.raises(SessionError, match="does not match"):
        session_check_in(user=make_user(), code=code, now=during)
    member = make_member(organisation)
    session_check_in(user=member, code=code, now=during)
    assert list(Attendance.objects.values_list("user", flat=True)) == [member.pk]


# ---------- Lessons credited, and taken back ----------


@pytest.fixture
def module_session(home):
    module = make_module(
        parent=audience_page("providers"),
        lessons=3,
        estimated_minutes=120,
        min_lesson_minutes=90,
    )
    return make_session(module=module)


def test_attending_a_module_session_finishes_its_lessons_with_the_time(
    module_session, during
):
    from training.learners import Learner
    from training.selectors import module_progress

    module = module_session.module.specific
    code = code_for(module_session, during)
    user = make_user()
    session_check_in(user=user, code=code, now=during)
    rows = LessonCompletion.objects.filter(user=user, module=module)
    assert rows.count() == 3
    # Two hours shared over three lessons.
    assert sorted(rows.values_list("seconds_spent", flat=True)) == [2400] * 3
    progress = module_progress(
        learner=Learner(user=user), module=module, lessons=list(module.lessons())
    )
    assert progress.lessons_done
    assert progress.minutes_short(module.min_lesson_minutes) == 0


def test_removing_a_mistaken_attendance_keeps_lessons_the_learner_did(
    module_session, during
):
    module = module_session.module.specific
    user, trainer = make_user(), make_user()
    first, second, third = module.lessons()
    own = LessonCompletion.objects.create(
        user=user, lesson=first, module=module, seconds_spent=300
    )
    attendance_mark(session=module_session, user=user, by=trainer, now=during)
    own.refresh_from_db()
    assert own.seconds_spent == 300 + 2400
    assert LessonCompletion.objects.filter(user=user).count() == 3

    assert attendance_unmark(session=module_session, user=user)
    assert not Attendance.objects.exists()
    remaining = LessonCompletion.objects.filter(user=user)
    assert list(remaining.values_list("lesson", "seconds_spent")) == [(first.pk, 300)]


def test_the_trainer_ticks_a_name_and_it_counts_once(module_session, during):
    user, trainer = make_user(), make_user()
    attendance_mark(session=module_session, user=user, by=trainer, now=during)
    attendance_mark(session=module_session, user=user, by=trainer, now=during)
    attendance = Attendance.objects.get()
    assert (attendance.method, attendance.marked_by) == (
        AttendanceMethod.ROSTER,
        trainer,
    )
    assert LessonCompletion.objects.filter(user=user).count() == 3


def test_the_roster_cannot_go_past_capacity(home, during):
    session = make_session(capacity=1)
    trainer = make_user()
    attendance_mark(session=session, user=make_user(), by=trainer, now=during)
    with pytest.raises(SessionError, match="full"):
        attendance_mark(session=session, user=make_user(), by=trainer, now=during)


# ---------- The check-in page ----------


@pytest.fixture
def open_session(home):
    from django.utils import timezone

    now = timezone.now()
    session = make_session(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(hours=1)
    )
    open_checkin(session, now=now)
    session.refresh_from_db()
    return session


def test_the_check_in_page_needs_a_login(client, open_session):
    url = reverse("organisations:checkin") + f"?code={open_session.checkin_code}"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_the_code_from_the_qr_is_prefilled(client, open_session):
    client.force_login(make_user())
    url = reverse("organisations:checkin") + f"?code={open_session.checkin_code}"
    response = client.get(url)
    html = response.content.decode()
    assert f'value="{open_session.checkin_code}"' in html
    assert 'autocomplete="off"' in html and "inputmode=" in html
    assert (
        response["Cache-Control"].startswith("private")
        or "no-store" in (response["Cache-Control"])
    )


def test_checking_in_on_the_page_says_what_happens_next(client, open_session):
    client.force_login(make_user())
    response = client.post(
        reverse("organisations:checkin"), {"code": open_session.checkin_code}
    )
    assert response.status_code == 200
    assert b"You are checked in" in response.content
    again = client.post(
        reverse("organisations:checkin"), {"code": open_session.checkin_code}
    )
    assert b"already checked in" in again.content
    assert Attendance.objects.count() == 1


def test_a_wrong_code_on_the_page_is_a_clear_error(client, open_session):
    client.force_login(make_user())
    response = client.post(reverse("organisations:checkin"), {"code": "XXXXXX"})
    assert response.status_code == 400
    assert b"does not match a session" in response.content
    assert not Attendance.objects.exists()


def test_wrong_codes_are_rate_limited(client, open_session, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "session_checkin": "5/10m/key",
    }
    client.force_login(make_user())
    statuses = [
        client.post(reverse("organisations:checkin"), {"code": "XXXXXX"}).status_code
        for _ in range(6)
    ]
    assert statuses == [400] * 5 + [429]
    # Even the right code waits now: guessing is not rewarded.
    response = client.post(
        reverse("organisations:checkin"), {"code": open_session.checkin_code}
    )
    assert response.status_code == 429
    assert not Attendance.objects.exists()


# ---------- Organisation sessions are for members only ----------


def test_an_organisation_session_is_hidden_from_non_members(client, home):
    organisation = make_organisation(name="Westport Middle School")
    session = make_session(organisation=organisation, title="Staff training")
    detail = reverse("organisations:session_detail", args=[session.pk])
    register = reverse("organisations:session_register", args=[session.pk])
    listing = reverse("organisations:sessions")

    assert client.get(detail).status_code == 404
    assert b"Staff training" not in client.get(listing).content
    client.force_login(make_user())
    assert client.get(detail).status_code == 404
    assert client.post(register).status_code == 404
    assert b"Staff training" not in client.get(listing).content
    assert b"Staff training" not in client.get(audience_page("providers").url).content

    client.force_login(make_member(organisation))
    assert client.get(detail).status_code == 200
    assert b"Staff training" in client.get(listing).content
