"""PostgreSQL dropping the site's connections mid-traffic: the site's own 503
page for what was in flight, and the next request served by the same process.

Only the servers' own database copy is touched (its connections terminated,
new ones refused for a moment): the PostgreSQL cluster is never restarted,
since other tests use it at the same time.
"""

import threading
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection

from tests.shared_state.stack import browser, is_signed_in, sign_in, wait_until

# The test database must exist to be copied for the server (conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)

TERMINATE = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


@pytest.fixture
def postgres_site(site_database, start_site):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://...); CI runs both")
    # Whole pages from the cache would hide the database from anonymous reads.
    site = start_site("site", database_url=site_database["url"], PAGE_CACHE_SECONDS="0")
    return site.wait_until_serving(), site_database["url"]


def terminate_connections(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute(TERMINATE)


@contextmanager
def database_refusing_connections(database_url: str):
    """As while PostgreSQL restarts: connections dropped, new ones refused."""
    name = database_url.rsplit("/", 1)[1]
    maintenance = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        try:
            terminate_connections_from(admin, name)
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def terminate_connections_from(admin, name: str) -> None:
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
        [name],
    )


def assert_site_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "be back in a moment" in response.text
    assert "1-800-792-5200" in response.text  # the hotlines, as on every page
    assert "988" in response.text
    assert "Traceback" not in response.text
    assert "OperationalError" not in response.text


def test_connections_killed_mid_traffic_cost_at_most_a_503_and_heal_alone(
    postgres_site, learner
):
    site, database_url = postgres_site
    visitor = browser()
    assert sign_in(visitor, site.url, **learner).status_code == 302
    answers = []
    stop = threading.Event()

    def traffic():
        reader = browser()
        reader.cookies.update(visitor.cookies)
        while not stop.is_set():
            answers.append(reader.get(site.url + "/accounts/my-data/", timeout=10))

    reading = threading.Thread(target=traffic)
    reading.start()
    try:
        for wanted in range(2, 21, 2):  # each kill lands between or inside requests
            wait_until(
                lambda wanted=wanted: len(answers) >= wanted, seconds=30, what="traffic"
            )
            terminate_connections(database_url)
    finally:
        stop.set()
        reading.join(timeout=30)
    assert answers
    for answer in answers:
        if answer.status_code != 200:
            assert_site_unavailable_page(answer)
    # No restart: the same process answers the next request from a new connection.
    assert is_signed_in(visitor, site.url)


def test_while_the_database_refuses_the_site_answers_503_and_recovers_by_itself(
    postgres_site, learner
):
    site, database_url = postgres_site
    visitor = browser()
    assert sign_in(visitor, site.url, **learner).status_code == 302
    assert is_signed_in(visitor, site.url)  # holds a connection to be dropped
    with database_refusing_connections(database_url):
        in_flight = visitor.get(site.url + "/accounts/my-data/", timeout=10)
        assert_site_unavailable_page(in_flight)
        anonymous = browser().get(site.url + "/", timeout=10)
        assert_site_unavailable_page(anonymous)
    pid = site.process.pid
    assert is_signed_in(visitor, site.url)
    assert browser().get(site.url + "/", timeout=10).status_code == 200
    assert site.process.pid == pid and site.process.poll() is None
    assert "Service Unavailable: /accounts/my-data/" in site.logged()
