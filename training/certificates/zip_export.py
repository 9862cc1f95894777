"""A trainer's ZIP of certificate PDFs, of any size, built by the task worker.

The request records which certificates the report selected (their ids, so the
ZIP holds what the trainer saw even if filters would match more by the time it
runs) and returns; the job writes the ZIP to a temporary file, a batch of
certificates at a time, and stores it in the private storage for the job's
download link. Each PDF comes from `certificate_pdf_bytes`: a stored file when
it is current, so a ZIP of 1,000 mostly reads files instead of rendering.
"""

import tempfile
import zipfile

from django.core.files import File
from django.utils.text import slugify
from wagtail.models import Site

from jobs.models import Job
from jobs.retry import job_progress, job_start, job_task
from training.certificates import stored
from training.models import Certificate

BATCH = 100  # certificates loaded per query
PROGRESS_EVERY = 10  # save progress after this many PDFs
DOWNLOAD_PERMISSION = "training.view_certificate"


def certificate_zip_start(*, certificate_ids: list[int], site: Site | None, by) -> Job:
    count = len(certificate_ids)
    return job_start(
        certificate_zip_build,
        label=f"ZIP of {count} certificate{'' if count == 1 else 's'}",
        by=by,
        params={
            "certificate_ids": certificate_ids,
            "site_id": site.pk if site else None,
        },
        total=count,
        download_permission=DOWNLOAD_PERMISSION,
    )


def zip_entry_name(certificate: Certificate) -> str:
    # The code's start keeps two people with the same name apart.
    name = slugify(certificate.printed_name)[:40] or "certificate"
    return f"{name}-{certificate.code[:8]}.pdf"


@job_task()
def certificate_zip_build(job: Job) -> int:
    """Every selected certificate still on record, as PDFs in one ZIP."""
    ids = job.params["certificate_ids"]
    site_id = job.params.get("site_id")
    site = Site.objects.filter(pk=site_id).first() if site_id else None
    job_progress(job, done=0)
    written = 0
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                found = Certificate.objects.select_related(
                    "user", "audience", "module"
                ).in_bulk(batch)
                for done, certificate_id in enumerate(batch, start=start + 1):
                    certificate = found.get(certificate_id)
                    if certificate is not None:  # deleted since: nothing to print
                        archive.writestr(
                            zip_entry_name(certificate),
                            stored.certificate_pdf_bytes(certificate, site=site),
                        )
                        written += 1
                    if done % PROGRESS_EVERY == 0:
                        job_progress(job, done=done)
        spool.seek(0)
        if job.result_file:  # a retry replaces what an earlier attempt stored
            job.result_file.delete(save=False)
        job.result_file.save(f"jobs/{job.pk}/certificates.zip", File(spool), save=False)
    Job.objects.filter(pk=job.pk).update(
        result_file=job.result_file.name, done=len(ids)
    )
    return written
