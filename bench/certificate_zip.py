"""Time a trainer's ZIP of 1,000 certificates: the request that starts it, then
the job in the task worker. Run by hand:

    .venv/bin/python bench/certificate_zip.py [--count 1000] [--fake-pdfs]

Builds a throwaway in-memory SQLite database (test settings, the database task
backend), one certificate module and `count` learners with a certificate each,
then through Django's test client, as a signed-in trainer, POSTs the report's
"Download PDFs (ZIP)" (median and max of 5 starts; target < 200 ms), and runs
the worker (`db_worker --batch`, in-process) on one of those jobs twice: first
with every PDF rendered (nothing stored yet), then again reading the PDFs the
first run stored. --fake-pdfs skips rendering to time the ZIP itself.
"""

import argparse
import os
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("DATABASE_URL", None)  # never touch a real database

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

STARTS = 5
ZIP_URL = "/admin/reports/certificates/zip/"


def build(count: int):
    from accounts.roles import ensure_staff_groups
    from audiences.setup import setup_site
    from tests.jobs.helpers import bulk_certificates
    from tests.training.certificates.builders import (
        make_certificate_module,
        make_trainer,
    )

    home = setup_site()
    module = make_certificate_module(title="Recognizing and reporting CSEC")
    bulk_certificates(module, count=count)
    return make_trainer(ensure_staff_groups(home=home))


def run_worker() -> float:
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    started = time.perf_counter()
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    return time.perf_counter() - started


def start_zip(client) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.post(ZIP_URL)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed, int(response["Location"].rstrip("/").rsplit("/", 1)[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--fake-pdfs", action="store_true")
    options = parser.parse_args()

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    from django_tasks_db.models import DBTaskResult

    from jobs.models import Job, JobStatus
    from training.certificates import stored

    if options.fake_pdfs:
        stored.certificate_pdf_bytes = lambda certificate, site=None: (
            b"%PDF-fake " + certificate.code.encode()
        )
    built = time.perf_counter()
    trainer = build(options.count)
    print(
        f"built {options.count:,} certificates in {time.perf_counter() - built:.1f} s"
    )

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        client = Client()
        client.force_login(trainer)
        assert client.get(ZIP_URL).status_code == 200  # warm the caches
        starts = [start_zip(client) for _ in range(STARTS)]
        timings = [elapsed for elapsed, _job_id in starts]
        job_ids = [job_id for _elapsed, job_id in starts]
        # Keep one job of the five for the worker.
        Job.objects.filter(pk__in=job_ids[1:]).delete()
        DBTaskResult.objects.exclude(args_kwargs__args=[job_ids[0]]).delete()

        first = run_worker()
        job = Job.objects.get(pk=job_ids[0])
        assert job.status == JobStatus.SUCCEEDED, (job.status, job.error)
        size = job.result_file.size

        # The same ZIP again: the PDFs the first run rendered are stored now.
        _elapsed, again_id = start_zip(client)
        second = run_worker()
        assert Job.objects.get(pk=again_id).status == JobStatus.SUCCEEDED

    median = statistics.median(timings)
    label = "fake" if options.fake_pdfs else "real"
    print(f"certificate ZIP of {options.count:,} ({label} PDFs, {size:,} bytes)")
    print(
        f"  starting request: median {median * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms over {STARTS}"
    )
    print(
        f"  job, PDFs rendered: {first:7.1f} s "
        f"({first / options.count * 1000:.1f} ms per certificate)"
    )
    print(
        f"  job, PDFs stored:   {second:7.1f} s "
        f"({second / options.count * 1000:.1f} ms per certificate)"
    )
    verdict = "OK" if max(timings) < 0.2 else "SLOW"
    print(f"  target: starting request < 200 ms -> {verdict}")


if __name__ == "__main__":
    main()
