"""At login, remember whether the user edits the site: learners skip the check."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

EDITOR_SESSION_KEY = "is_editor"


@receiver(user_logged_in)
def remember_editor_role(sender, request, user, **kwargs):
    # Wagtail's userbar asks for admin permission on every page (two queries);
    # the templates ask the session instead and show it to editors only.
    if request is not None and hasattr(request, "session"):
        request.session[EDITOR_SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")
