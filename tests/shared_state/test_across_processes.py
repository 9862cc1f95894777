"""With REDIS_URL set, two server processes count and remember as one site.

Two gunicorn processes (as behind a load balancer) share one database copy and
one Redis; the browser's cookies go to both (cookies ignore the port).
"""

import pytest

from tests.shared_state.stack import browser, is_signed_in, sign_in

# The test database must exist to be copied for the servers; transaction=True
# so this process holds no transaction open while they run.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_servers(start_site, site_database, shared_redis):
    servers = [
        start_site(name, database_url=site_database["url"], redis_url=shared_redis.url)
        for name in ("a", "b")
    ]
    return [server.wait_until_serving() for server in servers]


def test_failed_logins_alternating_between_processes_are_refused_after_the_limit(
    two_servers, learner, shared_redis
):
    a, b = two_servers
    visitor = browser()
    # "5/5m/key": five failures for one address and account, wherever they land.
    for attempt in range(5):
        server = (a, b)[attempt % 2]
        failed = sign_in(visitor, server.url, email=learner["email"], password="wrong")
        assert failed.status_code == 200
        assert "not correct" in failed.text
    # Each process saw only two or three: a per-process count would let these in.
    refused = sign_in(visitor, b.url, email=learner["email"], password="wrong")
    assert refused.status_code == 429
    assert "Too many failed login attempts" in refused.text
    # Not even the right password is checked until the limit has passed.
    right = sign_in(visitor, a.url, **learner)
    assert right.status_code == 429
    assert not is_signed_in(visitor, a.url)


def test_a_session_saved_by_one_process_is_read_by_the_other(
    two_servers, learner, shared_redis
):
    a, b = two_servers
    visitor = browser()
    signed_in = sign_in(visitor, a.url, **learner)
    assert signed_in.status_code == 302, signed_in.text
    session_key = visitor.cookies["sessionid"]
    assert shared_redis.client.exists(
        f":1:django.contrib.sessions.cached_db{session_key}"
    ), "the session was not stored in the shared Redis"
    assert is_signed_in(visitor, b.url)
