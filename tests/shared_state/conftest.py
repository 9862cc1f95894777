"""A real Redis and the site in real server processes, for state shared between them.

No test here uses the `db` fixture: the servers read a copy of the test
database (tests/shared_state/stack.py), filled by the site's own setup and the
suite's factories in a subprocess, so the test process holds no transaction
the servers could not see.
"""

import json

import pytest

from tests.factories import DEFAULT_PASSWORD
from tests.shared_state.stack import (
    RedisServer,
    SiteServer,
    copy_test_database,
    drop_database_copy,
    require_redis_server,
    run_in_site,
)

LEARNER_EMAIL = "pat.learner@example.org"
PREPARE_SITE = f"""
import json
from audiences.setup import setup_site
from tests.factories import audience_page, make_module, make_user
setup_site()
make_user(email={LEARNER_EMAIL!r})
module = make_module(parent=audience_page("youth"), lessons=1)
print(json.dumps({{"lesson": module.get_children().first().specific.url}}))
"""


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    require_redis_server()
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def shared_redis(redis_server):
    """The session's Redis, emptied: no counter or session from another test."""
    redis_server.client.flushall()
    return redis_server


@pytest.fixture(scope="session")
def site_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """A database of the servers' own: the home page, a youth lesson, a learner."""
    with django_db_blocker.unblock():
        url = copy_test_database(tmp_path_factory.mktemp("site-db"))
    pages = json.loads(run_in_site(url, PREPARE_SITE).strip().splitlines()[-1])
    yield {"url": url, "lesson": pages["lesson"]}
    with django_db_blocker.unblock():
        drop_database_copy(url)


@pytest.fixture
def start_site(tmp_path):
    """start_site(name, database_url=..., redis_url=...): servers stopped after."""
    started = []

    def start(name: str, **kwargs) -> SiteServer:
        server = SiteServer(log=tmp_path / f"{name}.log", **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def learner():
    return {"email": LEARNER_EMAIL, "password": DEFAULT_PASSWORD}
