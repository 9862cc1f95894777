"""At login, remember whether the user edits the site; give a translated home
page the English home's roles."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.roles import share_home_roles
from audiences.models import HomePage

EDITOR_SESSION_KEY = "is_editor"


@receiver(user_logged_in)
def remember_editor_role(sender, request, user, **kwargs):
    # Wagtail's userbar asks for admin permission on every page (two queries);
    # the templates ask the session instead and show it to editors only.
    if request is not None and hasattr(request, "session"):
        request.session[EDITOR_SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")


@receiver(post_save, sender=HomePage)
def translated_home_shares_roles(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        share_home_roles(home=instance)
