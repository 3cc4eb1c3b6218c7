"""Organisers' views in the admin: moderators and administrators see every event's sign-ups,
editors only those of events they own, translators and anonymous visitors none; every route,
GET and POST, refuses those who may not."""

import csv
import io

import pytest
from django.urls import reverse

from events.models import EventPage
from registrations.models import Registration
from registrations.tests.test_sign_up import signed_up
from tests.test_permissions import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(demo_user):
    """The demo's archipelago trip, owned by the editor, and its chess club, owned by the
    moderator, each with sign-ups."""
    trip = EventPage.objects.get(locale__language_code="en", title="Archipelago day trip")
    chess = EventPage.objects.get(locale__language_code="en", title="Chess club evenings")
    EventPage.objects.filter(pk=trip.pk).update(owner=demo_user("editor"))
    EventPage.objects.filter(pk=chess.pk).update(owner=demo_user("moderator"))
    signed_up(trip, name='=HYPERLINK("http://evil")', email="person@example.org", language="fi")
    signed_up(chess, name="Pekka Chess", email="person@example.org", language="fi")
    signed_up(trip, name="Waiting Wanda", email="wanda@example.org", status="waiting")
    return {"own": trip, "other": chess}


# Who sees the sign-ups of the editor's own event, and of another's.
MAY_SEE = {
    "own": {"editor", "moderator", "administrator", "admin"},
    "other": {"moderator", "administrator", "admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["own", "other"])
def test_who_sees_an_events_sign_ups(login, events, role, which):
    client = login(role)
    page = events[which]
    allowed = role in MAY_SEE[which]
    response = client.get(reverse("registrations_admin:event", args=[page.pk]))
    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert (response.status_code == 200) == allowed, response.status_code
    export = client.get(reverse("registrations_admin:export", args=[page.pk]))
    assert (export.status_code == 200) == allowed
    index = client.get(reverse("registrations_admin:index"))
    listed = index.status_code == 200 and page.title in index.content.decode()
    assert listed == allowed


@pytest.mark.parametrize("role", ROLES)
def test_the_post_routes_refuse_who_may_not(
    login, events, role, django_capture_on_commit_callbacks
):
    from django.core import mail

    client = login(role)
    page = events["other"]
    registration = page.registrations.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("registrations_admin:message", args=[page.pk]),
            {"recipients": "all", "subject": "Change", "message": "New room."},
        )
    client.post(
        reverse("registrations_admin:attendance", args=[page.pk])
        + f"?date={registration.occurrence_id}",
        {"attended": [registration.pk]},
    )
    allowed = role in MAY_SEE["other"]
    assert (len(mail.outbox) == 1) == allowed
    assert Registration.objects.get(pk=registration.pk).attended == allowed


def test_the_list_counts_and_the_csv_is_safe_for_spreadsheets(login, events):
    client = login("editor")
    page = events["own"]
    listing = client.get(reverse("registrations_admin:event", args=[page.pk])).content.decode()
    assert "Confirmed: 1 · Waiting list: 1 · Cancelled: 0" in listing
    export = client.get(reverse("registrations_admin:export", args=[page.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert "Waiting Wanda" in names


def test_message_everyone_goes_in_each_persons_language(
    login, events, django_capture_on_commit_callbacks
):
    from django.core import mail

    client = login("editor")
    page = events["own"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrations_admin:message", args=[page.pk]),
            {"recipients": "all", "subject": "Boat leaves at 8", "message": "Be early."},
        )
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [
        "person@example.org",
        "wanda@example.org",
    ]
    assert all(message.subject == "Boat leaves at 8" for message in mail.outbox)
    assert all("/registrations/cancel/" in message.body for message in mail.outbox)
    bad = client.post(reverse("registrations_admin:message", args=[page.pk]), {"subject": ""})
    assert bad.status_code == 400


def test_attendance_is_ticked_with_big_labelled_boxes(login, events):
    client = login("editor")
    page = events["own"]
    registration = page.registrations.confirmed().get()
    url = reverse("registrations_admin:attendance", args=[page.pk])
    html = client.get(f"{url}?date={registration.occurrence_id}").content.decode()
    assert f'<label class="attendance__person" for="attended-{registration.pk}">' in html
    client.post(f"{url}?date={registration.occurrence_id}", {"attended": [str(registration.pk)]})
    assert Registration.objects.get(pk=registration.pk).attended
