"""The language a visitor chose is remembered: English addresses lead them back to it.

The switcher stores the choice in Django's language cookie. A visitor who chose
Spanish or Portuguese and then opens an English address (a shared link, a
bookmark, the address printed on a certificate) is sent to the same page in
their language, where that page exists; otherwise they stay on the English.
Addresses under /es/ or /pt/ always show what they name.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from audiences.serving import route
from translations.alternates import alternates

SAFE_METHODS = ("GET", "HEAD")


class RememberedLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._remembered_language(request)
        if language:
            target = self._same_page_in(request, language)
            if target and target != request.get_full_path():
                return _private(HttpResponseRedirect(target))
        return self.get_response(request)

    def _remembered_language(self, request) -> str | None:
        if request.method not in SAFE_METHODS:
            return None
        if translation.get_language_from_path(request.path_info):
            return None
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language == settings.LANGUAGE_CODE or language not in dict(
            settings.LANGUAGES
        ):
            return None
        return language

    def _same_page_in(self, request, language: str) -> str | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return translate_url(request.get_full_path(), language)
        found = route(request, match.args[0] if match.args else "")
        if found is None:
            return None
        for alternate in alternates(request, page=found[0]):
            if alternate.code == language and alternate.translated:
                return alternate.url
        return None


def _private(response):
    """This answer depends on one visitor's cookie: no shared cache may keep it
    (an English reader must never be sent to Spanish by someone else's choice)."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    patch_vary_headers(response, ("Cookie",))
    return response
