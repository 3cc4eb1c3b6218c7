from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .models import NewsletterIssuePage

admin_urls = (
    [
        path("<int:page_id>/send/", admin_views.send, name="send"),
        path("<int:page_id>/report/", admin_views.report, name="report"),
        path("<int:page_id>/resume/", admin_views.resume, name="resume"),
    ],
    "newsletters_admin",
)


@hooks.register("register_admin_urls")
def register_newsletters_admin_urls():
    return [path("newsletters/", include(admin_urls))]


@hooks.register("register_page_header_buttons")
def send_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, NewsletterIssuePage) or not admin_views.may_send(
        user
    ):
        return
    yield Button(
        _("Send newsletter"),
        url=reverse("newsletters_admin:send", args=[page.id]),
        icon_name="mail",
        priority=67,
    )
    yield Button(
        _("Sending report"),
        url=reverse("newsletters_admin:report", args=[page.id]),
        icon_name="list-ul",
        priority=68,
    )
