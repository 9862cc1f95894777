"""Browsers for the performance tests."""

from django.test import Client

from tests.factories import make_user


def signed_in(user=None, **client_kwargs) -> Client:
    """A learner's browser, signed in (a new learner unless one is given)."""
    client = Client(**client_kwargs)
    client.force_login(user or make_user())
    return client
