from django.urls import path

from . import views

app_name = "registrations"
urlpatterns = [
    path("<int:page_id>/", views.sign_up, name="sign_up"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
]
