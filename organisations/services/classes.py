"""Youth classes: a teacher creates one and gets a code; young people join with it.

A young person who joins is a random anonymous key (the one their progress is
kept under) and a day: no account, no name, no address, nothing else. The row
expires with their anonymous progress and is purged with it (organisations/
purges.py).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from organisations.class_codes import (
    closes_on_problem,
    code_generate,
    code_is_well_formed,
    code_normalise,
    default_closes_on,
    latest_closes_on,
)
from organisations.models import ClassLearner, YouthClass
from organisations.selectors.classes import is_youth_module
from training.learners import Learner, anonymous_expiry_delta

CODE_TRIES = 10


class ClassError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def unknown_code_message() -> str:
    return gettext(
        "We could not find a class with that code. Check it with your teacher: "
        "it has 8 letters and numbers, like ACDE-3479."
    )


def closed_class_message() -> str:
    return gettext(
        "This class code no longer works. Ask your teacher for a new one; you can "
        "still learn on your own from the youth page."
    )


def closes_on_message(*, problem: str, today: date) -> str:
    if problem == "past":
        return gettext("The closing day cannot be in the past.")
    return gettext("A class can stay open for a year at most: until %(day)s.") % {
        "day": latest_closes_on(today).isoformat()
    }


def class_create(
    *,
    name: str,
    module,
    created_by,
    organisation=None,
    closes_on: date | None = None,
    today: date | None = None,
) -> YouthClass:
    """A new class with a fresh code, for a youth module (closes in 30 days by
    default, a year at most)."""
    today = today or timezone.localdate()
    module = module.specific
    if not is_youth_module(module):
        raise ClassError(gettext("Choose a module for young people."))
    closes_on = closes_on or default_closes_on(today)
    problem = closes_on_problem(closes_on=closes_on, today=today)
    if problem:
        raise ClassError(closes_on_message(problem=problem, today=today))
    for _ in range(CODE_TRIES):
        try:
            with transaction.atomic():
                return YouthClass.objects.create(
                    name=name.strip(),
                    module=module,
                    code=code_generate(),
                    created_by=created_by,
                    organisation=organisation,
                    closes_on=closes_on,
                )
        except IntegrityError:
            # The code was taken (about one chance in 150 million per class).
            continue
    raise ClassError(gettext("Could not make a new code. Please try again."))


def class_for_code(*, code: str) -> YouthClass | None:
    """The class a typed code names, however it was typed; None if there is none."""
    code = code_normalise(code)
    if not code_is_well_formed(code):
        return None
    return YouthClass.objects.select_related("module").filter(code=code).first()


def class_is_open(*, youth_class: YouthClass, today: date | None = None) -> bool:
    return youth_class.closes_on >= (today or timezone.localdate())


def class_join_problem(*, youth_class: YouthClass | None, today: date) -> str:
    """Why the code cannot be used today ("" when it can)."""
    if youth_class is None:
        return unknown_code_message()
    if not class_is_open(youth_class=youth_class, today=today):
        return closed_class_message()
    if not youth_class.module.live:
        # The CAC took the module down: the class cannot lead anywhere.
        return closed_class_message()
    return ""


@dataclass(frozen=True)
class Joined:
    learner: ClassLearner
    already: bool


def class_join(
    *, youth_class: YouthClass, learner: Learner, now: datetime | None = None
) -> Joined:
    """Count an anonymous learner in the class; joining again changes nothing.

    A signed-in learner is never linked: class figures count anonymous keys
    only, and an account must not become a row a teacher's figures read.
    """
    now = now or timezone.now()
    if learner.is_authenticated or not learner.anonymous_key:
        raise ClassError(gettext("Only learners without an account join a class."))
    problem = class_join_problem(youth_class=youth_class, today=timezone.localdate(now))
    if problem:
        raise ClassError(problem)
    try:
        with transaction.atomic():
            row, created = ClassLearner.objects.get_or_create(
                youth_class=youth_class,
                anonymous_key=learner.anonymous_key,
                defaults={
                    "joined_at": timezone.localdate(now),
                    "expires_at": now + anonymous_expiry_delta(),
                },
            )
    except IntegrityError:
        # Two taps at once: the other request joined.
        row = ClassLearner.objects.get(
            youth_class=youth_class, anonymous_key=learner.anonymous_key
        )
        created = False
    return Joined(learner=row, already=not created)


def purge_expired_class_learners(*, now: datetime) -> int:
    """Delete class members whose anonymous progress has expired; returns rows gone."""
    count, _ = ClassLearner.objects.filter(expires_at__lt=now).delete()
    return count
