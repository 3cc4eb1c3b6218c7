"""A moderator releases a page in all its languages together."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def submit_changes_in_every_language(demo_user):
    english = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    versions = [
        page.specific
        for page in english.get_translations(inclusive=True).order_by("locale__language_code")
    ]
    for version in versions:
        version.intro = f"Release day text ({version.locale.language_code})"
        revision = version.save_revision(user=demo_user("editor"))
        assert revision
        version.get_workflow().start(version, demo_user("editor"))
    return versions


def public_text(client, page):
    client.logout()
    return client.get(page.url).content.decode()


def test_moderator_publishes_every_language_in_one_step(client, demo_user):
    versions = submit_changes_in_every_language(demo_user)
    for version in versions:
        assert f"Release day text ({version.locale.language_code})" not in public_text(
            client, version
        )
    client.force_login(demo_user("moderator"))
    url = reverse("release_in_all_languages", args=[versions[0].id])
    page = client.get(url).content.decode()
    assert page.count("in review") == 3
    response = client.post(url, {"go_live_at": "", "comment": ""})
    assert response.status_code == 302
    for version in versions:
        assert f"Release day text ({version.locale.language_code})" in public_text(client, version)


def test_moderator_schedules_every_language_for_the_same_moment(client, demo_user):
    versions = submit_changes_in_every_language(demo_user)
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(demo_user("moderator"))
    response = client.post(
        reverse("release_in_all_languages", args=[versions[0].id]),
        {"go_live_at": go_live.strftime("%Y-%m-%d %H:%M"), "comment": "Together on Friday"},
    )
    assert response.status_code == 302
    for version in versions:
        assert "Release day text" not in public_text(client, version)
    with time_machine.travel(go_live + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    for version in versions:
        assert f"Release day text ({version.locale.language_code})" in public_text(client, version)


def test_editors_cannot_release(client, demo_user):
    versions = submit_changes_in_every_language(demo_user)
    client.force_login(demo_user("editor"))
    response = client.post(
        reverse("release_in_all_languages", args=[versions[0].id]), {"go_live_at": ""}
    )
    assert response.status_code in (302, 403)
    for version in versions:
        assert "Release day text" not in public_text(client, version)
