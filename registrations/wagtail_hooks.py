from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("<int:page_id>/", admin_views.event_registrations, name="event"),
        path("<int:page_id>/export/", admin_views.export_csv, name="export"),
        path("<int:page_id>/message/", admin_views.message_everyone, name="message"),
        path("<int:page_id>/attendance/", admin_views.attendance, name="attendance"),
    ],
    "registrations_admin",
)


@hooks.register("register_admin_urls")
def register_registrations_admin_urls():
    return [path("registrations/", include(admin_urls))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        # Cheap on every admin page: the list itself shows only the events one may manage.
        return not request.user.groups.filter(name__startswith="Translators").exists() or (
            request.user.is_superuser
        )


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"),
        reverse("registrations_admin:index"),
        name="registrations",
        icon_name="group",
        order=350,
    )
