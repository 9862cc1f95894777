"""A known trainer login for local development only (never created in production)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import TRAINERS


def ensure_dev_trainer() -> str:
    email, password = settings.DEV_TRAINER_EMAIL, settings.DEV_TRAINER_PASSWORD
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": "trainer", "name": "Dev Trainer"}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=TRAINERS))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return email
