"""Class codes for youth: codes, joining, figures hidden below 5, and that joining
stores nothing about a young person but a random key and a day."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from organisations.class_codes import (
    CODE_LENGTH,
    closes_on_problem,
    code_display,
    code_generate,
    code_is_well_formed,
    code_normalise,
)
from organisations.models import ClassLearner, YouthClass
from organisations.selectors.classes import MIN_LEARNERS, class_figures
from organisations.services.classes import ClassError, class_create, class_join
from organisations.short_codes import ALPHABET
from quizzes.models import Attempt
from tests.factories import audience_page, make_module, make_staff, make_user
from tests.organisations.builders import (
    make_manager,
    make_organisation,
    make_youth_class,
    make_youth_module,
)
from training.learners import ANONYMOUS_KEY, Learner
from training.models import LessonCompletion, LessonPage
from training.progress import purge_expired_anonymous_progress

ENTER = "organisations:class_enter"


def join_url(youth_class) -> str:
    return reverse("organisations:class_join", kwargs={"code": youth_class.code})


# ---------- codes (pure) ----------


def test_codes_are_eight_unambiguous_characters_and_unique():
    codes = {code_generate() for _ in range(10_000)}
    assert len(codes) == 10_000
    assert all(len(code) == CODE_LENGTH == 8 for code in codes)
    assert set("".join(codes)) <= set(ALPHABET)
    assert not set(ALPHABET) & set("0O1IL2Z5S8B")


def test_codes_are_shown_in_two_groups_of_four():
    assert code_display("ACDE3479") == "ACDE-3479"
    assert code_display("") == ""


@pytest.mark.parametrize(
    "typed", ["ACDE-3479", "acde3479", " acde 3479 ", "Acde – 3479", "ACDE\t3479\n"]
)
def test_a_code_is_normalised_however_it_is_typed(typed):
    assert code_normalise(typed) == "ACDE3479"
    assert code_is_well_formed(code_normalise(typed))


@pytest.mark.parametrize("typed", ["", "ACDE347", "ACDE34790", "ACDE347O", "SSSSSSSS"])
def test_codes_of_the_wrong_shape_are_refused(typed):
    assert not code_is_well_formed(code_normalise(typed))


def test_a_class_closes_within_a_year():
    today = date(2026, 9, 1)
    assert closes_on_problem(closes_on=today, today=today) == ""
    assert closes_on_problem(closes_on=date(2027, 9, 1), today=today) == ""
    assert closes_on_problem(closes_on=date(2027, 9, 2), today=today) == "too_late"
    assert closes_on_problem(closes_on=date(2026, 8, 31), today=today) == "past"


# ---------- creating a class ----------


def test_a_class_gets_a_code_and_closes_in_30_days_by_default(home):
    youth_class = make_youth_class()
    assert code_is_well_formed(youth_class.code)
    assert youth_class.closes_on == timezone.localdate() + timedelta(days=30)


def test_a_class_is_for_an_english_youth_module_only(home):
    adults = make_module(parent=audience_page("providers"))
    with pytest.raises(ClassError):
        class_create(name="Staff", module=adults, created_by=None)
    with pytest.raises(ClassError):
        make_youth_class(closes_on=timezone.localdate() + timedelta(days=366))
    assert not YouthClass.objects.exists()


# ---------- joining ----------


@pytest.fixture
def youth_class(home):
    return make_youth_class()


def test_a_young_person_types_the_code_and_lands_in_the_module(client, youth_class):
    assert client.get(reverse(ENTER)).status_code == 200
    typed = code_display(youth_class.code).lower().replace("-", " - ")
    response = client.post(reverse(ENTER), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == youth_class.module.url
    key = client.session[ANONYMOUS_KEY]
    assert list(ClassLearner.objects.values_list("anonymous_key", flat=True)) == [key]
    # Joining twice changes nothing.
    row = ClassLearner.objects.get()
    client.post(reverse(ENTER), {"code": youth_class.code})
    assert client.post(join_url(youth_class)).status_code == 302
    assert list(ClassLearner.objects.all()) == [row]
    assert ClassLearner.objects.get().expires_at == row.expires_at
    assert client.session[ANONYMOUS_KEY] == key


def test_a_link_asks_first_and_joins_only_on_post(client, youth_class):
    response = client.get(join_url(youth_class))
    assert response.status_code == 200
    assert youth_class.name in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert not ClassLearner.objects.exists()
    assert ANONYMOUS_KEY not in client.session
    assert client.post(join_url(youth_class)).status_code == 302
    assert ClassLearner.objects.count() == 1


def test_an_unknown_or_closed_code_says_so_plainly(client, youth_class):
    response = client.post(reverse(ENTER), {"code": "ACDE-3479"})
    assert response.status_code == 400
    assert "could not find a class" in response.content.decode()
    assert client.get("/class/ACDE-3479/").status_code == 404

    YouthClass.objects.filter(pk=youth_class.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    response = client.post(reverse(ENTER), {"code": youth_class.code})
    assert response.status_code == 400
    assert "no longer works" in response.content.decode()
    assert client.get(join_url(youth_class)).status_code == 410
    assert client.post(join_url(youth_class)).status_code == 410
    assert not ClassLearner.objects.exists()


def test_a_class_of_an_unpublished_module_does_not_open(client, youth_class):
    youth_class.module.unpublish()
    assert client.post(join_url(youth_class)).status_code == 410
    assert not ClassLearner.objects.exists()


def test_a_class_works_through_its_closing_day(client, youth_class):
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert client.post(join_url(youth_class)).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(days=31, hours=12)):
        assert client.post(join_url(youth_class)).status_code == 410


@time_machine.travel("2026-05-04 10:00:05Z", tick=False)  # one one-minute window
def test_entering_codes_is_rate_limited(client, youth_class, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "class_join": "3/m/ip",
    }
    for guess in ["ACDE-3479", "ACDE-3476", "ACDE-3474"]:
        assert client.post(reverse(ENTER), {"code": guess}).status_code == 400
    # Even the right code: a guesser must not learn that a try was right.
    response = client.post(reverse(ENTER), {"code": youth_class.code})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    response = client.get(join_url(youth_class))
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert not ClassLearner.objects.exists()


def test_joining_stores_only_a_random_key_and_a_day(client, youth_class):
    client.post(
        join_url(youth_class),
        HTTP_USER_AGENT="Teen phone",
        REMOTE_ADDR="203.0.113.7",
    )
    fields = {field.name for field in ClassLearner._meta.get_fields()}
    assert fields == {"id", "youth_class", "anonymous_key", "joined_at", "expires_at"}
    row = ClassLearner.objects.values().get()
    key = client.session[ANONYMOUS_KEY]
    assert row["anonymous_key"] == key and len(key) >= 40
    assert row["joined_at"] == timezone.localdate()
    assert row["expires_at"] > timezone.now() + timedelta(days=29)
    # The session holds the key and nothing else about the visitor.
    session = Session.objects.get().get_decoded()
    assert set(session) == {ANONYMOUS_KEY}
    stored = repr(row) + repr(session)
    for personal in ["203.0.113.7", "Teen phone"]:
        assert personal not in stored


def test_a_signed_in_visitor_is_told_and_not_linked(client, youth_class):
    user = make_user()
    client.force_login(user)
    assert "will not count you" in client.get(join_url(youth_class)).content.decode()
    response = client.post(join_url(youth_class))
    assert response.status_code == 200
    assert "will not count you" in response.content.decode()
    assert "Go to the module" in response.content.decode()
    response = client.post(reverse(ENTER), {"code": youth_class.code})
    assert "will not count you" in response.content.decode()
    assert not ClassLearner.objects.exists()
    assert ANONYMOUS_KEY not in client.session
    with pytest.raises(ClassError):
        class_join(youth_class=youth_class, learner=Learner(user=user))


def test_class_members_are_purged_with_anonymous_progress(client, youth_class):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(join_url(youth_class))
    with time_machine.travel(start + timedelta(days=29), tick=False):
        purge_expired_anonymous_progress()
        assert ClassLearner.objects.count() == 1
    with time_machine.travel(start + timedelta(days=31), tick=False):
        call_command("purge_anonymous_progress", stdout=StringIO())
        assert not ClassLearner.objects.exists()
    assert YouthClass.objects.filter(pk=youth_class.pk).exists()


# ---------- figures ----------


def add_learners(youth_class, count: int, *, lessons=0, pretest=(), final=()):
    """`count` anonymous class members who finished `lessons` lessons, with the
    given first pre-test and final scores (one each, in order)."""
    module = youth_class.module
    lesson_pages = list(LessonPage.objects.live().child_of(module))[:lessons]
    expires = timezone.now() + timedelta(days=30)
    start = ClassLearner.objects.count()
    keys = [f"key-{youth_class.pk}-{start + number}" for number in range(count)]
    ClassLearner.objects.bulk_create(
        ClassLearner(youth_class=youth_class, anonymous_key=key, expires_at=expires)
        for key in keys
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(
            lesson=lesson, module=module, anonymous_key=key, expires_at=expires
        )
        for key in keys
        for lesson in lesson_pages
    )
    attempts = [
        (module.pretest_id, "pretest", key, score)
        for key, score in zip(keys, pretest, strict=False)
    ] + [
        (module.quiz_id, "final", key, score)
        for key, score in zip(keys, final, strict=False)
    ]
    Attempt.objects.bulk_create(
        attempt(module=module, quiz_id=quiz_id, purpose=purpose, key=key, score=score)
        for quiz_id, purpose, key, score in attempts
    )
    return keys


def attempt(*, module, quiz_id, purpose, key, score, minutes_ago=10):
    when = timezone.now() - timedelta(minutes=minutes_ago)
    return Attempt(
        quiz_id=quiz_id,
        module=module,
        purpose=purpose,
        anonymous_key=key,
        questions=[],
        pass_mark=80,
        score=Decimal(score),
        passed=Decimal(score) >= 80,
        started_at=when - timedelta(minutes=5),
        submitted_at=when,
        expires_at=timezone.now() + timedelta(days=30),
    )


def figures_of(youth_class):
    return class_figures(
        youth_class=YouthClass.objects.select_related("module").get(pk=youth_class.pk)
    )


def test_every_figure_is_hidden_below_5(youth_class):
    add_learners(youth_class, 4, lessons=2, pretest=[50] * 4, final=[90] * 4)
    figures = figures_of(youth_class)
    assert MIN_LEARNERS == 5
    for name in ["joined", "started", "finished", "passed"]:
        assert getattr(figures, name).value is None
    assert figures.pretest_average.value is None
    assert figures.final_average.value is None


def test_figures_show_at_5_and_each_hides_on_its_own(
    youth_class, django_assert_num_queries
):
    pretest = [40, 50, 60, 70, 81]
    add_learners(youth_class, 5, lessons=2, pretest=pretest, final=[90] * 4)
    add_learners(youth_class, 1, lessons=1)
    add_learners(youth_class, 1, lessons=0)
    loaded = YouthClass.objects.select_related("module").get(pk=youth_class.pk)
    with django_assert_num_queries(2):
        figures = class_figures(youth_class=loaded)
    assert figures.joined.value == 7
    assert figures.started.value == 6
    assert figures.finished.value == 5
    assert figures.passed.value is None  # 4 passed
    assert figures.pretest_average.value == Decimal("60.2")
    assert figures.final_average.value is None  # over 4 learners


def test_averages_take_each_learners_first_try_only(youth_class):
    keys = add_learners(youth_class, 5, final=[50, 60, 70, 80, 90])
    module = youth_class.module
    # Later tries (all 100) do not move the post-test average; passing does count.
    Attempt.objects.bulk_create(
        attempt(
            module=module,
            quiz_id=module.quiz_id,
            purpose="final",
            key=key,
            score=100,
            minutes_ago=1,
        )
        for key in keys
    )
    figures = figures_of(youth_class)
    assert figures.final_average.value == Decimal("70.0")
    assert figures.passed.value == 5
    assert figures.pretest_average.value is None


def test_figures_count_only_this_class_and_anonymous_learners(youth_class):
    other = make_youth_class(module=youth_class.module, name="Other class")
    add_learners(other, 5, lessons=2, final=[90] * 5)
    # Rows of keys outside the class (and of accounts) do not count in it.
    user = make_user()
    lesson = LessonPage.objects.child_of(youth_class.module).first()
    LessonCompletion.objects.create(lesson=lesson, module=youth_class.module, user=user)
    figures = figures_of(youth_class)
    assert figures.joined.value is None
    assert figures_of(other).joined.value == 5
    assert figures_of(other).passed.value == 5


# ---------- teachers' pages ----------


@pytest.fixture
def organisation(home):
    return make_organisation(name="Durfee High")


@pytest.fixture
def manager(client, organisation):
    user = make_manager(organisation)
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    return user


def test_a_manager_makes_a_class_and_sees_only_aggregates(
    client, manager, organisation
):
    module = make_youth_module(title="Staying safe online")
    make_module(parent=audience_page("providers"), title="For staff")
    url = reverse("organisations:classes", kwargs={"organisation_id": organisation.pk})
    page = client.get(url).content.decode()
    assert "Staying safe online" in page and "For staff" not in page
    response = client.post(
        url,
        {
            "name": "Health, period 3",
            "module": module.pk,
            "closes_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
    )
    youth_class = YouthClass.objects.get()
    assert youth_class.organisation == organisation
    assert youth_class.created_by == manager
    assert response["Location"] == reverse(
        "organisations:class_detail",
        kwargs={"organisation_id": organisation.pk, "class_id": youth_class.pk},
    )
    add_learners(youth_class, 3, lessons=2)
    page = client.get(response["Location"]).content.decode()
    assert code_display(youth_class.code) in page
    assert "fewer than 5" in page
    assert "key-" not in page
    assert "<svg" in page  # the QR, drawn on the server
    assert "style=" not in page  # strict CSP: no inline styles


def test_a_class_cannot_stay_open_more_than_a_year(client, manager, organisation):
    module = make_youth_module()
    response = client.post(
        reverse("organisations:classes", kwargs={"organisation_id": organisation.pk}),
        {
            "name": "Too long",
            "module": module.pk,
            "closes_on": (timezone.localdate() + timedelta(days=400)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert not YouthClass.objects.exists()


def test_a_manager_of_another_organisation_gets_404(client, manager, organisation):
    other = make_organisation(name="Other School")
    theirs = make_youth_class(organisation=other)
    mine = make_youth_class(module=theirs.module, organisation=organisation)
    assert (
        client.get(
            reverse("organisations:classes", kwargs={"organisation_id": other.pk})
        ).status_code
        == 404
    )
    for organisation_id, class_id in [
        (other.pk, theirs.pk),
        (organisation.pk, theirs.pk),  # their class under my organisation's URL
        (other.pk, mine.pk),
    ]:
        url = reverse(
            "organisations:class_detail",
            kwargs={"organisation_id": organisation_id, "class_id": class_id},
        )
        assert client.get(url).status_code == 404


# ---------- CAC trainers in the admin ----------


def test_a_trainer_makes_a_class_in_the_admin_and_gets_a_code(client, staff_groups):
    from accounts.roles import TRAINERS

    make_staff(client=client, group=staff_groups[TRAINERS])
    module = make_youth_module()
    response = client.post(
        reverse("youth_classes:add"),
        {
            "name": "Summer camp",
            "module": module.pk,
            "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "organisation": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    youth_class = YouthClass.objects.get()
    assert code_is_well_formed(youth_class.code)
    page = client.get(reverse("youth_classes:figures", args=[youth_class.pk]))
    assert page.status_code == 200
    assert code_display(youth_class.code) in page.content.decode()
    assert "fewer than 5" in page.content.decode()
    assert client.get(reverse("youth_classes:index")).status_code == 200
