"""Certificate pages: claim, download, email a copy, verify. Thin: services decide."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from audiences.page_tree import exclude_unpublished_branches
from config.ratelimits import over_limit
from training.certificates.codes import CertificateError
from training.certificates.forms import ClaimForm, PrintedNameForm, VerifyForm
from training.certificates.pdf import (
    document_for_anonymous,
    pdf_response,
    render_certificate_pdf,
)
from training.certificates.selectors import (
    certificate_for_download,
    certificate_lookup,
    claim_state,
    module_title_in,
    passing_score,
)
from training.certificates.services import certificate_email_queue, certificate_issue
from training.certificates.stored import certificate_pdf
from training.models import TrainingModulePage
from training.responses import private_response

logger = logging.getLogger(__name__)


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return private_response(response)


def _certificate_module(module_id: int) -> TrainingModulePage:
    modules = exclude_unpublished_branches(
        TrainingModulePage.objects.live().filter(issues_certificate=True)
    )
    return get_object_or_404(modules, pk=module_id)


@require_http_methods(["GET", "POST"])
def certificate_claim(request, module_id: int):
    module = _certificate_module(module_id)
    learner = request.learner
    if not learner.is_authenticated:
        if module.audience.for_minors:
            return _anonymous_claim(request, module)
        return _ask_for_an_account(request, module)
    state = claim_state(learner=learner, module=module)
    form_class = _claim_form_class(module)
    form = form_class(initial={"printed_name": request.user.name})
    if request.method == "POST" and state.certificate and not state.can_claim:
        # A second click or tab after the first issued it: show that one.
        return redirect("certificate_claim", module_id=module.pk)
    if request.method == "POST" and state.can_claim:
        form = form_class(request.POST)
        if form.is_valid():
            try:
                certificate_issue(
                    user=request.user,
                    module=module,
                    printed_name=form.cleaned_data["printed_name"],
                    licence_number=form.cleaned_data.get("licence_number", ""),
                )
            except CertificateError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, gettext("Your certificate is ready."))
                return redirect("certificate_claim", module_id=module.pk)
    context = {"module": module, "state": state, "form": form}
    status = 200 if state.can_claim or state.certificate else 403
    if form.errors:
        status = 400
    return private_response(
        render(request, "training/certificates/claim.html", context, status=status)
    )


def _claim_form_class(module):
    """Adults may add a licence or registration number; youth are never asked."""
    return PrintedNameForm if module.audience.for_minors else ClaimForm


def _ask_for_an_account(request, module):
    """An adult who learned without an account: sign up or log in to keep the
    certificate. Lessons and passed attempts move to the account at that moment."""
    state = claim_state(learner=request.learner, module=module)
    context = {"module": module, "state": state, "next_url": request.path}
    status = 200 if state.needs_account else 403
    return private_response(
        render(request, "training/certificates/claim.html", context, status=status)
    )


def _anonymous_claim(request, module):
    """A name typed now, printed once, never stored; the PDF says it is unverifiable."""
    state = claim_state(learner=request.learner, module=module)
    form = PrintedNameForm(request.POST if request.method == "POST" else None)
    form.fields["printed_name"].help_text = gettext(
        "Type the name you want on it. We do not keep it: it is printed once."
    )
    if state.can_claim and form.is_valid():
        score = passing_score(learner=request.learner, module=module)
        document = document_for_anonymous(
            module=module, printed_name=form.cleaned_data["printed_name"], score=score
        )
        site = Site.find_for_request(request)
        pdf = render_certificate_pdf(document, site=site)
        return pdf_response(pdf, filename=document.filename)
    context = {"module": module, "state": state, "form": form, "anonymous": True}
    status = 400 if form.errors else (200 if state.can_claim else 403)
    return private_response(
        render(request, "training/certificates/claim.html", context, status=status)
    )


@login_required
def certificate_download(request, code: str):
    certificate = certificate_for_download(user=request.user, raw_code=code)
    if certificate is None:
        raise Http404  # never say whether someone else's code exists
    try:
        pdf = certificate_pdf(certificate, site=Site.find_for_request(request))
    except Exception:
        # The certificate and the grade are already saved: only the file failed.
        logger.exception("Certificate PDF failed for certificate %s", certificate.pk)
        messages.error(
            request,
            gettext(
                "Your certificate is safe, but its PDF could not be made just now. "
                "Please try again in a minute."
            ),
        )
        return redirect("my_training")
    return pdf_response(pdf.content, filename=pdf.filename)


@login_required
@require_POST
def certificate_email(request, code: str):
    certificate = certificate_lookup(raw_code=code)
    if certificate is None or certificate.user_id != request.user.pk:
        raise Http404
    if certificate.is_revoked:
        messages.error(
            request, gettext("This certificate was revoked, so it cannot be sent.")
        )
    elif over_limit(request, action="certificate_email", key=str(request.user.pk)):
        messages.error(
            request,
            gettext(
                "You have asked for several copies already. Please try again later."
            ),
        )
    else:
        # Queued, not sent here: a slow or failed mail server must not hold
        # up or break the page (the job retries until it goes).
        certificate_email_queue(
            certificate=certificate, site=Site.find_for_request(request)
        )
        messages.success(
            request,
            gettext("A copy is on its way to %(email)s.")
            % {"email": request.user.email},
        )
    return redirect("my_training")


def certificate_verify(request):
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("certificate_verify_code", code=form.cleaned_data["code"])
    response = render(
        request,
        "training/certificates/verify.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
    if not form.is_bound:
        # The empty form is the same for everyone: the page cache may keep it.
        response["X-Robots-Tag"] = "noindex"
        return response
    return _noindex(response)


def certificate_verify_code(request, code: str):
    if over_limit(request, action="certificate_verify"):
        response = render(
            request, "training/certificates/verify.html", {"too_many": True}, status=429
        )
        response["Retry-After"] = "60"
        return _noindex(response)
    certificate = certificate_lookup(raw_code=code)
    context = {
        "certificate": certificate,
        "status": certificate.status if certificate else "not_found",
        "form": VerifyForm(),
        # The training's name in the visitor's language, as they know it.
        "module_title": module_title_in(certificate, get_language())
        if certificate
        else "",
    }
    return _noindex(
        render(
            request,
            "training/certificates/verify.html",
            context,
            status=200 if certificate else 404,
        )
    )
