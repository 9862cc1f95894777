from allauth.account.views import LoginView


class RateLimitedLoginView(LoginView):
    """allauth's login, answering 429 once its failed-login limit is hit.

    allauth reports the limit as a form error with status 200; a 429 lets
    proxies, monitoring and scripted clients see the brute-force block too.
    """

    def form_invalid(self, form):
        response = super().form_invalid(form)
        codes = {error.code for error in form.non_field_errors().as_data()}
        if "too_many_login_attempts" in codes:
            response.status_code = 429
        return response
