"""A manager's dashboard: assigned training, who is where, exports, reminders
and certificates. Every view goes through `manager_required` (404 for anyone
who is neither a manager of the organisation nor a CAC trainer). Thin: the
selectors and services decide."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from config.ratelimits import over_limit
from organisations.exports import export_response
from organisations.forms.assignments import AssignForm, FilterForm
from organisations.models import (
    ArchiveStatus,
    Assignment,
    CertificateArchive,
    MemberGroup,
)
from organisations.permissions import manager_required
from organisations.selectors.assignments import organisation_member_assignments
from organisations.selectors.dashboard import (
    archive_is_busy,
    dashboard_read,
    filter_rows,
    latest_archive_of,
    latest_archives,
)
from organisations.services.assignments import AssignmentError, assignments_create
from organisations.tasks import assignment_remind_now_start, certificate_archive_start
from training.responses import private_response

ROWS_PER_PAGE = 100


def _read(request, organisation):
    """The dashboard's data and the filter form, from the query string."""
    dashboard = dashboard_read(organisation=organisation, filters={})
    form = FilterForm(
        request.GET or None,
        groups=dashboard.groups,
        assignments=dashboard.assignments,
    )
    dashboard.rows = filter_rows(dashboard.rows, **form.filters())
    return dashboard, form


@manager_required
@require_GET
def dashboard(request, organisation):
    return _render_dashboard(request, organisation)


def _render_dashboard(request, organisation, assign_form=None):
    data, filter_form = _read(request, organisation)
    page = Paginator(data.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation,
        "data": data,
        "summaries": [
            (summary, latest_archive_of(summary.assignment))
            for summary in data.summaries
        ],
        "filter_form": filter_form,
        "rows_page": page,
        "query": query.urlencode(),
        "assign_form": assign_form or AssignForm(groups=data.groups),
    }
    status = 400 if assign_form is not None else 200
    return private_response(
        render(
            request, "organisations/dashboard/dashboard.html", context, status=status
        )
    )


@manager_required
@require_POST
def assign(request, organisation):
    groups = list(MemberGroup.objects.filter(organisation=organisation))
    form = AssignForm(request.POST, groups=groups)
    if form.is_valid():
        try:
            made = assignments_create(
                organisation=organisation,
                modules=form.cleaned_data["modules"],
                group=form.cleaned_data["group"],
                due_on=form.cleaned_data["due_on"],
                renew_every_months=form.cleaned_data["renew_every_months"],
                assigned_by=request.user,
            )
        except AssignmentError as error:
            form.add_error("due_on", error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Assigned %(count)d module.",
                    "Assigned %(count)d modules.",
                    len(made),
                )
                % {"count": len(made)},
            )
            return redirect("organisations:dashboard", organisation_id=organisation.pk)
    return _render_dashboard(request, organisation, assign_form=form)


@manager_required
@require_GET
def export(request, organisation, kind: str):
    if kind not in {"csv", "xlsx"}:
        raise Http404
    data, _form = _read(request, organisation)
    return export_response(
        data.rows, organisation=organisation, kind=kind, today=timezone.localdate()
    )


def _assignment(organisation, assignment_id) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("module", "group"),
        pk=assignment_id,
        organisation=organisation,
    )


@manager_required
@require_POST
def remind(request, organisation, assignment_id: int):
    assignment = _assignment(organisation, assignment_id)
    if over_limit(
        request, action="organisation_remind", key=f"assignment:{assignment.pk}"
    ):
        messages.error(
            request,
            gettext(
                "A reminder about “%(title)s” was already sent today. You can send "
                "another tomorrow; scheduled reminders still go out."
            )
            % {"title": assignment.module.title},
        )
    else:
        assignment_remind_now_start(assignment=assignment)
        messages.success(
            request,
            gettext(
                "Reminders about “%(title)s” are on their way to everyone not done."
            )
            % {"title": assignment.module.title},
        )
    return redirect("organisations:dashboard", organisation_id=organisation.pk)


@manager_required
@require_POST
def archive_start(request, organisation, assignment_id: int):
    assignment = _assignment(organisation, assignment_id)
    latest = latest_archives(organisation=organisation).get(assignment.pk)
    if archive_is_busy(latest):
        archive = latest
    else:
        archive = certificate_archive_start(assignment=assignment, by=request.user)
    return redirect(
        "organisations:dashboard_archive",
        organisation_id=organisation.pk,
        archive_id=archive.pk,
    )


def _archive(organisation, archive_id, *, with_content=False) -> CertificateArchive:
    archives = CertificateArchive.objects.select_related(
        "assignment", "assignment__module"
    ).filter(assignment__organisation=organisation)
    if not with_content:
        archives = archives.defer("content")
    return get_object_or_404(archives, pk=archive_id)


@manager_required
@require_GET
def archive(request, organisation, archive_id: int):
    found = _archive(organisation, archive_id)
    context = {
        "organisation": organisation,
        "archive": found,
        "busy": archive_is_busy(found),
        "ready": found.status == ArchiveStatus.READY,
    }
    response = render(request, "organisations/dashboard/archive.html", context)
    if context["busy"]:
        response["Refresh"] = "5"  # the page checks again; no script needed
    return private_response(response)


@manager_required
@require_GET
def archive_download(request, organisation, archive_id: int):
    found = _archive(organisation, archive_id, with_content=True)
    if found.status != ArchiveStatus.READY:
        raise Http404
    response = HttpResponse(bytes(found.content), content_type="application/zip")
    filename = f"certificates-{found.assignment.module.slug}-{found.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private_response(response)


@manager_required
@require_GET
def certificate(request, organisation, code: str):
    """A member's certificate for a module the organisation assigned them; 404
    for anything else (other modules, former members, revoked)."""
    from training.certificates.pdf import (
        document_for_certificate,
        pdf_response,
        render_certificate_pdf,
    )
    from training.certificates.selectors import certificate_lookup

    found = certificate_lookup(raw_code=code)
    if found is None or found.is_revoked:
        raise Http404
    rows = organisation_member_assignments(
        organisation=organisation,
        assignments=Assignment.objects.filter(
            organisation=organisation, module_id=found.module_id
        ).select_related("module", "group"),
    )
    if not any(
        row.certificate is not None and row.certificate.pk == found.pk for row in rows
    ):
        raise Http404
    document = document_for_certificate(found)
    pdf = render_certificate_pdf(document, site=Site.find_for_request(request))
    return pdf_response(pdf, filename=document.filename)
