"""Only moderators and superusers reach "Send newsletter": editors and translators are refused
on every route, GET or POST, and nothing is queued or sent."""

import pytest
from django.urls import reverse

from newsletters import admin_views
from newsletters.models import Delivery
from newsletters.tests.factories import NewsletterIssuePageFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

ROUTES = ["send", "report", "resume"]


@pytest.fixture
def issue(home_page):
    SubscriberFactory()
    return NewsletterIssuePageFactory()


def try_every_route(client, issue, capture):
    answers = {}
    with capture(execute=True):
        for route in ROUTES:
            url = reverse(f"newsletters_admin:{route}", args=[issue.pk])
            if route != "resume":
                answers[f"GET {route}"] = client.get(url).status_code
            answers[f"POST {route}"] = client.post(url, {"confirm": "on"}).status_code
    return answers


@pytest.mark.parametrize("group", ["Editors", "Translators (fi)", "Translators (ru)"])
def test_editors_and_translators_are_refused(
    client, issue, member_of, group, mail_server, django_capture_on_commit_callbacks
):
    client.force_login(member_of(group))
    answers = try_every_route(client, issue, django_capture_on_commit_callbacks)
    assert set(answers.values()) == {403}, answers
    assert not Delivery.objects.exists() and mail_server.messages == []


def test_anonymous_visitors_are_sent_to_sign_in(client, issue, django_capture_on_commit_callbacks):
    answers = try_every_route(client, issue, django_capture_on_commit_callbacks)
    assert set(answers.values()) == {302}
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("who", ["Moderators", "superuser"])
def test_moderators_and_superusers_send(
    client,
    issue,
    member_of,
    who,
    django_user_model,
    mail_server,
    django_capture_on_commit_callbacks,
):
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", "root@example.org")
    else:
        user = member_of(who)
    client.force_login(user)
    page = client.get(reverse("newsletters_admin:send", args=[issue.pk]))
    assert page.status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert reverse("newsletters_admin:send", args=[issue.pk]) in edit
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletters_admin:send", args=[issue.pk]), {"confirm": "on"})
    assert len(mail_server.wait_for(1)) == 1


def test_the_permission_check_is_what_stops_an_editor(
    client, issue, member_of, monkeypatch, mail_server, django_capture_on_commit_callbacks
):
    """Without the guard the editor's POST would send: the refusal above is the guard's."""
    monkeypatch.setattr(admin_views, "may_send", lambda user: True)
    client.force_login(member_of("Editors"))
    answers = try_every_route(client, issue, django_capture_on_commit_callbacks)
    assert answers["POST send"] == 302
    assert len(mail_server.wait_for(1)) == 1


def test_editors_do_not_see_the_send_button(client, issue, member_of):
    client.force_login(member_of("Editors"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert reverse("newsletters_admin:send", args=[issue.pk]) not in edit
