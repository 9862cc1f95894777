"""Two modules with quizzes (youth, providers) and a trainer signed in."""

import pytest

from tests.factories import make_staff, make_user
from tests.quizzes.builders import make_quiz_module


@pytest.fixture
def youth_module(home):
    return make_quiz_module(audience="youth", lessons=2)


@pytest.fixture
def provider_module(home):
    module = make_quiz_module(audience="providers", lessons=2)
    module.issues_certificate = True
    module.ce_hours = "1.50"
    module.save_revision().publish()
    module.refresh_from_db()
    return module


@pytest.fixture
def trainer(client, staff_groups):
    from accounts.roles import TRAINERS

    return make_staff(client=client, group=staff_groups[TRAINERS], name="Tess Trainer")


@pytest.fixture
def reviewer(client, staff_groups):
    from accounts.roles import REVIEWERS

    return make_staff(client=client, group=staff_groups[REVIEWERS], name="Rae Reviewer")


@pytest.fixture
def learner(db):
    return make_user(name="Lee Learner", email="lee@example.org")
