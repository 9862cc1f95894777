from django.urls import path

from quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("start/<id:module_id>/<slug:purpose>/", views.start, name="start"),
    path("attempts/<uuid:public_id>/", views.take, name="attempt"),
    path("attempts/<uuid:public_id>/result/", views.result, name="result"),
]
