from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A learner or a trainer. Email is the login; the username is generated.

    Only a name and an email are collected: no date of birth, address or phone
    (minors use this site).
    """

    name = models.CharField(
        "full name",
        max_length=150,
        blank=True,
        help_text="Prefills the name printed on certificates.",
    )
    email = models.EmailField("email address", unique=True)

    def get_full_name(self) -> str:
        return self.name or super().get_full_name() or self.email

    def __str__(self) -> str:
        return self.get_full_name()
