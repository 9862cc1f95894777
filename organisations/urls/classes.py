"""Routes: class codes (included under "class/"). Young people enter or follow a
code; an organisation's managers make classes and see their figures under
manage/ (codes never contain lower-case letters, so "manage" is not one)."""

from django.urls import path

from organisations.views import classes

urlpatterns = [
    path("", classes.class_enter, name="class_enter"),
    path("manage/<id:organisation_id>/", classes.classes, name="classes"),
    path(
        "manage/<id:organisation_id>/<id:class_id>/",
        classes.class_detail,
        name="class_detail",
    ),
    path("<str:code>/", classes.class_join_link, name="class_join"),
]
