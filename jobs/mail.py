"""Emails sent by the task worker, retried while the mail server is down.

The caller renders the message (in the reader's language, as now) and hands it
over; the job only sends it. A request or a cron run therefore never waits on
SMTP nor fails with it: a server that is down delays the email (the job
retries, jobs/retry.py) and a trainer sees the failures in the jobs report.
"""

from django.core.mail import EmailMessage

from jobs.models import Job
from jobs.retry import job_start, job_task

EMAIL_ATTEMPTS = 5  # the last one about 2.5 hours after the first (RETRY_DELAYS)


def email_later(message: EmailMessage, *, label: str, by=None) -> Job:
    """Queue a plain-text email without attachments; `label` names it for
    trainers, so never put the recipient's name or address in it."""
    if message.attachments or getattr(message, "alternatives", None):
        raise ValueError("email_later sends plain text only")
    return job_start(
        email_send,
        label=label,
        by=by,
        params={
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
            "headers": dict(message.extra_headers),
        },
        max_attempts=EMAIL_ATTEMPTS,
    )


@job_task()
def email_send(job: Job) -> int:
    params = job.params
    return EmailMessage(
        subject=params["subject"],
        body=params["body"],
        from_email=params["from_email"],
        to=params["to"],
        cc=params["cc"],
        bcc=params["bcc"],
        reply_to=params["reply_to"],
        headers=params["headers"],
    ).send()
