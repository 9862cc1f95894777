"""Load test of the production stack: 50 learners for 3 minutes. Run by hand:

    .venv/bin/python bench/load/run.py [--users 50] [--seconds 180] [--workers 4]
        [--postgres postgres://postgres@127.0.0.1:5432/postgres]

Makes a new PostgreSQL database (migrate, setup_site, load_curriculum, 300
certificates from earlier), starts redis-server, gunicorn (production
settings, 4 workers) and one task worker, then runs Locust headless against
127.0.0.1: anonymous youth read the youth module, finish its lessons and take
its quiz; providers sign in, finish the provider module, pass its quiz, claim
and download the certificate; a trainer exports every certificate as a ZIP
and waits for it, again and again. Afterwards it checks in the database that
nothing a learner was told was kept is missing, and prints requests, failures
and p50/p95 per page. Exits 1 on any server error or lost record. The database
is dropped at the end unless --keep.
"""

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load.stack import LoadStack  # noqa: E402

PROVIDER_ACCOUNTS_PER_USER = 12  # more than a user can use up in the run
EARLIER_CERTIFICATES = 300


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--postgres", default="postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="load-"))
    database_url = create_database(options.postgres)
    stack = LoadStack(
        workdir=workdir, database_url=database_url, workers=options.workers
    )
    try:
        print(f"building {database_url} (migrate, curriculum) in {workdir} ...")
        stack.manage("migrate", "--noinput", "--verbosity", "0")
        stack.manage("setup_site")
        stack.manage("load_curriculum")
        plan = stack.prepare(
            providers=options.users * PROVIDER_ACCOUNTS_PER_USER,
            certificates=EARLIER_CERTIFICATES,
        )
        base = stack.start()
        print(f"{options.users} users for {options.seconds} s against {base} ...")
        started = time.monotonic()
        records, prefix = stack.run_locust(
            base=base,
            plan=plan,
            users=options.users,
            seconds=options.seconds,
            pause="1,3",
        )
        elapsed = time.monotonic() - started
        report = stack.report(
            users=options.users, seconds=options.seconds, records=records, prefix=prefix
        )
    finally:
        stack.stop()
        if not options.keep:
            drop_database(options.postgres, database_url)
    print_report(report, elapsed=elapsed, workers=options.workers)
    return 0 if report.passed else 1


def print_report(report, *, elapsed: float, workers: int) -> None:
    total = sum(page.requests for page in report.pages)
    failed = sum(page.failures for page in report.pages)
    print(
        f"\n{report.users} users, {report.seconds} s run ({elapsed:.0f} s with the"
        f" journeys' ends), gunicorn -w {workers}, PostgreSQL, Redis, 1 task worker"
    )
    print(report.table())
    print(f"{'all':<26} {total:>8} {failed:>6}   ({total / elapsed:.1f} req/s)")
    for export in report.zips:
        print(
            f"  trainer's ZIP: {export['entries']} PDFs, {export['seconds']} s"
            " from the click to the download"
        )
    for line in report.failures:
        print(f"  failure: {line}")
    print(f"server errors (5xx): {report.server_errors}")
    for line in report.server_log_errors:
        print(f"  logged: {line}")
    print(f"lost records: {len(report.lost)}")
    for line in report.lost:
        print(f"  lost: {line}")
    print("PASS" if report.passed else "FAIL")


def create_database(server_url: str) -> str:
    import psycopg

    name = f"load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(server_url: str, database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
