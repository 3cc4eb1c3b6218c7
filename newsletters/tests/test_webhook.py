"""The provider's bounce and complaint notifications: signed or refused, and without a
configured secret the address does not exist."""

import json

import pytest

from newsletters.tests.factories import SubscriberFactory
from newsletters.webhook import SIGNATURE_HEADER, signature
from subscribers.models import Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

URL = "/newsletter-webhook/bounces/"
SECRET = "webhook-test-secret"  # noqa: S105


def post(client, data, sign_with=SECRET, **headers):
    body = json.dumps(data).encode()
    if sign_with:
        headers[SIGNATURE_HEADER] = signature(body, sign_with)
    return client.post(URL, body, content_type="application/json", headers=headers)


def statuses():
    return dict(Subscriber.objects.values_list("email", "status"))


@pytest.fixture
def secret(settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = SECRET


def test_without_a_secret_there_is_no_webhook(client, settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = ""
    subscriber = SubscriberFactory()
    response = post(client, {"type": "hard_bounce", "email": subscriber.email}, sign_with="")
    # Django's LocaleMiddleware sends any unknown address to its English one, also unknown.
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 404
    assert statuses() == {subscriber.email: Subscriber.SUBSCRIBED}


@pytest.mark.parametrize("sign_with", ["", "a-guessed-secret"])
def test_a_missing_or_wrong_signature_changes_nothing(client, secret, sign_with):
    subscriber = SubscriberFactory()
    before = statuses()
    response = post(client, {"type": "complaint", "email": subscriber.email}, sign_with=sign_with)
    assert response.status_code == 403
    assert statuses() == before


def test_a_signature_of_another_body_is_refused(client, secret):
    subscriber = SubscriberFactory()
    other = json.dumps({"type": "soft_bounce", "email": subscriber.email}).encode()
    response = client.post(
        URL,
        json.dumps({"type": "hard_bounce", "email": subscriber.email}),
        content_type="application/json",
        headers={SIGNATURE_HEADER: signature(other, SECRET)},
    )
    assert response.status_code == 403
    assert statuses() == {subscriber.email: Subscriber.SUBSCRIBED}


def test_signed_notifications_bounce_and_complain(client, secret):
    bounced, complained, soft = SubscriberFactory(), SubscriberFactory(), SubscriberFactory()
    response = post(
        client,
        [
            {"type": "hard_bounce", "email": bounced.email.upper()},
            {"type": "complaint", "email": complained.email},
            {"type": "soft_bounce", "email": soft.email},
        ],
    )
    assert response.status_code == 204
    assert statuses() == {
        bounced.email: Subscriber.BOUNCED,
        complained.email: Subscriber.COMPLAINED,
        soft.email: Subscriber.SUBSCRIBED,
    }
    for _ in range(2):
        post(client, {"type": "soft_bounce", "email": soft.email})
    assert statuses()[soft.email] == Subscriber.BOUNCED
    assert not Subscriber.objects.receiving().exists()


def test_a_malformed_notification_is_refused(client, secret):
    subscriber = SubscriberFactory()
    response = post(client, {"type": "delete_everything", "email": subscriber.email})
    assert response.status_code == 400
    assert client.get(URL).status_code == 405
