"""Issue 23: a weekly activity links the event whose repeats give its dates; the activity page
shows them in its language, and the calendars hold them through the event."""

import datetime
import zoneinfo

import pytest
import time_machine

from core.tests.factories import translate
from culture.models import ActivityPage
from culture.tests.factories import ActivityPageFactory
from events.tests.factories import EventPageFactory, wednesdays

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

TODAY = datetime.datetime(2027, 1, 10, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki"))


@pytest.fixture
def linked_activity(home_page):
    with time_machine.travel(TODAY, tick=False):
        club = EventPageFactory(
            title="Chess club evenings",
            **wednesdays(datetime.date(2027, 1, 13), datetime.date(2027, 5, 26)),
        )
        activity = ActivityPageFactory(
            title="Chess club", schedule="Wednesdays", calendar_event=club
        )
    return activity, club


def visit(client, url):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_activity_shows_its_events_repeat_and_next_date(client, linked_activity):
    activity, club = linked_activity
    html = visit(client, activity.url)
    assert "Every Wednesday, 5 p.m.–6 p.m., Jan. 13, 2027 – May 26, 2027" in html
    assert 'datetime="2027-01-13T17:00:00+02:00"' in html
    assert f'href="{club.url}"' in html
    # The event's dates replace the free text.
    assert "Wednesdays" not in html


def test_a_translated_activity_links_the_events_translation(client, linked_activity):
    activity, club = linked_activity
    finnish_club = translate(club, "fi", {"Chess club evenings": "Shakkikerhon illat"})
    finnish = translate(activity, "fi", {"Chess club": "Shakkikerho"})
    assert ActivityPage.objects.get(pk=finnish.pk).calendar_event_id == club.pk
    html = visit(client, finnish.url)
    assert f'href="{finnish_club.url}"' in html
    assert "Joka viikko: keskiviikko, 17.00–18.00, 13. tammikuuta 2027" in html


def test_an_activity_without_an_event_keeps_its_free_text(client, home_page):
    activity = ActivityPageFactory(title="Drawing club", schedule="Tuesdays 18:00–19:30")
    assert "Tuesdays 18:00–19:30" in visit(client, activity.url)
