"""Carry an anonymous learner's progress into the account they sign in to."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from training.learners import ANONYMOUS_KEY
from training.progress import progress_claim


@receiver(user_logged_in)
@receiver(user_signed_up)
def claim_anonymous_progress(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    anonymous_key = request.session.pop(ANONYMOUS_KEY, "")
    progress_claim(anonymous_key=anonymous_key, user=user)
