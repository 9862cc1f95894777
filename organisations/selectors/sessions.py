"""Reads about live sessions."""


def attended_session_delivery(*, user, module, since=None):
    """Placeholder until live sessions land: no session known."""
    return None
