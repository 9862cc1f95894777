"""Certificate pages: claim, download, email a copy, verify. Thin: services decide."""

import logging
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from audiences.page_tree import exclude_unpublished_branches
from training.certificates import (
    CertificateError,
    certificate_email_send,
    certificate_for_download,
    certificate_issue,
    certificate_lookup,
    claim_state,
    clean_printed_name,
    code_is_well_formed,
    code_normalise,
    passing_score,
)
from training.models import TrainingModulePage
from training.pdf import (
    document_for_anonymous,
    document_for_certificate,
    render_certificate_pdf,
)
from training.responses import private_response

VERIFY_RATE_LIMIT = 20  # lookups per minute per address; CERTIFICATE_VERIFY_RATE_LIMIT
EMAIL_RATE_LIMIT = 5  # copies per hour per learner

logger = logging.getLogger(__name__)


class PrintedNameForm(forms.Form):
    printed_name = forms.CharField(
        label="Name to print on the certificate",
        max_length=150,
        help_text="Check the spelling: this is how your name will appear.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_printed_name(self):
        try:
            return clean_printed_name(self.cleaned_data["printed_name"])
        except CertificateError as error:
            raise forms.ValidationError(str(error)) from error


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=80,
        help_text="It is printed at the bottom of the certificate, e.g. ABCD-EFGH-"
        "JKLM-... Capitals, spaces and dashes do not matter.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        code = code_normalise(self.cleaned_data["code"])
        if not code_is_well_formed(code):
            raise forms.ValidationError(
                "A certificate code has 32 letters and digits (the digits are 2 to 7). "
                "Please check it and try again."
            )
        return code


def _hit_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one request in a fixed window in the shared cache; True when over."""
    bucket = f"{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window)
        count = 1
    return count > limit


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return private_response(response)


def _pdf_response(pdf: bytes, filename: str):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
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
    form = PrintedNameForm(initial={"printed_name": request.user.name})
    if request.method == "POST" and state.certificate and not state.can_claim:
        # A second click or tab after the first issued it: show that one.
        return redirect("certificate_claim", module_id=module.pk)
    if request.method == "POST" and state.can_claim:
        form = PrintedNameForm(request.POST)
        if form.is_valid():
            try:
                certificate_issue(
                    user=request.user,
                    module=module,
                    printed_name=form.cleaned_data["printed_name"],
                )
            except CertificateError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Your certificate is ready.")
                return redirect("certificate_claim", module_id=module.pk)
    context = {"module": module, "state": state, "form": form}
    status = 200 if state.can_claim or state.certificate else 403
    if form.errors:
        status = 400
    return private_response(
        render(request, "training/certificates/claim.html", context, status=status)
    )


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
    form.fields[
        "printed_name"
    ].help_text = "Type the name you want on it. We do not keep it: it is printed once."
    if state.can_claim and form.is_valid():
        score = passing_score(learner=request.learner, module=module)
        document = document_for_anonymous(
            module=module, printed_name=form.cleaned_data["printed_name"], score=score
        )
        site = Site.find_for_request(request)
        return _pdf_response(
            render_certificate_pdf(document, site=site), document.filename
        )
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
    site = Site.find_for_request(request)
    document = document_for_certificate(certificate, site=site)
    try:
        pdf = render_certificate_pdf(document, site=site)
    except Exception:
        # The certificate and the grade are already saved: only the file failed.
        logger.exception("Certificate PDF failed for certificate %s", certificate.pk)
        messages.error(
            request,
            "Your certificate is safe, but its PDF could not be made just now. "
            "Please try again in a minute.",
        )
        return redirect("my_training")
    return _pdf_response(pdf, document.filename)


@login_required
@require_POST
def certificate_email(request, code: str):
    certificate = certificate_lookup(raw_code=code)
    if certificate is None or certificate.user_id != request.user.pk:
        raise Http404
    if certificate.is_revoked:
        messages.error(request, "This certificate was revoked, so it cannot be sent.")
    elif _hit_limit(
        f"certificate-email:{request.user.pk}", limit=EMAIL_RATE_LIMIT, window=3600
    ):
        messages.error(
            request,
            "You have asked for several copies already. Please try again later.",
        )
    else:
        certificate_email_send(
            certificate=certificate, site=Site.find_for_request(request)
        )
        messages.success(request, f"We have emailed a copy to {request.user.email}.")
    return redirect("my_training")


def certificate_verify(request):
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("certificate_verify_code", code=form.cleaned_data["code"])
    status = 400 if form.is_bound else 200
    return _noindex(
        render(
            request, "training/certificates/verify.html", {"form": form}, status=status
        )
    )


def certificate_verify_code(request, code: str):
    limit = getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT)
    address = request.META.get("REMOTE_ADDR", "")
    if _hit_limit(f"certificate-verify:{address}", limit=limit, window=60):
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
    }
    return _noindex(
        render(
            request,
            "training/certificates/verify.html",
            context,
            status=200 if certificate else 404,
        )
    )
