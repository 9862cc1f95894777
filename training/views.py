"""Thin views: parse the request, call a service or selector, render."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from training.certificates.selectors import (
    claim_state_for,
    latest_certificate_by_module,
)
from training.dashboard_panels import my_training_panels
from training.models import Certificate
from training.selectors import learner_modules


@login_required
def my_training(request):
    certificates = list(
        Certificate.objects.filter(user=request.user)
        .select_related("module")
        .order_by("-issued_at")
    )
    latest = latest_certificate_by_module(certificates)
    modules = [
        (
            module,
            progress,
            claim_state_for(
                module=module,
                progress=progress,
                latest=latest.get(module.translation_key),
                anonymous=False,
            ),
        )
        for module, progress in learner_modules(learner=request.learner)
    ]
    context = {
        "in_progress": [row for row in modules if not row[1].complete],
        "completed": [row for row in modules if row[1].complete],
        "certificates": certificates,
        # Other apps' panels, e.g. training an organisation assigned.
        "panels": my_training_panels(request),
    }
    return render(request, "training/my_training.html", context)
