from django.urls import path

from training import views

urlpatterns = [path("my-training/", views.my_training, name="my_training")]
