"""Redis gone mid-life: pages still serve, sessions still hold, login fails closed."""

import pytest

from tests.shared_state.conftest import require_redis_server
from tests.shared_state.stack import RedisServer, browser, is_signed_in, sign_in

# The test database must exist to be copied for the server (conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)


def test_with_redis_gone_pages_serve_and_login_is_refused_until_it_is_back(
    start_site, site_database, learner, tmp_path
):
    require_redis_server()
    redis = RedisServer(tmp_path)  # its own: this test stops it
    try:
        site = start_site(
            "site", database_url=site_database["url"], redis_url=redis.url
        ).wait_until_serving()
        signed_in = browser()
        assert sign_in(signed_in, site.url, **learner).status_code == 302
    finally:
        redis.stop()

    for path in ("/", site_database["lesson"]):
        assert browser().get(site.url + path, timeout=10).status_code == 200
        # A signed-in learner's session is read from its database row.
        assert signed_in.get(site.url + path, timeout=10).status_code == 200
    assert is_signed_in(signed_in, site.url)

    visitor = browser()
    refused = sign_in(visitor, site.url, **learner)  # the right password
    assert refused.status_code == 302
    assert refused.headers["Location"] == "/accounts/login/"
    page = visitor.get(site.url + refused.headers["Location"], timeout=10)
    assert "Signing in is paused" in page.text
    assert "Please try again in a minute" in page.text
    assert not is_signed_in(visitor, site.url)

    log = site.logged()
    assert "Login refused: the rate-limit cache is unreachable" in log
    # One line per retry pause (5 s), not one per cache call.
    assert 1 <= log.count("Redis cache unreachable") <= 2
    assert "Traceback" not in log
