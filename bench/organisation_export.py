"""Time a manager's CSV export of 5,000 member rows: median and p90 of 10. By hand:

    .venv/bin/python bench/organisation_export.py

Builds a throwaway in-memory database (test settings), an organisation with
5,000 members on one certificate module (a third finished lessons, a fifth
hold a certificate), then times the export view end to end through Django's
test client: permission gate, bulk status read, CSV rendering.
"""

import os
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("DATABASE_URL", None)  # never touch a real database

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

MEMBERS = 5_000
RUNS = 10


def build():
    from accounts.models import User
    from audiences.setup import setup_site
    from organisations.models import Membership
    from tests.organisations.builders import (
        make_assignment,
        make_manager,
        make_organisation,
    )
    from tests.training.certificates.builders import make_certificate_module
    from training.models import Certificate, LessonCompletion

    setup_site()
    organisation = make_organisation(name="County Schools")
    module = make_certificate_module(lessons=3)
    make_assignment(organisation, module)
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
        Membership(organisation=organisation, user=user) for user in users
    )
    lessons = list(module.lessons())
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user=user, module=module, lesson=lesson)
        for user in users[: MEMBERS // 3]
        for lesson in lessons
    )
    Certificate.objects.bulk_create(
        Certificate(
            code=secrets.token_hex(16),
            user=user,
            module=module,
            module_title=module.title,
            printed_name=user.name,
            audience=module.audience,
            ce_hours=1,
        )
        for user in users[: MEMBERS // 5]
    )
    return organisation, make_manager(organisation)


def main() -> None:
    from django.test import Client
    from django.urls import reverse

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    organisation, manager = build()
    client = Client()
    client.force_login(
        manager, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    address = reverse("organisations:dashboard_export", args=[organisation.pk, "csv"])

    started = time.perf_counter()
    response = client.get(address)
    cold = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    rows = response.content.decode("utf-8-sig").count("\n") - 1

    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(address)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p90 = timings[int(0.9 * (len(timings) - 1))]
    print(f"organisation CSV export, {rows:,} rows ({len(response.content):,} bytes)")
    print(f"  first (cold):  {cold * 1000:7.1f} ms")
    print(f"  median:        {statistics.median(timings) * 1000:7.1f} ms")
    print(f"  p90:           {p90 * 1000:7.1f} ms")
    print(f"  min / max:     {timings[0] * 1000:.1f} / {timings[-1] * 1000:.1f} ms")
    verdict = "OK" if statistics.median(timings) < 2 else "SLOW"
    print(f"  target: median < 2 s -> {verdict}")


if __name__ == "__main__":
    main()
