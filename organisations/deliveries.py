"""Tell certificates about live sessions (see training/deliveries.py)."""

from training.deliveries import register_delivery_finder


@register_delivery_finder
def live_session_delivery(*, user, module, since=None):
    """The learner's latest attended session of the module, as a Delivery."""
    # Deferred: the models are not ready when the app registry imports this.
    from organisations.selectors.sessions import attended_session_delivery

    return attended_session_delivery(user=user, module=module, since=since)
