"""The dashboard's cost does not grow with the organisation: 500 members and
three assignments in at most 15 queries (statuses are computed in bulk)."""

import secrets
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from organisations.models import Membership
from tests.factories import audience_page, make_module
from tests.organisations.builders import (
    make_assignment,
    make_group,
    make_manager,
    make_organisation,
)
from tests.training.certificates.builders import make_certificate_module
from training.models import Certificate, LessonCompletion

pytestmark = pytest.mark.django_db
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
MEMBERS = 500


def big_organisation():
    organisation = make_organisation(name="County Schools")
    group = make_group(organisation, "Teachers")
    modules = [
        make_module(parent=audience_page("providers"), lessons=2),
        make_module(parent=audience_page("providers"), lessons=2),
        make_certificate_module(),
    ]
    make_assignment(organisation, modules[0])
    make_assignment(organisation, modules[1], group=group)
    make_assignment(
        organisation, modules[2], due_on=timezone.localdate() + timedelta(days=3)
    )
    users = User.objects.bulk_create(
        User(
            username=f"member{n}",
            email=f"member{n}@example.org",
            name=f"Member {n}",
            password="!",
        )
        for n in range(MEMBERS)
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=user, group=group if n % 2 else None)
        for n, user in enumerate(users)
    )
    lessons = list(modules[0].lessons())
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user=user, module=modules[0], lesson=lesson)
        for user in users[:300]
        for lesson in lessons[: 1 + (users.index(user) % 2)]
    )
    Certificate.objects.bulk_create(
        Certificate(
            code=secrets.token_hex(16),
            user=user,
            module=modules[2],
            module_title=modules[2].title,
            printed_name=user.name,
            audience=modules[2].audience,
            ce_hours=1,
        )
        for user in users[:100]
    )
    return organisation


def test_the_dashboard_of_500_members_in_15_queries(
    home, client, django_assert_max_num_queries
):
    organisation = big_organisation()
    manager = make_manager(organisation)
    client.force_login(manager, backend=BACKEND)
    address = reverse("organisations:dashboard", args=[organisation.pk])
    client.get(address)  # warm caches that any page fills once (locales, site)
    with django_assert_max_num_queries(15):
        response = client.get(address)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Done: <strong>" in html
    # A filtered page and an export cost the same few queries.
    with CaptureQueriesContext(connection) as filtered:
        client.get(address, {"status": "overdue", "q": "member1"})
    assert len(filtered) <= 15
    export = reverse("organisations:dashboard_export", args=[organisation.pk, "csv"])
    with django_assert_max_num_queries(15):
        assert client.get(export).status_code == 200
