"""The organisers' side in the Wagtail admin: per event, who signed up (with counts), a CSV
export, a message to everyone signed up, and the attendance list to tick on a phone at the door.

Moderators (who may publish the event) see every event's sign-ups; editors only those of the
events they own. Every view, GET or POST, checks it (``event_or_403``)."""

import csv
import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.mail import queue_mail
from core.spreadsheets import safe_cell
from events.models import EventPage

from .models import Registration
from .services import mail_context


def may_manage(user, page):
    """Moderators and administrators (who may publish the event), and the event's owner if
    they may edit it."""
    if not user.is_active or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    permissions = page.permissions_for_user(user)
    return permissions.can_publish() or (page.owner_id == user.pk and permissions.can_edit())


def event_or_403(request, page_id):
    page = get_object_or_404(
        EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE), pk=page_id
    )
    if not may_manage(request.user, page):
        raise PermissionDenied
    return page


def events_with_sign_ups(user):
    events = (
        EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Q(registration_open=True) | Q(registrations__isnull=False))
        .annotate(
            **{
                status: Count("registrations", filter=Q(registrations__status=status))
                for status, _label in Registration.STATUS_CHOICES
            }
        )
        .order_by("title")
    )
    return [event for event in events if may_manage(user, event)]


def index(request):
    return TemplateResponse(
        request, "registrations/admin/index.html", {"events": events_with_sign_ups(request.user)}
    )


def event_registrations(request, page_id):
    page = event_or_403(request, page_id)
    registrations = page.registrations.select_related("occurrence").order_by(
        "occurrence__start", "status", "created"
    )
    return TemplateResponse(
        request,
        "registrations/admin/event.html",
        {"page": page, "registrations": registrations, "counts": registrations.counts()},
    )


def export_csv(request, page_id):
    page = event_or_403(request, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-{page.slug}.csv"'
    response.write("\ufeff")  # Excel reads the file as UTF-8 (names in Cyrillic)
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("Date"),
            gettext("Name"),
            gettext("E-mail"),
            gettext("Language"),
            gettext("Participants"),
            gettext("Status"),
            gettext("Attended"),
            gettext("Children's ages"),
            gettext("Preferred language"),
            gettext("Accessibility or other needs"),
            gettext("Signed up"),
        ]
    )
    for registration in page.registrations.select_related("occurrence"):
        answers = registration.answers or {}
        writer.writerow(
            [
                safe_cell(registration.occurrence.start.isoformat())
                if registration.occurrence
                else "",
                safe_cell(registration.name),
                safe_cell(registration.email),
                registration.language,
                registration.participants,
                registration.status,
                "yes" if registration.attended else "",
                safe_cell(answers.get("children_ages")),
                safe_cell(answers.get("preferred_language")),
                safe_cell(answers.get("needs")),
                registration.created.isoformat(),
            ]
        )
    return response


class MessageForm(forms.Form):
    RECIPIENTS = [
        ("confirmed", _("Everyone with a place")),
        ("all", _("Everyone with a place or on the waiting list")),
    ]
    recipients = forms.ChoiceField(
        label=_("To"), choices=RECIPIENTS, widget=forms.RadioSelect, initial="confirmed"
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))


@require_http_methods(["GET", "POST"])
def message_everyone(request, page_id):
    page = event_or_403(request, page_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registrations = page.registrations.exclude(status=Registration.CANCELLED)
        if form.cleaned_data["recipients"] == "confirmed":
            registrations = registrations.confirmed()
        batch = uuid.uuid4().hex
        base_url = request.build_absolute_uri("/")
        for registration in registrations.select_related("occurrence"):
            context, _page = mail_context(registration, base_url)
            queue_mail(
                "registrations/mail/message",
                registration.email,
                registration.language,
                {**context, **form.cleaned_data},
                key=f"message:{batch}:{registration.pk}",
            )
        messages.success(
            request,
            gettext("The message is being sent to %(count)s people.")
            % {"count": len(registrations)},
        )
        return redirect("registrations_admin:event", page.pk)
    status = 400 if form.is_bound else 200
    return TemplateResponse(
        request, "registrations/admin/message.html", {"page": page, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def attendance(request, page_id):
    """At the door, on a phone: the people with a place on one date, with a big box each."""
    page = event_or_403(request, page_id)
    dates = list(page.occurrences.order_by("start"))
    chosen = next((o for o in dates if str(o.pk) == request.GET.get("date")), None)
    if chosen is None and dates:
        upcoming = [o for o in dates if o in page.upcoming_occurrences]
        chosen = upcoming[0] if upcoming else dates[-1]
    people = page.registrations.confirmed().filter(occurrence=chosen).order_by("name")
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()}
        for registration in people:
            attended = registration.pk in present
            if registration.attended != attended:
                registration.attended = attended
                registration.save(update_fields=["attended"])
        messages.success(request, gettext("Attendance saved."))
        return redirect(f"{request.path}?date={chosen.pk}" if chosen else request.path)
    return TemplateResponse(
        request,
        "registrations/admin/attendance.html",
        {"page": page, "dates": dates, "chosen": chosen, "people": people},
    )
