import logging

from allauth.account.adapter import get_adapter
from allauth.account.views import LoginView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm
from accounts.privacy import account_delete, learner_data
from config.cache_backends import cache_is_reachable

logger = logging.getLogger(__name__)


class RateLimitedLoginView(LoginView):
    """allauth's login, answering 429 once its failed-login limit is hit.

    allauth reports the limit as a form error with status 200; a 429 lets
    proxies, monitoring and scripted clients see the brute-force block too.
    """

    def dispatch(self, request, *args, **kwargs):
        # With the cache (Redis) down, allauth's per-address limit on every
        # login would wait a second for its lock and answer a bare 429: say
        # plainly instead that signing in is paused (accounts/adapter.py).
        if request.method == "POST" and not cache_is_reachable(cache):
            logger.error("Login refused: the rate-limit cache is unreachable")
            messages.error(request, get_adapter(request).error_messages["login_paused"])
            return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        codes = {error.code for error in form.non_field_errors().as_data()}
        if "too_many_login_attempts" in codes:
            response.status_code = 429
        return response


@login_required
def my_data(request):
    """GET: what we keep and why. With ?download=1: all of it as a JSON file."""
    if request.GET.get("download"):
        data = learner_data(user=request.user)
        response = JsonResponse(data, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = 'attachment; filename="my-training-data.json"'
        return response
    return render(request, "accounts/my_data.html")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(
            user=user, revoke_certificates=form.cleaned_data["revoke_certificates"]
        )
        messages.success(
            request, gettext("Your account and your training records are deleted.")
        )
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
