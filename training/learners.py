"""Who is learning: a logged-in user, an anonymous session, or a reader."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

ANONYMOUS_KEY = "anonymous_learner"


@dataclass(frozen=True)
class Learner:
    user: object | None = None
    anonymous_key: str = ""

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def has_records(self) -> bool:
        return self.is_authenticated or bool(self.anonymous_key)

    def can_learn(self, module) -> bool:
        """Anyone may read a module page; its lessons need an account unless the
        module's audience allows anonymous learners."""
        return self.is_authenticated or module.audience.allows_anonymous_learners

    def owner_fields(self) -> dict:
        """The fields that give a new row (progress, attempt) to this learner."""
        if self.user is not None:
            return {"user": self.user, "anonymous_key": ""}
        return {"user": None, "anonymous_key": self.anonymous_key}

    def expires_at(self, now):
        """Anonymous records expire; an account's are kept until it is deleted."""
        return None if self.user is not None else now + anonymous_expiry_delta()

    def owns(self) -> Q:
        """Filter for rows belonging to this learner (matches nothing for a reader)."""
        if self.user is not None:
            return Q(user=self.user)
        if self.anonymous_key:
            return Q(user__isnull=True, anonymous_key=self.anonymous_key)
        return Q(pk__in=[])


def learner_from_request(request) -> Learner:
    if request.user.is_authenticated:
        return Learner(user=request.user)
    return Learner(anonymous_key=request.session.get(ANONYMOUS_KEY, ""))


def anonymous_learner_for(request) -> Learner:
    """Give an anonymous visitor a random key, on their first recorded step only."""
    if not request.session.get(ANONYMOUS_KEY):
        request.session[ANONYMOUS_KEY] = secrets.token_urlsafe(32)
    return Learner(anonymous_key=request.session[ANONYMOUS_KEY])


def recording_learner(request) -> Learner:
    """The learner a step is recorded for: the account, or a (new) anonymous key."""
    if request.user.is_authenticated:
        return request.learner
    return anonymous_learner_for(request)


def anonymous_expiry_delta() -> timedelta:
    return timedelta(days=settings.ANONYMOUS_PROGRESS_DAYS)


class LearnerMiddleware:
    """Attach `request.learner`; keep anything shown to a learner out of caches.

    A page seen by someone signed in, or by an anonymous learner with progress,
    may show personal state: `Cache-Control: private, no-store`. Pages for
    plain readers stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.learner = SimpleLazyObject(lambda: learner_from_request(request))
        response = self.get_response(request)
        if request.user.is_authenticated or request.session.get(ANONYMOUS_KEY):
            patch_cache_control(response, private=True, no_store=True)
        return response
