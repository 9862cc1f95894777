"""Insights store nothing of their own: one unmanaged model carries the
permission to read them, so Django's groups can grant it."""

from django.db import models


class Insights(models.Model):
    class Meta:
        managed = False
        default_permissions = ("view",)
        verbose_name = "trainer insights"
        verbose_name_plural = "trainer insights"

    def __str__(self) -> str:
        return "trainer insights"
