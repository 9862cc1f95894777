"""The production stack on this machine, loaded by Locust, then checked.

Used by bench/load/run.py (50 learners, 3 minutes, PostgreSQL) and by
tests/load/test_short_load.py (10 learners, 20 seconds, the test database).
Everything listens on a free port of 127.0.0.1 and lives in `workdir`:
redis-server, gunicorn with production settings, one `db_worker`, and Locust
in its own process (it patches the standard library with gevent, so it must
never be imported here or by pytest).
"""

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.shared_state.stack import RedisServer, free_port, stop, wait_until

ROOT = Path(__file__).resolve().parents[2]
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
STARTUP_SECONDS = 60
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"


@dataclass
class PageStats:
    name: str
    requests: int
    failures: int
    median_ms: float
    p95_ms: float


@dataclass
class LoadReport:
    users: int
    seconds: int
    pages: list[PageStats]
    failures: list[str]  # Locust's failure lines: "POST quiz: submit: 500 ... x3"
    server_errors: int  # 5xx answers, and PDFs that were not PDFs
    lost: list[str]  # site_plan.lost_records: what the database does not hold
    server_log_errors: list[str] = field(default_factory=list)
    zips: list[dict] = field(default_factory=list)  # the trainer's: entries, seconds

    @property
    def passed(self) -> bool:
        return not (self.server_errors or self.lost or self.server_log_errors)

    def requests(self, name: str) -> int:
        return sum(page.requests for page in self.pages if page.name == name)

    def table(self) -> str:
        lines = [
            f"{'page':<26} {'requests':>8} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7}"
        ]
        for page in self.pages:
            lines.append(
                f"{page.name:<26} {page.requests:>8} {page.failures:>6} "
                f"{page.median_ms:>7.0f} {page.p95_ms:>7.0f}"
            )
        return "\n".join(lines)


def site_env(
    *, database_url: str, redis_url: str, workdir: Path, smtp_port: int
) -> dict:
    """Production settings, as a deployment sets them, on plain http locally."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "REDIS_URL", "DATABASE_URL", "TASKS_BACKEND")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="load-test-only-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        # Locust plays the proxy too: each visitor's X-Forwarded-For address.
        TRUSTED_PROXY_COUNT="1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        STATIC_ROOT=str(workdir / "static"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        # Nothing listens there: an email the run queues fails and is retried.
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
    )
    return env


class LoadStack:
    """Redis, gunicorn and a task worker against `database_url` (migrated)."""

    def __init__(self, *, workdir: Path, database_url: str, workers: int):
        self.workdir = workdir
        self.redis = RedisServer(workdir)
        self.env = site_env(
            database_url=database_url,
            redis_url=self.redis.url,
            workdir=workdir,
            smtp_port=free_port(),
        )
        self.workers = workers
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []

    def manage(self, *args: str) -> str:
        return self.python_in_site(
            f"from django.core.management import call_command\ncall_command(*{args!r})"
        )

    def python_in_site(self, code: str, timeout: int = 600) -> str:
        """Python with Django set up as the servers are; returns its stdout."""
        result = subprocess.run(
            [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
            cwd=ROOT,
            # Work the setup queues (search and reference indexing) is done
            # there and then, not by the worker during the run.
            env={**self.env, "TASKS_BACKEND": IMMEDIATE_TASKS},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"In the site:\n{code}\n{result.stderr}")
        return result.stdout

    def prepare(self, *, providers: int, certificates: int) -> Path:
        """The plan for the simulated people, written to a file Locust reads."""
        out = self.python_in_site(
            "import json\n"
            "from bench.load.site_plan import prepare\n"
            f"print(json.dumps(prepare(providers={providers},"
            f" certificates={certificates})))"
        )
        plan = self.workdir / "plan.json"
        plan.write_text(out.strip().splitlines()[-1])
        return plan

    def start(self) -> str:
        """collectstatic, gunicorn and the worker; the site's base URL."""
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        port = free_port()
        self._spawn(
            "gunicorn",
            "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(self.workers),
            "--timeout", "60",
            "--no-control-socket",
        )  # fmt: skip
        self._spawn("worker", "manage.py", "db_worker", "--no-reload")
        base = f"http://127.0.0.1:{port}"
        wait_until(
            lambda: self._answers(base), seconds=STARTUP_SECONDS, what="gunicorn"
        )
        return base

    def _spawn(self, name: str, *args: str) -> None:
        log = self.workdir / f"{name}.log"
        self.logs.append(log)
        self.processes.append(
            subprocess.Popen(
                [sys.executable, *args],
                cwd=ROOT,
                env=self.env,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )

    def _answers(self, base: str) -> bool:
        import requests

        for process, log in zip(self.processes, self.logs, strict=True):
            assert process.poll() is None, f"{log.name} exited:\n{log.read_text()}"
        try:
            return requests.get(base + "/accounts/login/", timeout=10).ok
        except (requests.ConnectionError, requests.Timeout):  # not serving yet
            return False

    def run_locust(
        self, *, base: str, plan: Path, users: int, seconds: int, pause: str
    ):
        """Locust headless for `seconds`; the users finish the journey they are in."""
        records = self.workdir / "records.jsonl"
        records.touch()
        prefix = self.workdir / "locust"
        subprocess.run(
            [
                sys.executable, "-m", "locust",
                "-f", str(LOCUSTFILE),
                "--headless", "--only-summary",
                "--host", base,
                "--users", str(users),
                "--spawn-rate", str(max(users // 5, 1)),
                "--run-time", f"{seconds}s",
                "--stop-timeout", "60",
                "--csv", str(prefix),
                "--loglevel", "WARNING",
                "--exit-code-on-error", "0",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_PLAN": str(plan), "LOAD_RECORDS": str(records),
                 "LOAD_PAUSE": pause},
            check=True,
            capture_output=True,
            timeout=seconds + 180,
        )  # fmt: skip
        return records, prefix

    def report(self, *, users: int, seconds: int, records: Path, prefix: Path):
        events = [json.loads(line) for line in records.read_text().splitlines()]
        lost = json.loads(
            self.python_in_site(
                "import json\n"
                "from bench.load.site_plan import lost_records\n"
                f"events = [json.loads(line) for line in open({str(records)!r})]\n"
                "print(json.dumps(lost_records(events)))"
            )
            .strip()
            .splitlines()[-1]
        )
        return LoadReport(
            users=users,
            seconds=seconds,
            pages=_page_stats(Path(f"{prefix}_stats.csv")),
            failures=_failures(Path(f"{prefix}_failures.csv")),
            server_errors=sum(e["event"] == "server_error" for e in events),
            lost=lost,
            server_log_errors=self._logged_errors(),
            zips=[e for e in events if e["event"] == "zip"],
        )

    def _logged_errors(self) -> list[str]:
        return [
            f"{log.name}: {line.strip()}"
            for log in self.logs
            for line in log.read_text().splitlines()
            if "Traceback" in line or " ERROR " in line or "[CRITICAL]" in line
        ]

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop(process)
        self.redis.stop()


def _page_stats(path: Path) -> list[PageStats]:
    with path.open() as stats:
        return [
            PageStats(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                median_ms=float(row["50%"] if row["50%"] != "N/A" else 0),
                p95_ms=float(row["95%"] if row["95%"] != "N/A" else 0),
            )
            for row in csv.DictReader(stats)
            if row["Name"] != "Aggregated"
        ]


def _failures(path: Path) -> list[str]:
    with path.open() as failures:
        return [
            f"{row['Method']} {row['Name']}: {row['Error']} x{row['Occurrences']}"
            for row in csv.DictReader(failures)
        ]
