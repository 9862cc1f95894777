"""Live sessions: registering, where they are listed, the trainer's admin (form
rules, the run page with its code, QR and roster) and what certificates learn."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Attendance, Registration, SessionFormat
from organisations.selectors.sessions import (
    attended_session_delivery,
    sessions_visible_to,
    upcoming_public_sessions,
)
from organisations.services.sessions import (
    SessionError,
    attendance_mark,
    session_cancel,
    session_register,
)
from tests.factories import audience_page, make_module, make_staff, make_user
from tests.organisations.builders import (
    make_member,
    make_organisation,
    make_session,
)
from training.deliveries import Delivery, DeliveryFormat, delivery_for

pytestmark = pytest.mark.django_db


# ---------- Registering ----------


def test_registering_twice_keeps_one_registration(home):
    session, user = make_session(), make_user()
    first = session_register(session=session, user=user)
    assert session_register(session=session, user=user) == first
    assert Registration.objects.count() == 1


def test_a_full_session_refuses_registration_with_a_clear_message(home):
    session = make_session(capacity=1)
    session_register(session=session, user=make_user())
    with pytest.raises(SessionError, match="full"):
        session_register(session=session, user=make_user())
    assert Registration.objects.count() == 1


def test_cancelled_and_started_sessions_refuse_registration(home):
    session = make_session()
    with pytest.raises(SessionError, match="already started"):
        session_register(
            session=session, user=make_user(), now=session.starts_at + timedelta(1)
        )
    session_cancel(session=session, now=timezone.now())
    with pytest.raises(SessionError, match="cancelled"):
        session_register(session=session, user=make_user())
    assert not Registration.objects.exists()


def test_an_organisation_session_is_for_its_members(home):
    organisation = make_organisation()
    session = make_session(organisation=organisation)
    with pytest.raises(SessionError, match="members"):
        session_register(session=session, user=make_user())
    session_register(session=session, user=make_member(organisation))


def test_the_register_button_registers_and_anonymous_visitors_log_in(client, home):
    session = make_session()
    detail = reverse("organisations:session_detail", args=[session.pk])
    page = client.get(detail).content.decode()
    assert f"{reverse('account_login')}?next={detail}" in page
    register = reverse("organisations:session_register", args=[session.pk])
    assert client.post(register).status_code == 302
    assert not Registration.objects.exists()

    user = make_user()
    client.force_login(user)
    assert 'method="post"' in client.get(detail).content.decode()
    response = client.post(register, follow=True)
    assert b"You are registered" in response.content
    assert Registration.objects.filter(session=session, user=user).exists()


# ---------- Where sessions are listed ----------


def test_an_audience_page_lists_its_upcoming_public_sessions(client, home):
    upcoming = make_session(title="Spotting grooming online")
    make_session(
        title="Last month",
        starts_at=timezone.now() - timedelta(days=30),
    )
    make_session(title="Members only", organisation=make_organisation())
    cancelled = make_session(title="Called off")
    session_cancel(session=cancelled, now=timezone.now())

    page = client.get(audience_page("providers").url).content.decode()
    assert "Live sessions" in page
    assert "Spotting grooming online" in page
    assert reverse("organisations:session_detail", args=[upcoming.pk]) in page
    for hidden in ["Last month", "Members only", "Called off"]:
        assert hidden not in page
    # Another audience's page does not list it.
    assert (
        "Spotting grooming"
        not in client.get(audience_page("parents").url).content.decode()
    )


def test_selectors_show_public_sessions_and_the_users_organisations(home):
    organisation = make_organisation()
    public = make_session()
    private = make_session(organisation=organisation)
    make_session(organisation=make_organisation())
    member = make_member(organisation)
    assert list(sessions_visible_to(user=member)) == [public, private]
    assert list(sessions_visible_to(user=make_user())) == [public]
    assert list(upcoming_public_sessions(audience=public.audience)) == [public]


# ---------- How the certificate says the learner was trained ----------


def test_the_delivery_is_the_latest_attended_session_of_the_module(home):
    module = make_module(parent=audience_page("providers"), lessons=1)
    trainer = make_user(name="Sam Trainer")
    older = make_session(
        module=module,
        starts_at=timezone.now() - timedelta(days=40),
        place="Old hall",
        trainer=trainer,
    )
    newer = make_session(
        module=module,
        starts_at=timezone.now() - timedelta(days=2),
        format=SessionFormat.ONLINE,
        place="",
        trainer=trainer,
    )
    user = make_user()
    assert attended_session_delivery(user=user, module=module) is None
    assert delivery_for(user=user, module=module) == Delivery()

    attendance_mark(session=older, user=user, by=trainer, now=older.starts_at)
    assert delivery_for(user=user, module=module) == Delivery(
        format=DeliveryFormat.LIVE_IN_PERSON,
        session_date=timezone.localdate(older.starts_at),
        place="Old hall",
        trainer="Sam Trainer",
    )
    attendance_mark(session=newer, user=user, by=trainer, now=newer.starts_at)
    delivery = delivery_for(user=user, module=module)
    assert delivery.format == DeliveryFormat.LIVE_ONLINE
    assert delivery.session_date == timezone.localdate(newer.starts_at)
    # A renewal counts only sessions since the previous certificate expired.
    since = timezone.now()
    assert delivery_for(user=user, module=module, since=since).format == (
        DeliveryFormat.SELF_PACED
    )


# ---------- The trainer's admin ----------


@pytest.fixture
def trainer(client, staff_groups):
    return make_staff(client=client, group=staff_groups["CAC trainers"])


def session_form_data(module=None, **overrides):
    from audiences.models import Audience

    starts = timezone.localtime() + timedelta(days=3)
    data = {
        "module": module.pk if module else "",
        "audience": Audience.objects.get(slug="providers").pk,
        "title": "" if module else "Recognising CSEC",
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "format": SessionFormat.IN_PERSON,
        "place": "Room 2",
        "trainer": "",
        "capacity": "25",
        "ce_hours": "2",
        "organisation": "",
    }
    data.update(overrides)
    return data


def test_a_trainer_adds_a_session_in_the_admin(client, trainer):
    module = make_module(parent=audience_page("providers"), lessons=1)
    response = client.post(
        reverse("live_sessions:add"),
        session_form_data(module=module, trainer=trainer.pk),
    )
    assert response.status_code == 302, response.context["form"].errors
    from organisations.models import TrainingSession

    session = TrainingSession.objects.get()
    assert (session.module_id, session.trainer, session.capacity) == (
        module.pk,
        trainer,
        25,
    )
    assert client.get(reverse("live_sessions:index")).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2020-01-01 09:00"}, "ends_at", "end after it starts"),
        ({"place": ""}, "place", "address or room"),
        ({"capacity": "0"}, "capacity", ""),
        ({"title": ""}, "title", "needs a title"),
    ],
)
def test_the_session_form_checks_its_rules(client, trainer, overrides, field, message):
    response = client.post(reverse("live_sessions:add"), session_form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])


def test_the_modules_audience_must_match(client, trainer):
    from audiences.models import Audience

    module = make_module(parent=audience_page("parents"), lessons=1)
    response = client.post(
        reverse("live_sessions:add"),
        session_form_data(
            module=module, audience=Audience.objects.get(slug="providers").pk
        ),
    )
    assert "audience" in response.context["form"].errors


def test_capacity_cannot_drop_below_those_registered(client, trainer):
    session = make_session(capacity=3)
    for _ in range(2):
        session_register(session=session, user=make_user())
    data = session_form_data(capacity="1", trainer=trainer.pk)
    response = client.post(reverse("live_sessions:edit", args=[session.pk]), data)
    assert "capacity" in response.context["form"].errors


def test_the_run_page_opens_check_in_with_a_big_code_and_a_qr(client, trainer):
    session = make_session()
    url = reverse("live_sessions:run", args=[session.pk])
    assert b"Open check-in" in client.get(url).content
    client.post(url, {"action": "open"})
    session.refresh_from_db()
    assert session.checkin_code
    assert session.checkin_opens_at == session.starts_at - timedelta(minutes=15)
    response = client.get(url)
    html = response.content.decode()
    assert "data-checkin-code" in html
    assert session.checkin_code[:3] in html and session.checkin_code[3:] in html
    assert "<svg" in html and "QR code of the check-in address" in html
    assert "/sessions/check-in/</strong>" in html
    assert response.context["checkin_url"].endswith(
        f"/sessions/check-in/?code={session.checkin_code}"
    )
    # Drawn on the server: nothing from another host, no script.
    assert '<script src="http' not in html

    client.post(url, {"action": "open_now", "minutes": "5"})
    session.refresh_from_db()
    assert session.checkin_closes_at - session.checkin_opens_at == timedelta(minutes=5)
    client.post(url, {"action": "close"})
    session.refresh_from_db()
    assert session.checkin_closes_at <= timezone.now()


def test_the_roster_ticks_and_unticks_names(client, trainer):
    session = make_session()
    registered, walk_in, stranger = (
        make_user(name="Reg Istered"),
        make_user(),
        make_user(),
    )
    session_register(session=session, user=registered)
    attendance_mark(session=session, user=walk_in, by=trainer)
    url = reverse("live_sessions:run", args=[session.pk])
    html = client.get(url).content.decode()
    assert "Reg Istered" in html and "walk-in" in html

    client.post(url, {"action": "mark", "user": registered.pk})
    assert Attendance.objects.get(user=registered).marked_by == trainer
    client.post(url, {"action": "unmark", "user": walk_in.pk})
    assert not Attendance.objects.filter(user=walk_in).exists()
    # Only people on the roster can be ticked.
    client.post(url, {"action": "mark", "user": stranger.pk})
    assert not Attendance.objects.filter(user=stranger).exists()


def test_learners_cannot_reach_the_trainers_pages(client, home):
    session = make_session()
    client.force_login(make_user())
    for url in [
        reverse("live_sessions:index"),
        reverse("live_sessions:run", args=[session.pk]),
    ]:
        assert client.get(url).status_code in {302, 403}
    assert client.post(
        reverse("live_sessions:run", args=[session.pk]), {"action": "open"}
    ).status_code in {302, 403}
    session.refresh_from_db()
    assert not session.checkin_code


def test_cancelling_needs_the_box_ticked_and_closes_check_in(client, trainer):
    session = make_session()
    url = reverse("live_sessions:run", args=[session.pk])
    client.post(url, {"action": "open_now", "minutes": "30"})
    client.post(url, {"action": "cancel"})
    session.refresh_from_db()
    assert session.cancelled_at is None
    client.post(url, {"action": "cancel", "confirm": "yes"})
    session.refresh_from_db()
    assert session.cancelled_at is not None
    assert session.checkin_closes_at <= timezone.now()
    assert b"was cancelled" in client.get(url).content


def test_a_removed_attendance_no_longer_counts_as_live_delivery(home):
    module = make_module(parent=audience_page("providers"), lessons=1)
    session = make_session(module=module)
    user, trainer = make_user(), make_user()
    attendance_mark(session=session, user=user, by=trainer)
    assert delivery_for(user=user, module=module).format == (
        DeliveryFormat.LIVE_IN_PERSON
    )
    from organisations.services.sessions import attendance_unmark

    attendance_unmark(session=session, user=user)
    assert delivery_for(user=user, module=module) == Delivery()
