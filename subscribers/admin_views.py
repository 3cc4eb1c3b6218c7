"""The list in the Wagtail admin, for moderators and administrators only: editors and
translators have no right to see subscribers' addresses (editorial.roles). Deleting a
subscriber here erases them (``services.erase``); their data can be exported as JSON, and a
list from elsewhere imported."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_http_methods
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import DeleteView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.models import Locale

from core.models import Area

from . import services
from .forms import ImportForm
from .models import Subscriber

IMPORT_PERMISSION = "subscribers.import_subscribers"


def may_see(user):
    return user.is_active and user.has_perm("subscribers.view_subscriber")


def subscriber_or_403(request, pk):
    if not may_see(request.user):
        raise PermissionDenied
    return get_object_or_404(Subscriber, pk=pk)


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Subscriber.STATUS_CHOICES)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    areas = django_filters.ModelChoiceFilter(
        label=_("Area of interest"),
        queryset=lambda request: Area.objects.filter(
            locale=Locale.get_default(), live=True
        ).order_by("name"),
    )

    class Meta:
        model = Subscriber
        fields = ["status", "language", "areas"]


class SubscriberIndexView(IndexView):
    """Wagtail's list, with the number of subscribers of each status and an import button."""

    template_name = "subscribers/admin/index.html"

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(IMPORT_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Import a list"),
                    url=reverse("subscribers_admin:import"),
                    icon_name="upload",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            Subscriber.objects.values_list("status").annotate(count=Count("pk")).order_by()
        )
        context["status_counts"] = [
            (label, counts.get(status, 0)) for status, label in Subscriber.STATUS_CHOICES
        ]
        return context

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(export_button(instance))
        return buttons


def export_button(subscriber):
    return Button(
        _("Export data (JSON)"),
        url=reverse("subscribers_admin:export", args=[subscriber.pk]),
        icon_name="download",
        priority=25,
    )


class SubscriberInspectView(InspectView):
    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, export_button(self.object)]


class EraseView(DeleteView):
    """Deleting a subscriber erases them: their row and every mail record with the address."""

    def delete_action(self):
        erased = services.erase(self.object.email)
        messages.info(
            self.request,
            gettext("Erased: %(what)s")
            % {"what": ", ".join(f"{label} ({count})" for label, count in erased.items())},
        )


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "subscribers"
    # Not "subscribers": the visitors' pages have that namespace.
    url_namespace = "subscribers_admin"
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_order = 360
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    delete_view_class = EraseView
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "status",
        "language",
        "areas",
        "consent_text",
        "source",
        "created",
        "confirmed_at",
        "left_at",
        "bounces",
    ]
    # Superusers only in practice (the roles give no right to add or change): a status set by
    # hand, e.g. a bounce reported by other means. Subscribing is by the visitor's own consent.
    form_fields = ["status", "language", "areas"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    list_display = [
        "email",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        DateColumn("created", label=_("Asked to subscribe")),
        DateColumn("confirmed_at", label=_("Confirmed")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", import_list, name="import"),
            path("export/<int:pk>/", ExportView.as_view(), name="export"),
        ]


class ExportView(View):
    """One subscriber's data as a JSON file (a data access request)."""

    model = Subscriber
    http_method_names = ["get"]

    def get(self, request, pk):
        subscriber = subscriber_or_403(request, pk)
        response = HttpResponse(
            services.export_json(subscriber), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
        return response


@require_http_methods(["GET", "POST"])
def import_list(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            source = services.import_source(
                upload.name, request.user.get_username(), form.cleaned_data["source"]
            )
            try:
                context["report"] = services.import_subscribers(upload.read(), source)
            except services.UnreadableList as error:
                form.add_error("file", str(error))
                status = 400
        else:
            status = 400
    return TemplateResponse(request, "subscribers/admin/import.html", context, status=status)
