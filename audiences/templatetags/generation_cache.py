"""`{% generation_cache %}`: a fragment every page shows, once per site generation.

    {% generation_cache "header" user.is_authenticated per_page %}
      ...
    {% endgeneration_cache %}

The fragment is kept under the site generation (a publish, a snippet or a
setting saved makes a new one), the host and the active language, and under each
value named after its name: name everything the fragment shows that is not the
site's content, such as whether the visitor is signed in. Never a fragment that
shows a learner's own data.

`per_page` is for fragments that show the current page (its address, its
translations): they are kept per page, only where a Wagtail page is served at
its own address (no query string, not a preview); anywhere else, such as a 404
for a made-up address, they render as before, so nothing unbounded is kept.

Forms keep their CSRF protection as on a cached page (pagecache/csrf_tokens.py):
the stored copy holds a placeholder, and each visitor gets their own token back,
the one every other form on the page has.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail.models import Page

from pagecache import csrf_tokens
from pagecache.generation import generation_key

register = template.Library()

CACHE_SECONDS = 60 * 60


class GenerationCacheNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list, per_page: bool):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.per_page = per_page

    def render(self, context):
        key = self._key(context)
        if key is None:
            return self.nodelist.render(context)
        stored = cache.get(key)
        if stored is None:
            html = self.nodelist.render(context)
            cache.set(key, csrf_tokens.punch_out(html.encode()), CACHE_SECONDS)
            return html
        filled = csrf_tokens.fill_in(stored, lambda: _csrf_token(context))
        # A node's output is never escaped again, as with Django's {% cache %}.
        return filled.decode()

    def _key(self, context) -> str | None:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return None
        values = [var.resolve(context) for var in self.vary_on]
        if self.per_page:
            page = context.get("page")
            if not isinstance(page, Page) or request.META.get("QUERY_STRING"):
                return None
            values += [page.pk, request.path]
        vary = hashlib.sha256(repr(values).encode()).hexdigest()
        return generation_key(
            "fragment",
            self.name,
            request.get_host(),
            translation.get_language(),
            vary,
        )


def _csrf_token(context) -> str:
    """The token the rest of the page's forms get ({% csrf_token %} reads it)."""
    token = context.get("csrf_token")
    return str(token) if token else get_token(context["request"])


@register.tag("generation_cache")
def do_generation_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"{bits[0]} needs a fragment name: {{% {bits[0]} 'header' ... %}}"
        )
    name = bits[1].strip("\"'")
    per_page = "per_page" in bits[2:]
    vary_on = [parser.compile_filter(bit) for bit in bits[2:] if bit != "per_page"]
    nodelist = parser.parse(("endgeneration_cache",))
    parser.delete_first_token()
    return GenerationCacheNode(nodelist, name, vary_on, per_page)
