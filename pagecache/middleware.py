"""Whole pages for visitors without a session, served from the cache.

A first-time visitor (no session cookie, nothing of theirs on the server) sees
exactly what every other first-time visitor sees, so the rendered page is kept
under the site generation, the host, the language and the address. Anything
else goes through untouched: a learner with a session, a response that sets a
cookie (a new session, a message), an error, the admin, any view not listed.

Forms keep their CSRF protection: the stored copy holds a placeholder where
each token was, and every visitor gets their own token (and cookie) put back
in when the page is served.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve

from pagecache import csrf_tokens
from pagecache.generation import generation_key

CACHED_VIEWS = {"wagtail_serve", "certificate_verify"}
# Cookies that do not make a visitor's page their own.
NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
HIT_HEADER = "X-Page-Cache"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request) if self._is_anonymous_read(request) else None
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            return self._serve(stored, request)
        response = self.get_response(request)
        if self._is_shareable(request, response):
            cache.set(key, self._freeze(response), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response

    def _is_anonymous_read(self, request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and set(request.COOKIES) <= NEUTRAL_COOKIES
        )

    def _key(self, request) -> str | None:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        if match.url_name not in CACHED_VIEWS:
            return None
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return generation_key(
            "page", request.get_host(), getattr(request, "LANGUAGE_CODE", ""), address
        )

    def _is_shareable(self, request, response) -> bool:
        session = getattr(request, "session", None)
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not (session is not None and session.modified)
            and not any(word in cache_control for word in ("private", "no-store"))
        )

    def _freeze(self, response) -> dict:
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("content-length", "set-cookie")
        }
        return {
            "status": response.status_code,
            "headers": headers,
            "body": csrf_tokens.punch_out(response.content),
        }

    def _serve(self, stored: dict, request) -> HttpResponse:
        body = csrf_tokens.fill_in(stored["body"], lambda: get_token(request))
        response = HttpResponse(body, status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response
