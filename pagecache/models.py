from django.db import models


class SiteGeneration(models.Model):
    """One row: the moment the published site last changed.

    The cache holds a copy, but the database is the truth, so processes that do
    not share a cache (LocMemCache under several gunicorn workers) still learn
    of a publish within generation.GENERATION_RECHECK_SECONDS.
    """

    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"site changed {self.changed_at:%Y-%m-%d %H:%M:%S}"
