"""CSRF tokens out of a stored page, and each visitor's own back in.

Django's {% csrf_token %} writes one hidden input per form; the stored copy
keeps a placeholder there. Serving calls get_token() for each, which also has
CsrfViewMiddleware set the visitor's csrftoken cookie on the way out, so a
form posted from a cached page passes the same check as any other.
"""

import re
from collections.abc import Callable

TOKEN_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
PLACEHOLDER = b"__csrf_token_placeholder__"


def punch_out(html: bytes) -> bytes:
    return TOKEN_INPUT.sub(rb"\g<1>" + PLACEHOLDER + rb"\g<2>", html)


def fill_in(html: bytes, new_token: Callable[[], str]) -> bytes:
    if PLACEHOLDER not in html:
        return html
    parts = html.split(PLACEHOLDER)
    filled = [parts[0]]
    for part in parts[1:]:
        filled += [new_token().encode("ascii"), part]
    return b"".join(filled)
