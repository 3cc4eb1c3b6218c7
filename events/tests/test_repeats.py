"""Issue 23: a weekly club set with the repeat fields (weekdays, times, first and last dates,
exceptions, extra dates) in Helsinki time, through the admin's real views, per role; its dates
on the public pages in each language, across the clock changes."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from core.tests.factories import translate
from events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC
# Seen from before the club starts.
TODAY = datetime.datetime(2027, 1, 10, 12, tzinfo=HELSINKI)
# Every Wednesday 17:00–18:00 from 13 January to 26 May 2027, except 17 February and 7 April,
# plus Saturday 27 March (the eve of the clocks going forward).
CLUB = {
    # A tuple: nested_form_data would number the items of a list.
    "weekdays": ("2",),
    "start_time": "17:00",
    "end_time": "18:00",
    "first_date": "2027-01-13",
    "last_date": "2027-05-26",
    "exceptions": "2027-02-17\n7.4.2027",
    "extra_dates": "2027-03-27",
}
WEDNESDAYS = [datetime.date(2027, 1, 13) + datetime.timedelta(weeks=week) for week in range(20)]
CLUB_DAYS = sorted(
    {*WEDNESDAYS, datetime.date(2027, 3, 27)}
    - {datetime.date(2027, 2, 17), datetime.date(2027, 4, 7)}
)


def at_five(day):
    return datetime.datetime.combine(day, datetime.time(17), tzinfo=HELSINKI)


def schedule():
    return EventIndexPage.objects.get(locale__language_code="en")


def fresh(page):
    return EventPage.objects.get(pk=page.pk)


def event_form(title="Chess for beginners", repeats=(CLUB,), occurrences=(), initial=0, **fields):
    data = {
        "title": title,
        "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()),
        "status": "scheduled",
        "organiser": "Baltic Region",
        "body": streamfield([]),
        "comments": inline_formset([]),
        "repeats": inline_formset(list(repeats), initial=fields.pop("repeats_initial", 0)),
        "occurrences": inline_formset(list(occurrences), initial=initial),
        **fields,
    }
    return nested_form_data(data)


def add_event(client, user, *actions, **form):
    client.force_login(user)
    data = event_form(**form)
    data.update({f"action-{action}": "1" for action in actions})
    return client.post(
        reverse("wagtailadmin_pages:add", args=("events", "eventpage", schedule().id)), data
    )


def edit_event(client, user, page, *actions, **form):
    client.force_login(user)
    data = event_form(title=page.title, **form)
    data.update({f"action-{action}": "1" for action in actions})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)


def rows_of(page):
    """The page's occurrences as the edit form posts them back."""
    return [
        {
            "id": occurrence.pk,
            "start": f"{occurrence.start.astimezone(HELSINKI):%Y-%m-%d %H:%M}",
            "end": f"{occurrence.end.astimezone(HELSINKI):%Y-%m-%d %H:%M}",
            "all_day": "",
            "cancelled": "on" if occurrence.cancelled else "",
            "ORDER": str(order),
        }
        for order, occurrence in enumerate(page.sorted_occurrences)
    ]


def repeat_row(page, **changes):
    repeat = page.repeats.get()
    return {**CLUB, "id": repeat.pk, "ORDER": "0", **changes}


def form_errors(response):
    form = response.context and response.context.get("form")
    if not form:
        return response.status_code
    return form.errors, {name: fs.errors for name, fs in form.formsets.items()}


def edit_dates(client, user, page, action, rows=None, **repeat_changes):
    """Post the page's edit form with its repeat, changed, and its date rows: ``rows`` (as
    ``rows_of`` gives them) or the rows as they are."""
    rows = rows_of(page) if rows is None else rows
    response = edit_event(
        client,
        user,
        page,
        action,
        repeats=[repeat_row(page, **repeat_changes)],
        repeats_initial=1,
        occurrences=rows,
        initial=len(rows),
    )
    assert response.status_code == 302, form_errors(response)


def approve(client, moderator, page):
    client.force_login(moderator)
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id])
    assert client.post(url).status_code == 302


def visit(url):
    with time_machine.travel(TODAY, tick=False):
        response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def club(client, demo_user):
    """The club as an editor writes it and submits it, and the moderator approves it."""
    response = add_event(client, demo_user("editor"), "submit", **{})
    assert response.status_code == 302, form_errors(response)
    page = EventPage.objects.get(slug="chess-for-beginners", locale__language_code="en")
    assert not page.live
    approve(client, demo_user("moderator"), page)
    return fresh(page)


def test_an_editors_repeat_gives_every_date_at_helsinki_time_once_approved(club):
    assert club.live
    starts = [occurrence.start for occurrence in club.sorted_occurrences]
    assert starts == [at_five(day) for day in CLUB_DAYS]
    # 17:00 in Helsinki is 15:00 UTC in winter and 14:00 UTC in summer.
    assert starts[0].astimezone(UTC).hour == 15
    assert starts[-1].astimezone(UTC).hour == 14
    assert {occurrence.end - occurrence.start for occurrence in club.sorted_occurrences} == {
        datetime.timedelta(hours=1)
    }
    repeat = club.repeats.get()
    assert repeat.exceptions == ["2027-02-17", "2027-04-07"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"last_date": "2027-01-01"}, "The last date must be on or after the first date."),
        ({"end_time": "16:00"}, "The end must be after the start."),
        (
            {"exceptions": "2027-02-18"},
            "not a day of this repeat, so there is nothing to leave out",
        ),
        ({"extra_dates": "2027-01-20"}, "already a day of this repeat"),
        ({"exceptions": "18/2/2027"}, "is not a date: write it as 2027-02-18 or 18.2.2027"),
        ({"last_date": "2040-12-31"}, "This repeat gives 728 dates; at most 500 can be kept."),
        ({"weekdays": (), "extra_dates": ""}, "Choose the weekdays of the repeat"),
    ],
)
def test_a_wrong_repeat_is_refused_with_a_message_an_editor_understands(
    client, demo_user, changes, message
):
    response = add_event(client, demo_user("editor"), repeats=[{**CLUB, **changes}])
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not EventPage.objects.filter(slug="chess-for-beginners").exists()


def test_an_event_without_any_date_is_refused(client, demo_user):
    response = add_event(client, demo_user("editor"), repeats=[])
    assert response.status_code == 200
    assert "Add a date and time, or a repeat, to say when the event is." in (
        response.content.decode()
    )


def test_one_date_is_cancelled_and_one_moved_without_touching_the_rest(client, demo_user, club):
    rows = rows_of(club)
    cancelled, moved = rows[2], rows[3]
    cancelled["cancelled"] = "on"
    moved["start"], moved["end"] = "2027-02-03 18:30", "2027-02-03 19:30"
    editor, moderator = demo_user("editor"), demo_user("moderator")
    edit_dates(client, editor, club, "submit", rows)
    approve(client, moderator, club)
    page = fresh(club)
    by_day = {o.repeat_start.astimezone(HELSINKI).date(): o for o in page.sorted_occurrences}
    assert len(by_day) == len(CLUB_DAYS)
    assert by_day[CLUB_DAYS[2]].cancelled
    assert by_day[CLUB_DAYS[3]].start == datetime.datetime(2027, 2, 3, 18, 30, tzinfo=HELSINKI)
    untouched = [o for day, o in by_day.items() if day not in CLUB_DAYS[2:4]]
    assert all(o.start == o.repeat_start and not o.cancelled for o in untouched)

    # A longer repeat adds its new Wednesdays and keeps the editor's changes.
    edit_dates(client, editor, page, "submit", last_date="2027-06-09")
    approve(client, moderator, page)
    page = fresh(page)
    assert len(page.sorted_occurrences) == len(CLUB_DAYS) + 2
    assert page.sorted_occurrences[-1].start == at_five(datetime.date(2027, 6, 9))
    assert sum(o.cancelled for o in page.sorted_occurrences) == 1
    assert sum(o.is_moved for o in page.sorted_occurrences) == 1

    # A later start time moves the dates in place: the same rows (and the sign-ups linked to
    # them), the editor's cancelled and moved dates as they were.
    rows_before = {o.pk for o in page.sorted_occurrences}
    edit_dates(
        client, editor, page, "submit", start_time="18:15", end_time="19:15", last_date="2027-06-09"
    )
    approve(client, moderator, page)
    page = fresh(page)
    assert {o.pk for o in page.sorted_occurrences} == rows_before
    by_day = {o.repeat_start.astimezone(HELSINKI).date(): o for o in page.sorted_occurrences}
    assert by_day[CLUB_DAYS[0]].start == datetime.datetime(2027, 1, 13, 18, 15, tzinfo=HELSINKI)
    assert by_day[CLUB_DAYS[0]].end == datetime.datetime(2027, 1, 13, 19, 15, tzinfo=HELSINKI)
    assert by_day[CLUB_DAYS[2]].cancelled
    assert by_day[CLUB_DAYS[3]].start == datetime.datetime(2027, 2, 3, 18, 30, tzinfo=HELSINKI)
    assert sum(o.is_moved for o in page.sorted_occurrences) == 1

    html = visit(page.url)
    assert html.count("badge--cancelled") == 1
    schedule_html = visit(schedule().url)
    # Twenty-one dates, one cancelled: the next on the card and nineteen more.
    assert "and 19 more dates" in schedule_html


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        (
            "en",
            "Every Wednesday, 5 p.m.–6 p.m., Jan. 13, 2027 – May 26, 2027; except Feb. 17, 2027, "
            "April 7, 2027; also March 27, 2027",
        ),
        (
            "fi",
            "Joka viikko: keskiviikko, 17.00–18.00, 13. tammikuuta 2027 – 26. toukokuuta 2027; "
            "paitsi 17. helmikuuta 2027, 7. huhtikuuta 2027; lisäksi 27. maaliskuuta 2027",
        ),
        (
            "ru",
            "Каждую неделю: среда, 17:00–18:00, 13 января 2027 г. – 26 мая 2027 г.; кроме "
            "17 февраля 2027 г., 7 апреля 2027 г.; а также 27 марта 2027 г.",
        ),
    ],
)
def test_visitors_read_the_repeat_in_their_language_with_the_same_dates(club, language, summary):
    page = club if language == "en" else translate(club, language)
    assert [o.start for o in page.sorted_occurrences] == [at_five(day) for day in CLUB_DAYS]
    html = visit(page.url)
    assert summary in html
    assert 'datetime="2027-03-31T17:00:00+03:00"' in html
    assert 'datetime="2027-03-24T17:00:00+02:00"' in html
    # The next twelve dates are listed; the summary and the calendar file give the rest.
    assert html.count('<time datetime="2027-') == 12 * 2
    assert ("and 7 more dates" in html) == (language == "en")


def test_translations_follow_the_source_dates_and_translators_cannot_change_them(
    client, demo_user, club
):
    finnish = translate(club, "fi")
    client.force_login(demo_user("translator-fi"))
    form = event_form(
        title=finnish.title,
        repeats=[repeat_row(finnish, start_time="09:00", end_time="10:00")],
        repeats_initial=1,
    )
    form["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[finnish.id]), form)
    assert [o.start for o in fresh(finnish).sorted_occurrences] == [
        at_five(day) for day in CLUB_DAYS
    ]
    editor_html = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content
    assert b"repeats-TOTAL_FORMS" not in editor_html

    # The English club gets longer; the Finnish page follows once it is synchronised again.
    edit_dates(client, demo_user("moderator"), club, "publish", last_date="2027-06-09")
    source = TranslationSource.objects.get_for_instance(club)
    source.update_from_db()
    source.translations.get(target_locale=finnish.locale).save_target(publish=True)
    assert fresh(finnish).sorted_occurrences[-1].start == at_five(datetime.date(2027, 6, 9))
    assert "9. kesäkuuta 2027" in visit(finnish.url)
