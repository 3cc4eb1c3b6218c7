"""The list in the admin: moderators and administrators see the addresses, filter, search,
export one subscriber's data, erase one and import a list; editors, translators and anonymous
visitors reach none of it, by GET or POST."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from subscribers.models import Subscriber
from tests.test_permissions import ROLES

pytestmark = pytest.mark.django_db

MAY_SEE = {"moderator", "administrator", "admin"}


@pytest.fixture
def demo_subscriber():
    return Subscriber.objects.filter(language="fi").order_by("email").first()


def routes(subscriber):
    return [
        ("get", reverse("subscribers_admin:index"), {}),
        ("get", reverse("subscribers_admin:inspect", args=[subscriber.pk]), {}),
        ("get", reverse("subscribers_admin:export", args=[subscriber.pk]), {}),
        ("get", reverse("subscribers_admin:import"), {}),
        ("post", reverse("subscribers_admin:delete", args=[subscriber.pk]), {}),
        (
            "post",
            reverse("subscribers_admin:import"),
            {
                "source": "x",
                "file": SimpleUploadedFile("l.csv", b"email,confirmed\nn@example.org,1\n"),
            },
        ),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_and_administrators_reach_the_list(login, role, demo_subscriber):
    client = login(role)
    for method, url, data in routes(demo_subscriber):
        response = getattr(client, method)(url, data)
        if role in MAY_SEE:
            assert response.status_code in (200, 302), (url, response.status_code)
            continue
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert "/newsletter" not in response["Location"]
        assert demo_subscriber.email.encode() not in response.content
    if role not in MAY_SEE:
        # Nothing was erased or imported.
        assert Subscriber.objects.filter(pk=demo_subscriber.pk).exists()
        assert not Subscriber.objects.filter(email="n@example.org").exists()


def test_the_demo_has_confirmed_subscribers_in_every_language():
    for language in ("en", "fi", "ru"):
        demo = Subscriber.objects.receiving().filter(language=language)
        assert demo.count() >= 2
        assert all(s.email.endswith("@example.org") for s in demo)


def test_the_list_counts_filters_and_searches(login, demo_subscriber):
    client = login("moderator")
    index = client.get(reverse("subscribers_admin:index"))
    html = index.content.decode()
    assert index.status_code == 200
    assert demo_subscriber.email in html
    subscribed = Subscriber.objects.filter(status=Subscriber.SUBSCRIBED).count()
    assert f"<strong>{subscribed}</strong> Subscribed" in html

    finnish = client.get(reverse("subscribers_admin:index"), {"language": "fi"}).content.decode()
    russian = Subscriber.objects.filter(language="ru").first()
    assert demo_subscriber.email in finnish and russian.email not in finnish
    left = client.get(reverse("subscribers_admin:index"), {"status": "unsubscribed"})
    assert demo_subscriber.email not in left.content.decode()
    found = client.get(reverse("subscribers_admin:index"), {"q": demo_subscriber.email[:6]})
    assert demo_subscriber.email in found.content.decode()
    assert russian.email not in found.content.decode()
    with_area = (
        demo_subscriber.areas.first()
        or Subscriber.objects.filter(areas__isnull=False).first().areas.first()
    )
    by_area = client.get(reverse("subscribers_admin:index"), {"areas": with_area.pk})
    assert by_area.status_code == 200


def test_export_erase_and_import_in_the_admin(login, demo_subscriber):
    client = login("moderator")
    export = client.get(reverse("subscribers_admin:export", args=[demo_subscriber.pk]))
    assert export["Content-Type"].startswith("application/json")
    assert json.loads(export.content)["email"] == demo_subscriber.email

    erase = client.post(reverse("subscribers_admin:delete", args=[demo_subscriber.pk]))
    assert erase.status_code == 302
    assert not Subscriber.objects.filter(email=demo_subscriber.email).exists()

    upload = SimpleUploadedFile(
        "members.csv",
        f"email,language,confirmed\nnew@example.org,ru,yes\n{demo_subscriber.email},fi,yes\n"
        "broken,fi,yes\n".encode(),
    )
    response = client.post(
        reverse("subscribers_admin:import"), {"source": "Paper forms", "file": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 address added" in html
    # The erased address does not come back, nor the broken one.
    assert "Row 3 skipped" in html and "Row 4 skipped" in html
    new = Subscriber.objects.get(email="new@example.org")
    assert new.status == Subscriber.SUBSCRIBED
    assert "members.csv" in new.source and "moderator" in new.source

    bad = client.post(
        reverse("subscribers_admin:import"),
        {
            "source": "x",
            "file": SimpleUploadedFile("l.csv", "email\nä@example.org\n".encode("cp1252")),
        },
    )
    assert bad.status_code == 400
    assert "UTF-8" in bad.content.decode()
