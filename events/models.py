import calendar
import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.caching import (
    content_version,
    kept_per_content_version,
    live_state_version,
    new_live_state_version,
    note_live_state_shown,
    remembered_per_content_version,
)
from core.fields import SPOKEN_LANGUAGE_CHOICES, ChoiceListField
from core.listing import paginate
from core.models import (
    Area,
    AreaTaggedMixin,
    HeldInLanguagesMixin,
    ReviewedSnippet,
    SectionIndexPage,
    SitePage,
    areas_of_locale,
    in_language,
    ready_for_cards,
)
from core.structured_data import json_ld_script

from .forms import WEEKDAY_CHOICES, DateListFormField, EventPageForm, date_label
from .repeats import (
    MAX_DATES,
    local_time,
    repeat_dates,
    synchronised_occurrences,
    weekly_dates,
)

MIN_YEAR, MAX_YEAR = 2000, 2100

# The optional questions of the sign-up form, which the organiser ticks (the registrations app
# asks them and keeps the answers by these codes).
REGISTRATION_QUESTIONS = [
    ("participants", _("Number of participants")),
    ("children_ages", _("Children's ages")),
    ("preferred_language", _("Preferred language")),
    ("needs", _("Accessibility or other needs")),
]


class RegistrationQuestionsField(ChoiceListField):
    choices_offered = REGISTRATION_QUESTIONS


class Venue(ReviewedSnippet):
    """A place where events happen; name and address are translated, coordinates shared."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility = models.TextField(_("accessibility"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
        FieldPanel("accessibility"),
        PublishingPanel(),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        TranslatableField("accessibility"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    admin_icon = "home"
    preview_partial, preview_name = "events/venue_preview.html", "venue"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def one_line_address(self):
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())


# When a date is over (its end, or its start when it has none), and how long it runs.
FINISHES = Coalesce("end", "start")
RUN = FINISHES - F("start")


class OccurrenceQuerySet(models.QuerySet):
    def with_finish(self):
        return self.annotate(finishes=FINISHES)

    def upcoming(self, now=None):
        """Occurrences not over yet and not cancelled: all-day ones last until the end of their
        last day. What shows them changes as dates are over (``schedule_version``)."""
        note_live_state_shown()
        now = now or timezone.now()
        start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return self.with_finish().filter(
            Q(finishes__gte=now) | Q(all_day=True, finishes__gte=start_of_today), cancelled=False
        )

    def in_calendars(self, locale):
        """What the subscribed calendars hold: cancelled events too, so that calendar apps
        mark them cancelled rather than keep them as they were."""
        return self.filter(page__live=True, page__locale=locale)


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """Events with the schedule: upcoming, past and by month, filterable, with calendar feeds."""

    subpage_types = ["events.EventPage"]
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("event list")

    def events(self):
        return with_card_fields(EventPage.objects.child_of(self).live().public())

    def filters(self, request):
        """The area and language chosen in the query string; unknown values are a 404."""
        chosen = {"area": None, "language": ""}
        area_slug = request.GET.get("area", "")
        if area_slug:
            chosen["area"] = Area.published().filter(slug=area_slug, locale=self.locale).first()
            if chosen["area"] is None:
                raise Http404("Unknown area")
        language = request.GET.get("language", "")
        if language:
            if language not in dict(SPOKEN_LANGUAGE_CHOICES):
                raise Http404("Unknown language")
            chosen["language"] = language
        return chosen

    def filter_events(self, events, chosen):
        """The visitor's filters on a queryset of ``EventPage``."""
        if chosen["area"]:
            events = events.filter(EventPage.in_area_q(chosen["area"]))
        if chosen["language"]:
            # JSON lists: match the quoted code, which works on SQLite and PostgreSQL alike.
            held_in = EventPage.objects.filter(languages__icontains=f'"{chosen["language"]}"')
            events = events.filter(pk__in=held_in.values("pk"))
        return events

    def listing_context(self, request, view, events, paginate_events):
        """The context of the upcoming and past lists: ``paginate_events`` gives the page of the
        list asked for, from the ``events`` the visitor's filters leave."""
        from .month import filter_query

        chosen = self.filters(request)
        items = paginate_events(self.filter_events(events, chosen))
        ready_for_cards(items.object_list)
        return {
            "view": view,
            "events": items,
            "chosen": chosen,
            "filter_query": filter_query(chosen),
            "areas": areas_of_locale(self.locale_id),
            "language_choices": SPOKEN_LANGUAGE_CHOICES,
        }

    @path("", name="upcoming")
    def upcoming(self, request):
        def soonest_first_page(events):
            from .availability import load_places_taken

            schedule = soonest_first(events)
            items = paginate(request, schedule, count=self.schedule_count(request, schedule))
            items.object_list = load_places_taken(list(items.object_list))
            return items

        schedule = self.events()
        return self.render(
            request,
            context_overrides=self.listing_context(
                request, "upcoming", schedule, soonest_first_page
            ),
        )

    def schedule_count(self, request, schedule):
        """How many events the filtered ``schedule`` (``soonest_first``, its next dates kept
        current) holds. Counting reads every event to come, so the count is kept until it can
        change: per content version and soonest stored next finish, which moves on with the next
        dates (``soonest_next_finish``), and not per live state, which every sign-up moves on
        too."""
        # The filters as asked for: ``filters`` has refused unknown ones.
        chosen = (request.GET.get("area", ""), request.GET.get("language", ""))
        finish = soonest_next_finish()
        return kept_per_content_version(
            f"event-schedule-count:{self.pk}:{':'.join(chosen)}",
            f"{content_version()}:{finish.isoformat() if finish else ''}",
            schedule.count,
        )

    @path("past/", name="past")
    def past(self, request):
        def latest_first_page(events):
            occurrences = EventOccurrence.objects.filter(page=OuterRef("pk"))
            return paginate(
                request,
                events.exclude(Exists(occurrences.upcoming(timezone.now())))
                .annotate(last_start=Subquery(occurrences.order_by("-start").values("start")[:1]))
                .filter(last_start__isnull=False)
                .order_by("-last_start", "-id"),
            )

        return self.render(
            request,
            context_overrides=self.listing_context(
                request, "past", self.events(), latest_first_page
            ),
        )

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/$", name="month")
    def month(self, request, year, month):
        from .month import filtered_schedule, month_days, shown_date

        first_shown, last_shown = self.months_shown()
        first_day = shown_date(year, month, 1, (first_shown, last_shown))
        last_day = first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])
        dates, filters = filtered_schedule(self, request)
        previous_month = first_day - datetime.timedelta(days=1)
        next_month = last_day + datetime.timedelta(days=1)
        context = {
            "view": "month",
            "month": first_day,
            "days": month_days(self, request, dates, first_day, last_day, filters["filter_query"]),
            **filters,
            "previous_month": previous_month if previous_month >= first_shown else None,
            "next_month": next_month if next_month <= last_shown else None,
        }
        return self.render(request, context_overrides=context, template="events/event_month.html")

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})/$", name="day")
    def day(self, request, year, month, day):
        """Every event of a day, a page at a time: where the month view's "more" links lead."""
        from .month import day_page, filtered_schedule, is_shown, shown_date

        months_shown = self.months_shown()
        date = shown_date(year, month, day, months_shown)
        dates, filters = filtered_schedule(self, request)
        previous_day = date - datetime.timedelta(days=1)
        next_day = date + datetime.timedelta(days=1)
        context = {
            "view": "month",
            "day": date,
            "occurrences": day_page(self, request, dates, date),
            **filters,
            "previous_day": previous_day if is_shown(previous_day, months_shown) else None,
            "next_day": next_day if is_shown(next_day, months_shown) else None,
        }
        return self.render(request, context_overrides=context, template="events/event_day.html")

    def months_shown(self):
        """The first and the last month of the month view (their first days): from the month of
        the first event to that of the last, and at least from this month to a year ahead.
        Outside them are only empty months, which crawlers following "next month" would read
        one by one to 2100; visitors never see a link out of them."""
        span = self.dates_span()
        this_month = timezone.localdate().replace(day=1)
        months = [this_month, this_month.replace(year=this_month.year + 1)]
        months += [
            timezone.localdate(moment).replace(day=1)
            for moment in (span["first"], span["last"])
            if moment is not None
        ]
        return min(months), max(months)

    def dates_span(self):
        """The first start, the last finish and the longest run of the dates of the schedule's
        live events, which bound the month and day views. Kept per content version, and read
        in one query as three dates each found first in an index of its own (``EventOccurrence``)
        rather than as aggregates, which read every date of the schedule."""

        def top(ordering, value):
            dates = EventOccurrence.objects.filter(
                page__in=EventPage.objects.child_of(self).live().values("id")
            )
            return Subquery(dates.order_by(ordering).values_list(value)[:1])

        return remembered_per_content_version(
            f"event-dates-span:{self.pk}",
            content_version(),
            lambda: (
                EventIndexPage.objects.filter(pk=self.pk)
                .values(
                    first=top("start", "start"),
                    last=top(FINISHES.desc(), FINISHES),
                    longest=top(RUN.desc(), RUN),
                )
                .get()
            ),
        )

    @path("this-month/", name="this_month")
    def this_month(self, request):
        today = timezone.localdate()
        return redirect(self.url + self.reverse_subpage("month", args=(today.year, today.month)))

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        from .calendars import calendar_response

        chosen = self.filters(request)
        occurrences = (
            EventOccurrence.objects.in_calendars(self.locale)
            .filter(page__in=self.filter_events(self.events(), chosen).values("id"))
            .filter(start__gte=timezone.now() - datetime.timedelta(days=90))
            .select_related("page__venue")
            .prefetch_related("page__repeats")
            .order_by("start")
        )
        name = self.title if not chosen["area"] else f"{self.title}: {chosen['area'].name}"
        return calendar_response(request, occurrences, name, filename=f"{self.slug}.ics")

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import UpcomingEventsFeed

        return UpcomingEventsFeed(self)(request)


class EventPage(RoutablePageMixin, HeldInLanguagesMixin, AreaTaggedMixin, SitePage):
    STATUS_SCHEDULED = "scheduled"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (STATUS_SCHEDULED, _("Scheduled")),
        (STATUS_CANCELLED, _("Cancelled")),
    ]

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=STATUS_CHOICES,
        default=STATUS_SCHEDULED,
        help_text=_(
            "A cancelled event stays visible, marked as cancelled, also in the calendars and "
            "the RSS feed."
        ),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for an online event and give its link below."),
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where to join an online event.")
    )
    organiser = models.CharField(
        _("organiser"), max_length=200, blank=True, default="Baltic Region"
    )
    price = models.DecimalField(
        _("price (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty if the event is free."),
    )
    price_note = models.CharField(
        _("price details"), max_length=200, blank=True, help_text=_("e.g. 5 € for members")
    )
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Leave empty if no registration is needed.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, sign language…"),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    # Sign-up on this site (the registrations app). The places are per date and shared by
    # every language: the sign-ups belong to the English event, so a Finnish and a Russian
    # visitor take seats from the same count.
    registration_open = models.BooleanField(
        _("sign-up on this site"),
        default=False,
        help_text=_("Visitors sign up on the event's page; you see them in the admin."),
    )
    places = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("For each date. Leave empty for no limit."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=False,
        help_text=_("When the places are taken, visitors can join a waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("sign-up deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take sign-ups until the event starts."),
    )
    registration_questions = RegistrationQuestionsField(
        _("questions"), help_text=_("What else the sign-up form asks.")
    )
    # The event's next date: its first not cancelled and not over (``upcoming_occurrences``),
    # kept on the event so that the schedule reads its index in date order and stops after the
    # events shown, rather than group every date to come. Set on each save, moved on when the
    # date is over (``keep_next_dates_current``). ``next_finish`` is the last moment the date
    # counts as to come (``upcoming_until``). Both empty when no date is to come.
    next_start = models.DateTimeField(null=True, editable=False)
    next_finish = models.DateTimeField(null=True, editable=False)

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                InlinePanel(
                    "repeats",
                    label=_("Repeat"),
                    heading=_("Repeats"),
                    help_text=_(
                        "A weekly club is one event: give its weekdays, times and first and last "
                        "dates, in Helsinki time. Its dates appear below when you save."
                    ),
                ),
                InlinePanel(
                    "occurrences",
                    label=_("Date and time"),
                    heading=_("Dates and times"),
                    help_text=_(
                        "Add one row per date that is not in a repeat: a three-day festival is "
                        "one event. To cancel or move one date of a repeat, change its row here."
                    ),
                ),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("image"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("status"),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("price"),
                FieldPanel("price_note"),
                FieldPanel("registration_url"),
                FieldPanel("languages"),
                FieldPanel("accessibility"),
            ],
            heading=_("Practical details"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel([FieldPanel("places"), FieldPanel("waiting_list")]),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_questions"),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("organiser"),
        index.RelatedFields("venue", [index.SearchField("name")]),
    ]
    translatable_fields = SitePage.translatable_fields + [
        # Dates are the same in every language: translators cannot change them.
        SynchronizedField("repeats"),
        SynchronizedField("occurrences"),
        SynchronizedField("image", overridable=True),
        SynchronizedField("areas"),
        SynchronizedField("status"),
        TranslatableField("venue"),
        SynchronizedField("online_url"),
        TranslatableField("organiser"),
        SynchronizedField("price"),
        TranslatableField("price_note"),
        SynchronizedField("registration_url"),
        SynchronizedField("languages"),
        TranslatableField("accessibility"),
        TranslatableField("body"),
        SynchronizedField("registration_open"),
        SynchronizedField("places"),
        SynchronizedField("waiting_list"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("registration_questions"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"
    serve_select_related = ("image", "venue")
    card_image_field = "image"
    pictures = {"image": ("page_image", "card", "social_image")}
    search_result_prefetch_related = ("occurrences",)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["next_start", "page_ptr"], name="event_next_start"),
            # The events whose next date is over (``refresh_next_dates``).
            models.Index(fields=["next_finish"], name="event_next_finish"),
        ]

    # A weekly club of 200 dates would list them all (issue 23).
    LISTED_DATES = 12

    @property
    def is_cancelled(self):
        return self.status == self.STATUS_CANCELLED

    @property
    def is_online(self):
        return self.venue_id is None and bool(self.online_url)

    @cached_property
    def local_venue(self):
        return in_language([self.venue], self.locale_id)[0]

    @cached_property
    def sorted_occurrences(self):
        return sorted(self.occurrences.all(), key=lambda occurrence: occurrence.start)

    @cached_property
    def repeat_list(self):
        return sorted(self.repeats.all(), key=lambda repeat: repeat.sort_order or 0)

    @cached_property
    def listed_occurrences(self):
        """The dates the page lists: a repeating event's next ``LISTED_DATES`` (its repeats'
        summaries and its calendar file give the rest), cancelled ones included and marked."""
        if not self.repeat_list:
            return self.sorted_occurrences
        now = timezone.now()
        return [o for o in self.sorted_occurrences if o.is_not_over(now)][: self.LISTED_DATES]

    @property
    def unlisted_dates(self):
        """How many upcoming dates the page leaves out of its list."""
        listed = {id(occurrence) for occurrence in self.listed_occurrences}
        return sum(1 for occurrence in self.upcoming_occurrences if id(occurrence) not in listed)

    def sync_repeated_occurrences(self):
        """Apply the repeats to the occurrence rows (see ``repeats.synchronised_occurrences``):
        the admin's form does on each save, and code that sets repeats must too."""
        repeats, occurrences = list(self.repeats.all()), list(self.occurrences.all())
        if repeats or any(occurrence.repeat_key for occurrence in occurrences):
            self.occurrences = synchronised_occurrences(repeats, occurrences, EventOccurrence)

    def save(self, *args, **kwargs):
        # Saving a draft names the fields it writes, the dates not among them.
        if kwargs.get("update_fields") is None:
            self.note_next_date(timezone.now())
        return super().save(*args, **kwargs)

    def note_next_date(self, now):
        """Set ``next_start`` and ``next_finish`` from the dates as they are in memory: saving
        does; code that inserts events in bulk must too."""
        self.next_start, self.next_finish = next_date(self.occurrences.all(), now)

    @cached_property
    def upcoming_occurrences(self):
        note_live_state_shown()
        now = timezone.now()
        return [o for o in self.sorted_occurrences if o.is_upcoming(now)]

    @property
    def next_occurrence(self):
        upcoming = self.upcoming_occurrences
        return (
            upcoming[0]
            if upcoming
            else (self.sorted_occurrences[-1] if self.sorted_occurrences else None)
        )

    @property
    def search_result_date(self):
        occurrence = self.next_occurrence
        return occurrence.start if occurrence else None

    @path("ics/", name="ics")
    def ics(self, request):
        from .calendars import calendar_response

        occurrences = (
            self.occurrences.select_related("page__venue")
            .prefetch_related("page__repeats")
            .order_by("start")
        )
        return calendar_response(request, occurrences, self.title, filename=f"{self.slug}.ics")

    def get_context(self, request, *args, **kwargs):
        from .structured_data import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = json_ld_script(event_json_ld(self, request))
        return context


class EventOccurrence(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Only the dates are shown, not the times.")
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("This date does not take place; the event's other dates do."),
    )
    # The repeat that made this row (its ``key``) and the start it gave: the row stays linked to
    # its date when the editor moves or cancels it. Empty for dates added by hand.
    repeat_key = models.CharField(max_length=36, blank=True, editable=False)
    repeat_start = models.DateTimeField(null=True, blank=True, editable=False)
    # For an event with sign-up on the site: this date's own number of places, or no sign-up
    # for it, where it differs from the event's.
    places = models.PositiveIntegerField(
        _("places on this date"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the event's number."),
    )
    sign_up_closed = models.BooleanField(_("no sign-up for this date"), default=False)

    objects = OccurrenceQuerySet.as_manager()
    panels = [
        FieldRowPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("all_day"),
                FieldPanel("cancelled"),
            ]
        ),
        FieldRowPanel([FieldPanel("places"), FieldPanel("sign_up_closed")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("date and time")
        verbose_name_plural = _("dates and times")
        indexes = [
            # The month and day views read a span of days: without it, every date of the
            # schedule.
            models.Index(fields=["start", "page"], name="event_occurrence_start"),
            # The schedule's last finish and longest run (``EventIndexPage.dates_span``).
            models.Index(FINISHES, name="event_occurrence_finish"),
            models.Index(RUN, name="event_occurrence_run"),
        ]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must be after the start.")})

    def is_upcoming(self, now):
        return not self.cancelled and self.is_not_over(now)

    @property
    def is_moved(self):
        return bool(self.repeat_key) and self.start != self.repeat_start

    def is_not_over(self, now):
        finishes = self.end or self.start
        if self.all_day:
            return timezone.localtime(finishes).date() >= timezone.localtime(now).date()
        return finishes >= now

    @property
    def is_multi_day(self):
        return (
            bool(self.end)
            and timezone.localtime(self.end).date() != timezone.localtime(self.start).date()
        )


class ListField(models.JSONField):
    """A list, empty unless given."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


class DateListField(ListField):
    """Dates as a list of ISO strings, edited one per line (``forms.DateListFormField``)."""

    def formfield(self, **kwargs):
        return DateListFormField(
            required=not self.blank, label=self.verbose_name.capitalize(), help_text=self.help_text
        )


class WeekdaysField(ListField):
    """Weekdays as numbers (Monday is 0, as ``date.weekday()``), picked with checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=WEEKDAY_CHOICES,
            coerce=int,
            # The words of the summary the admin's script writes (events/js/repeat-widget.js).
            widget=forms.CheckboxSelectMultiple(
                attrs={
                    "data-repeat-weekdays": "",
                    "data-every": _("Every {days}"),
                    "data-except": _("except"),
                    "data-also": _("also"),
                }
            ),
            required=False,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


class EventRepeat(Orderable):
    """Every given weekday at the same Helsinki time from a first date to a last, but the
    exceptions, plus extra dates: what an editor of a weekly club says, with no RRULE syntax.
    Its dates are stored as ``EventOccurrence`` rows (``EventPage.sync_repeated_occurrences``)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="repeats")
    # Names the repeat in its occurrence rows and calendar entries; copied to translations.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    weekdays = WeekdaysField(_("every"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"), null=True, blank=True)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    exceptions = DateListField(
        _("except on"), help_text=_("Days of the repeat on which it does not take place.")
    )
    extra_dates = DateListField(
        _("also on"), help_text=_("Other days at the same time, e.g. a Saturday.")
    )

    panels = [
        FieldPanel("weekdays"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("first_date"), FieldPanel("last_date")]),
        FieldRowPanel([FieldPanel("exceptions"), FieldPanel("extra_dates")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("repeat")
        verbose_name_plural = _("repeats")

    @property
    def exception_days(self):
        return [datetime.date.fromisoformat(day) for day in self.exceptions or []]

    @property
    def extra_days(self):
        return [datetime.date.fromisoformat(day) for day in self.extra_dates or []]

    @property
    def weekday_names(self):
        names = dict(WEEKDAY_CHOICES)
        return [names[day] for day in sorted(int(day) for day in self.weekdays or [])]

    def clean(self):
        super().clean()
        errors = {}
        if not self.weekdays and not self.extra_dates:
            errors["weekdays"] = _("Choose the weekdays of the repeat, or give extra dates.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the start.")
        if self.first_date and self.last_date and self.last_date < self.first_date:
            errors["last_date"] = _("The last date must be on or after the first date.")
        if errors:
            raise ValidationError(errors)
        weekly = set(weekly_dates(self))
        strays = [day for day in self.exception_days if day not in weekly]
        if strays:
            errors["exceptions"] = _(
                "%(dates)s: not a day of this repeat, so there is nothing to leave out."
            ) % {"dates": ", ".join(date_label(day) for day in strays)}
        doubles = [day for day in self.extra_days if day in weekly]
        if doubles:
            errors["extra_dates"] = _("%(dates)s: already a day of this repeat.") % {
                "dates": ", ".join(date_label(day) for day in doubles)
            }
        count = len(repeat_dates(self))
        if count > MAX_DATES:
            errors["last_date"] = _(
                "This repeat gives %(count)s dates; at most %(max)s can be kept. Is the last "
                "date right?"
            ) % {"count": count, "max": MAX_DATES}
        if errors:
            raise ValidationError(errors)


def upcoming_until(occurrence):
    """The last moment ``occurrence`` is to come (as ``OccurrenceQuerySet.upcoming`` has it):
    its end, or its start when it has none; the end of its last day when it is all day."""
    finishes = occurrence.end or occurrence.start
    if not occurrence.all_day:
        return finishes
    last_day = timezone.localdate(finishes, timezone.get_default_timezone())
    return local_time(last_day + datetime.timedelta(days=1), datetime.time.min) - (
        datetime.timedelta(microseconds=1)
    )


def next_date(occurrences, now):
    """The start and ``upcoming_until`` of the soonest of ``occurrences`` that is to come at
    ``now`` and not cancelled, or two Nones. The event's list of dates to come changes first
    when that one is over, so the pair stays right until then."""
    to_come = [o for o in occurrences if not o.cancelled and upcoming_until(o) >= now]
    if not to_come:
        return None, None
    soonest = min(to_come, key=lambda occurrence: occurrence.start)
    return soonest.start, upcoming_until(soonest)


def schedule_version():
    """The version of what lists events to come: what editors publish, and the dates that are
    over (``refresh_next_dates`` moves the live state on). The page being made depends on it."""
    note_live_state_shown()
    return f"{content_version()}+{live_state_version()}"


def refresh_next_dates(now):
    """Move on the stored next date of the events whose one is over at ``now`` (to their next,
    or to none), and the live state with them: what listed them is out of date, and only that
    (not every page, as the content version would). Gives how many events moved on."""
    over = list(
        EventPage.objects.filter(next_finish__lt=now)
        .only("next_start", "next_finish")
        .prefetch_related(
            models.Prefetch(
                "occurrences",
                EventOccurrence.objects.only("page", "start", "end", "all_day", "cancelled"),
            )
        )
    )
    for event in over:
        event.note_next_date(now)
    if over:
        EventPage.objects.bulk_update(over, ["next_start", "next_finish"])
        new_live_state_version()
    return len(over)


def keep_next_dates_current(now):
    """Listings call this before reading the stored next dates, so that they are exact also
    between two runs of ``manage.py refresh_event_dates``: an event whose next date is over
    moves on to its next one (or off the schedule) at once, not up to a minute later.

    The soonest stored finish is remembered per ``schedule_version``, so this asks the database
    nothing until a date is over; then the first listing refreshes the events concerned (a
    write in a GET request, but rare and idempotent: the dates as the occurrences give them at
    ``now``, whoever writes them first) and moves the live state on."""
    if (soonest := soonest_next_finish()) is not None and soonest < now:
        refresh_next_dates(now)


def soonest_next_finish():
    """The soonest ``next_finish`` stored, remembered per ``schedule_version``. Within a content
    version only ``refresh_next_dates`` writes the next dates (saving a page moves the version
    on), and each refresh moves this on: the events it moves on are those whose finish is over,
    the soonest among them, to a finish to come or to none."""
    return remembered_per_content_version(
        "event-next-finish",
        schedule_version(),
        lambda: EventPage.objects.aggregate(finish=Min("next_finish")),
    )["finish"]


def soonest_first(events, now=None):
    """The events of a queryset of ``EventPage`` that have a date still to come, soonest
    first, by their stored next date: the database walks its index in date order and stops
    after the events asked for, however many are to come."""
    now = now or timezone.now()
    keep_next_dates_current(now)
    return events.filter(next_finish__gte=now).order_by("next_start", "pk")


def with_card_fields(events, *fields):
    """Events with what their cards show, and ``fields``, loaded up front."""
    return (
        events.for_cards(
            "status",
            "venue",
            "online_url",
            "translation_key",
            "registration_open",
            "places",
            "waiting_list",
            "registration_deadline",
            *fields,
        )
        .select_related("venue")
        .prefetch_related("occurrences")
    )


def upcoming_events(events, count=4, *fields):
    """The next ``count`` live events of a queryset of ``EventPage``, with their card's fields
    and ``fields`` (``ready_for_cards`` them with the rest)."""
    from .availability import load_places_taken

    events = with_card_fields(events.live().public(), *fields)
    return load_places_taken(list(soonest_first(events)[:count]))


def upcoming_events_of_area(area, locale, request):
    return upcoming_events(EventPage.objects.filter(EventPage.in_area_q(area), locale=locale))


def next_events(locale_id):
    return upcoming_events(EventPage.objects.filter(locale_id=locale_id))
