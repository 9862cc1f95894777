"""A training request (a submission of the Wagtail request form) becomes an
organisation with a booked live session, and the requester hears about it."""

from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.contrib.forms.models import FormSubmission

from audiences.models import TrainingRequestPage
from jobs.mail import email_later
from organisations.models import Organisation, TrainingSession

# The form's questions as training/curriculum/site.yaml names them (clean names
# are kept by every translation of the page).
ORGANISATION, AUDIENCE = "organisation", "audience"
PARTICIPANTS = "number_of_participants"
CONTACT_NAME, CONTACT_PHONE = "contact_name", "contact_phone"
PREFERRED_DATES = "preferred_dates"


@dataclass(frozen=True)
class TrainingRequest:
    """What the requester wrote, read from the stored submission."""

    submission: FormSubmission
    page: TrainingRequestPage
    organisation: str
    audience: str
    participants: int | None
    preferred_dates: str
    contact_name: str
    contact_email: str
    contact_phone: str

    @property
    def language(self) -> str:
        return self.page.locale.language_code


def training_request_submissions():
    """Every submission of the request form, in any language, newest first."""
    pages = TrainingRequestPage.objects.values_list("pk", flat=True)
    return FormSubmission.objects.filter(page_id__in=list(pages)).order_by(
        "-submit_time", "-pk"
    )


def training_request_read(*, submission: FormSubmission) -> TrainingRequest:
    page = TrainingRequestPage.objects.select_related("locale").get(
        pk=submission.page_id
    )
    data = submission.form_data
    # "The submission's email field": whichever question asks for an email.
    email_fields = page.form_fields.filter(field_type="email").values_list(
        "clean_name", flat=True
    )
    email = next((data.get(name) for name in email_fields if data.get(name)), "")
    try:
        participants = int(data.get(PARTICIPANTS))
    except (TypeError, ValueError):
        participants = None
    return TrainingRequest(
        submission=submission,
        page=page,
        organisation=str(data.get(ORGANISATION, "")),
        audience=str(data.get(AUDIENCE, "")),
        participants=participants,
        preferred_dates=str(data.get(PREFERRED_DATES, "")),
        contact_name=str(data.get(CONTACT_NAME, "")),
        contact_email=str(email or ""),
        contact_phone=str(data.get(CONTACT_PHONE, "")),
    )


def training_request_book(
    *,
    request: TrainingRequest,
    organisation_fields: dict,
    session_fields: dict,
    trainer,
) -> tuple[TrainingSession, bool]:
    """Create the organisation and its session together, then tell the requester.

    Returns the session and whether an email to the requester was queued.
    """
    with transaction.atomic():
        organisation = Organisation.objects.create(**organisation_fields)
        session = TrainingSession(
            organisation=organisation, trainer=trainer, **session_fields
        )
        session.full_clean()
        session.save()
    emailed = bool(request.contact_email)
    if emailed:
        _email_requester(request=request, session=session)
    return session, emailed


def _email_requester(*, request: TrainingRequest, session: TrainingSession) -> None:
    # The language they filled the form in: the request page's own.
    with translation.override(request.language):
        context = {
            "request": request,
            "session": session,
            "organisation": session.organisation,
        }
        message = EmailMessage(
            subject=gettext("Your CSEC training is booked: %(date)s")
            % {"date": _local_date(session)},
            body=render_to_string(
                "organisations/members/emails/session_booked.txt", context
            ),
            to=[request.contact_email],
        )
    # The task worker sends it, retrying while the mail server is down: the
    # booking stands either way, and a failure shows in the jobs report.
    email_later(message, label="Training booked: email to the requester")


def _local_date(session: TrainingSession) -> str:
    return date_format(timezone.localtime(session.starts_at), "DATE_FORMAT")
