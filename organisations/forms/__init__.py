"""Forms for the organisation pages on the public site."""
