"""Throughput of the production stack, as ratios to its own static file. Run by hand:

    .venv/bin/python bench/throughput.py [--seconds 10] [--redis redis://127.0.0.1:6379/0]

Builds a throwaway SQLite database (migrate, setup_site, load_curriculum),
collects static files, starts gunicorn (2 sync workers, production settings),
makes a signed-in provider learner (a session row made directly), warms each
URL, then runs `wrk -t2 -c8 -d<seconds>s` against the static CSS, home, an
audience page, a module page, a lesson without cookies, and the same lesson with
the learner's session cookie. Ratios are measured in the same run, so a busy
machine moves them less than the raw numbers.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = "/usr/bin/wrk"

MAKE_LEARNER = """
from django.contrib.auth import get_user_model
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from training.models import LessonPage
user = get_user_model().objects.create_user(
    username="bench-provider",
    email="bench-provider@example.org",
    password="bench-pass-1234",
)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
lesson = LessonPage.objects.live().filter(url_path__contains="/providers/").first()
module = lesson.get_parent()
# A provider's lesson times the visit (CE hours), so it starts a session and is
# never cached; a youth lesson is what a first-time visitor reads from the cache.
youth = LessonPage.objects.live().filter(url_path__contains="/youth/").first()
print("LEARNER", session.session_key, module.url, lesson.url, youth.url)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, stdin=None) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wait_until_up(base: str, deadline_seconds: float = 30) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def wrk(url: str, seconds: int, cookie: str = "") -> float:
    args = [WRK, "-t2", "-c8", f"-d{seconds}s"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        args + [url], capture_output=True, text=True, check=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        print(f"  warning: {non_2xx.group(1)} non-2xx responses from {url}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def static_css_path(static_root: Path) -> str:
    css = sorted(static_root.glob("css/*.css")) or sorted(static_root.rglob("*.css"))
    hashed = [p for p in css if re.search(r"\.[0-9a-f]{12}\.css$", p.name)] or css
    return "/static/" + str(hashed[0].relative_to(static_root))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--redis", default="", help="REDIS_URL for cache and sessions")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="throughput-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    if options.redis:
        env["REDIS_URL"] = options.redis

    print("building the database and static files ...")
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    manage(env, "load_curriculum")
    # STATIC_ROOT is fixed by settings (staticfiles/, ignored by git).
    manage(env, "collectstatic", "--noinput")
    shell_out = manage(env, "shell", stdin=MAKE_LEARNER).splitlines()
    learner_line = next(line for line in shell_out if line.startswith("LEARNER "))
    session_key, module_url, lesson_url, youth_lesson_url = learner_line.split()[1:]
    static_url = static_css_path(ROOT / "staticfiles")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base)
        cookie = f"sessionid={session_key}"
        targets = [
            ("static CSS", static_url, ""),
            ("home", "/", ""),
            ("audience", "/providers/", ""),
            ("module", module_url, ""),
            ("youth lesson, anonymous", youth_lesson_url, ""),
            ("provider lesson, anonymous", lesson_url, ""),
            ("lesson, signed in", lesson_url, cookie),
        ]
        results = []
        for name, path, cookie_header in targets:
            wrk(base + path, 2, cookie_header)  # warm caches and workers
            results.append(
                (name, path, wrk(base + path, options.seconds, cookie_header))
            )
    finally:
        server.terminate()
        server.wait(timeout=10)

    static = results[0][2]
    print(
        f"\nwrk -t2 -c8 -d{options.seconds}s, gunicorn -w 2, SQLite"
        f"{', Redis' if options.redis else ''}"
    )
    print(f"{'page':<20} {'req/s':>9} {'of static':>10}  url")
    for name, path, rate in results:
        print(f"{name:<20} {rate:>9.1f} {rate / static:>9.1%}  {path}")


if __name__ == "__main__":
    main()
