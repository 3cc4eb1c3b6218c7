# Placeholder until the subscribing side (issue 24) brings its views under the same names.
from django.urls import path

from . import views

app_name = "subscribers"
urlpatterns = [
    path("confirm/<str:token>/", views.placeholder, name="confirm"),
    path("preferences/<str:token>/", views.placeholder, name="preferences"),
    path("unsubscribe/<str:token>/", views.placeholder, name="unsubscribe"),
]
