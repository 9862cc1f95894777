"""SECURITY.md settings: headers on every response, production-only hardening."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", ["/", "/youth/", "/accounts/login/", "/no-such-page/"])
def test_security_headers_on_public_responses(client, home, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp


def test_the_admin_alone_gets_the_looser_policy(client, staff_groups):
    from tests.factories import make_staff

    make_staff(client=client, group=staff_groups["CAC trainers"])
    admin_csp = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin_csp
    public_csp = client.get("/")["Content-Security-Policy"]
    assert "unsafe-inline" not in public_csp


def production_value(expression: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="training.example.org")
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    env.pop("SITE_URL", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_hardening():
    assert production_value("settings.DEBUG") == "False"
    assert int(production_value("settings.SECURE_HSTS_SECONDS")) >= 31536000
    assert production_value("settings.SECURE_SSL_REDIRECT") == "True"
    assert production_value("settings.SESSION_COOKIE_SECURE") == "True"
    assert production_value("settings.CSRF_COOKIE_SECURE") == "True"
    # Rate limits need a real cache: never the dummy one.
    assert "Dummy" not in production_value("settings.CACHES['default']['BACKEND']")
    assert production_value("settings.ACCOUNT_PREVENT_ENUMERATION") == "True"
    assert production_value("settings.REQUIRE_STAFF_MFA") == "True"
    assert production_value("settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED") == "False"
    assert "/accounts/login/" in production_value("settings.WAGTAILADMIN_LOGIN_URL")
    # Certificates print the public address, not a development default.
    assert production_value("settings.WAGTAILADMIN_BASE_URL") == (
        "https://training.example.org"
    )


def test_production_uses_redis_when_given(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    env_backend = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "training.example.org",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Django's RedisCache, made to degrade to misses when Redis is down.
    assert env_backend.stdout.strip() == "config.cache_backends.ResilientRedisCache"
