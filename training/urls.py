from django.urls import path

from training import feedback_views, views
from training.certificates import views as certificate_views

urlpatterns = [
    path("my-training/", views.my_training, name="my_training"),
    path(
        "feedback/<id:module_id>/before/",
        feedback_views.feedback_before,
        name="feedback_before",
    ),
    path(
        "feedback/after/<uuid:public_id>/",
        feedback_views.feedback_after,
        name="feedback_after",
    ),
    path(
        "certificates/claim/<id:module_id>/",
        certificate_views.certificate_claim,
        name="certificate_claim",
    ),
    path(
        "certificates/verify/",
        certificate_views.certificate_verify,
        name="certificate_verify",
    ),
    path(
        "certificates/verify/<str:code>/",
        certificate_views.certificate_verify_code,
        name="certificate_verify_code",
    ),
    path(
        "certificates/<str:code>/download/",
        certificate_views.certificate_download,
        name="certificate_download",
    ),
    path(
        "certificates/<str:code>/email/",
        certificate_views.certificate_email,
        name="certificate_email",
    ),
]
