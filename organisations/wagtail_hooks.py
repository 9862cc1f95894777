"""CAC trainers' admin for organisations: each area registers its own hooks."""

from organisations.admin_views import (  # noqa: F401  (importing registers them)
    classes,
    organisations,
    sessions,
)
