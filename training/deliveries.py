"""How a module was delivered, as a certificate records it.

Training knows nothing of live sessions (organisations/ depends on training,
never the other way): an app that runs sessions registers a finder, and a
certificate asks the finders how the learner was trained.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryFormat(models.TextChoices):
    SELF_PACED = "self_paced", _("online, self-paced")
    LIVE_IN_PERSON = "live_in_person", _("live, in person")
    LIVE_ONLINE = "live_online", _("live, online")


@dataclass(frozen=True)
class Delivery:
    format: str = DeliveryFormat.SELF_PACED
    # For a live session: when, where and who trained.
    session_date: date | None = None
    place: str = ""
    trainer: str = ""


SELF_PACED = Delivery()

# finder(user=..., module=..., since=...) -> Delivery | None; `module` is the
# English module and `since` the start of the period being certified (or None).
DeliveryFinder = Callable[..., Delivery | None]
_finders: list[DeliveryFinder] = []


def register_delivery_finder(finder: DeliveryFinder) -> DeliveryFinder:
    if finder not in _finders:
        _finders.append(finder)
    return finder


def delivery_for(*, user, module, since: datetime | None = None) -> Delivery:
    """How the learner was trained in the module: a live session a finder knows
    of, or online and self-paced."""
    for finder in _finders:
        delivery = finder(user=user, module=module, since=since)
        if delivery is not None:
            return delivery
    return SELF_PACED
