"""Real processes for the shared-state tests: redis-server, gunicorn, a database copy.

Everything listens on a free port of 127.0.0.1 and lives in the test's tmp_path,
so parallel test processes never meet; everything started here is stopped here.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    raise AssertionError(f"Gave up after {seconds} s waiting for {what}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def require_redis_server() -> None:
    """Skip where redis-server is missing; under CI, fail: the tests must run."""
    import pytest

    if shutil.which("redis-server"):
        return
    reason = "redis-server is not installed (apt-get install redis-server)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}: these tests cannot run.")
    pytest.skip(reason)


class RedisServer:
    """`redis-server` on a free port, nothing kept on disk."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.client = _redis_client(self.url)
        wait_until(self._answers, seconds=10, what=f"redis-server on {self.port}")

    def _answers(self) -> bool:
        try:
            return self.client.ping()
        except Exception:  # noqa: BLE001 - not listening yet
            assert self.process.poll() is None, "redis-server exited"
            return False

    def stop(self) -> None:
        stop(self.process)
        self.client.close()


def _redis_client(url):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2)


def copy_test_database(workdir: Path) -> str:
    """A DATABASE_URL for a copy of this test process's migrated (empty) test
    database: migrating a new one takes 20 s, copying it well under one."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = workdir / "site.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    import psycopg

    name = f"shared_state_{uuid.uuid4().hex[:12]}"
    template = settings["NAME"]
    connection.close()  # a template database must have no one connected
    with _postgres_admin(settings) as admin:
        try:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        except psycopg.errors.ObjectInUse:
            # A connection a finished test's thread left open: the template is
            # this test process's own database, so no one else's is closed.
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s",
                [template],
            )
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return _postgres_url(settings, name)


def drop_database_copy(database_url: str) -> None:
    from django.db import connection

    if not database_url.startswith("postgres"):
        return
    name = database_url.rsplit("/", 1)[1]
    with _postgres_admin(connection.settings_dict) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin(settings):
    import psycopg

    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _postgres_url(settings, name: str) -> str:
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST']}:{settings['PORT'] or 5432}"
    return f"postgres://{settings['USER']}{password}@{host}/{name}"


def run_in_site(database_url: str, code: str) -> str:
    """Run Python with Django set up against `database_url`; returns its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=_site_env(database_url=database_url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _site_env(*, database_url: str, redis_url: str | None = None, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "REDIS_URL", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        **extra,
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


class SiteServer:
    """The site in its own gunicorn process (one sync worker), logging to a file."""

    def __init__(
        self, *, database_url: str, log: Path, redis_url: str | None = None, **env
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_file = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "config.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", "1",
                "--timeout", "60",
                # One path per user by default: parallel servers would share it.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=_site_env(database_url=database_url, redis_url=redis_url, **env),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_until_serving(self) -> "SiteServer":
        wait_until(
            self._answers, seconds=STARTUP_SECONDS, what=f"the site on {self.url}"
        )
        return self

    def _answers(self) -> bool:
        assert self.process.poll() is None, f"gunicorn exited:\n{self.logged()}"
        try:
            return requests.get(self.url + "/accounts/login/", timeout=10).ok
        except requests.ConnectionError:  # not listening yet
            return False

    def logged(self) -> str:
        self._log_file.flush()
        return self.log.read_text()

    def stop(self) -> None:
        stop(self.process)
        self._log_file.close()


def browser() -> requests.Session:
    """A visitor's browser. Every server is asked for one public host, as behind
    a load balancer (allauth keys its per-account limit on the host); cookies
    ignore the port, so each server gets the same ones."""
    visitor = requests.Session()
    visitor.headers["Host"] = "localhost"
    return visitor


def sign_in(browser: requests.Session, site_url: str, *, email: str, password: str):
    """POST the login form as a browser would (CSRF token from the form)."""
    form = browser.get(f"{site_url}/accounts/login/", timeout=10)
    assert form.status_code == 200, form.status_code
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    return browser.post(
        f"{site_url}/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )


def is_signed_in(browser: requests.Session, site_url: str) -> bool:
    """The learner's own data page answers only a signed-in learner."""
    page = browser.get(
        f"{site_url}/accounts/my-data/", allow_redirects=False, timeout=10
    )
    assert page.status_code in (200, 302), page.status_code
    return page.status_code == 200
