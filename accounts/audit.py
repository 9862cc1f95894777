"""Role changes go into Wagtail's log, with who made them (the admin's log context)."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from wagtail.log_actions import log

from accounts.models import User

ROLE_CHANGE_ACTION = "accounts.role_change"


@receiver(m2m_changed, sender=User.groups.through)
def log_role_change(sender, instance, action, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or not isinstance(
        instance, User
    ):
        return
    if action == "pre_clear":
        names = list(instance.groups.values_list("name", flat=True))
        change = "removed"
    else:
        names = list(model.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        change = "added" if action == "post_add" else "removed"
    if names:
        log(instance=instance, action=ROLE_CHANGE_ACTION, data={change: sorted(names)})
