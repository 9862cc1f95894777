"""Content-Security-Policy: strict on the public site, looser only in Wagtail's admin.

Public pages run no inline script or style and load nothing from another host.
Wagtail's admin needs inline scripts and styles, so it gets its own policy under
its URL prefixes and nowhere else.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from config.paths import ADMIN_PREFIX

PUBLIC_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ADMIN_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # The admin previews pages in a same-origin iframe.
    "frame-ancestors": [SELF],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.config = parts.config or ADMIN_POLICY
        return parts
