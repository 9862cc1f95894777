"""URL prefixes that more than one part of the site must agree on."""

# Wagtail's admin: its own Content-Security-Policy, and staff must enrol a
# second factor before it opens.
ADMIN_PREFIX = "/admin/"
