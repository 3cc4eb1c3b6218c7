"""Passkeys through the real ceremony URLs (/webauthn/…), answered by a software passkey: who
may add one, signing in with one, the lockout, and removing one."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from core.demo.site import DEMO_PASSWORD
from staff_signin import second_factor

from .soft_authenticator import SoftPasskey
from .test_second_factor import (
    DASHBOARD,
    LOGIN_URL,
    SETTINGS_URL,
    next_code,
    set_up_second_factor,
    sign_in,
)

pytestmark = pytest.mark.django_db
REGISTER_BEGIN = "/webauthn/registration/begin/"
REGISTER_COMPLETE = "/webauthn/registration/complete/"
SIGN_IN_BEGIN = "/webauthn/authentication/begin/"
SIGN_IN_COMPLETE = "/webauthn/authentication/complete/"


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def confirm_password(client, password=DEMO_PASSWORD):
    return client.post(SETTINGS_URL, {"action": "passkey", "password": password})


def add_passkey(client, passkey=None):
    """The set-up page's script: ask the server for options, answer them, send the answer."""
    passkey = passkey or SoftPasskey()
    begin = post_json(client, REGISTER_BEGIN)
    assert begin.status_code == 200, begin.content
    complete = post_json(client, REGISTER_COMPLETE, passkey.register(begin.json()))
    assert complete.status_code == 200, complete.content
    return passkey


def sign_in_with(client, passkey, next_url=DASHBOARD):
    begin = post_json(client, SIGN_IN_BEGIN)
    assert begin.status_code == 200, begin.content
    return post_json(client, f"{SIGN_IN_COMPLETE}?next={next_url}", passkey.sign_in(begin.json()))


def enrol_with_passkey(client, user):
    client.force_login(user)
    assert confirm_password(client).status_code == 200
    passkey = add_passkey(client)
    client.logout()
    return passkey


def test_a_stranger_cannot_add_a_passkey(client):
    response = post_json(client, REGISTER_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
    assert post_json(client, REGISTER_COMPLETE, {}).status_code == 403


def test_a_first_passkey_needs_the_password_again(client, demo_user):
    client.force_login(demo_user("editor"))
    assert post_json(client, REGISTER_BEGIN).json()["code"] == "password_needed"
    wrong = confirm_password(client, "guess")
    assert wrong.status_code == 400
    assert "That is not your password" in wrong.content.decode()
    assert post_json(client, REGISTER_BEGIN).status_code == 403
    assert confirm_password(client).status_code == 200
    # Five minutes later the password has to be typed again.
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert post_json(client, REGISTER_BEGIN).json()["code"] == "password_needed"
    add_passkey(client)
    assert WebAuthnCredential.objects.filter(user__username="editor", confirmed=True).count() == 1


def test_a_session_that_did_not_pass_the_second_step_cannot_add_one(client, demo_user):
    editor = demo_user("editor")
    set_up_second_factor(client, editor)
    # A session begun without the code (e.g. the visitors' sign-in) even with the password.
    client.force_login(editor)
    response = post_json(client, REGISTER_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"
    assert (
        post_json(
            client,
            REGISTER_COMPLETE,
            SoftPasskey().register({"user": {"id": "AA"}, "challenge": "AA"}),
        ).status_code
        == 403
    )
    assert not WebAuthnCredential.objects.exists()
    # Nor can it reach the set-up page to type the password: the gate signs it out.
    assert confirm_password(client).status_code == 302
    assert post_json(client, REGISTER_BEGIN).json()["code"] == "not_authenticated"


def test_a_moderator_with_only_a_passkey_is_enrolled_and_signs_in_with_it(
    client, demo_user, settings
):
    settings.SECOND_FACTOR_REQUIRED = True
    moderator = demo_user("moderator")
    client.force_login(moderator)
    assert client.get(DASHBOARD).url.endswith(SETTINGS_URL)  # must enrol first
    passkey = enrol_with_passkey(client, moderator)
    assert second_factor.has_second_factor(moderator)
    assert second_factor.required_for(moderator)

    # A password alone no longer opens the account.
    refused = sign_in(client, "moderator")
    assert refused.status_code == 200
    assert "This account signs in with a passkey" in refused.content.decode()
    assert client.get(DASHBOARD).status_code == 302

    response = sign_in_with(client, passkey)
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"] == DASHBOARD
    dashboard = client.get(DASHBOARD)
    assert dashboard.status_code == 200, "verified by the passkey: the gate lets it in"

    # Still offered recovery codes, without a code to type just after signing in.
    page = client.get(SETTINGS_URL).content.decode()
    assert "Passkey 1" in page and "Make recovery codes" in page
    codes = client.post(SETTINGS_URL, {"action": "new-codes"})
    assert codes.status_code == 200
    assert second_factor.recovery_codes_left(moderator) == 10
    client.logout()
    refused = sign_in(client, "moderator")
    assert "enter the code from your authenticator app" in refused.content.decode()
    assert client.get(DASHBOARD).status_code == 302


def test_a_foreign_redirect_after_a_passkey_sign_in_is_ignored(client, demo_user):
    passkey = enrol_with_passkey(client, demo_user("editor"))
    response = sign_in_with(client, passkey, next_url="https://evil.example/")
    assert response.json()["redirect_url"] == DASHBOARD


def test_a_passkey_does_not_open_an_account_held_back_by_the_lockout(client, demo_user, settings):
    passkey = enrol_with_passkey(client, demo_user("editor"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": "editor", "password": "wrong"})
    response = sign_in_with(client, passkey)
    assert response.status_code == 403
    assert response.json()["code"] == "locked_out"
    assert client.get(DASHBOARD).status_code == 302


def test_a_used_challenge_and_a_wrong_signature_are_refused(client, demo_user):
    passkey = enrol_with_passkey(client, demo_user("editor"))
    begin = post_json(client, SIGN_IN_BEGIN).json()
    answer = passkey.sign_in(begin)
    other = SoftPasskey()
    other.credential_id = passkey.credential_id  # same id, someone else's key
    assert post_json(client, SIGN_IN_COMPLETE, other.sign_in(begin)).status_code == 422
    # The challenge was spent by the failed try: the right answer to it is refused as well.
    assert post_json(client, SIGN_IN_COMPLETE, answer).status_code == 400
    assert client.get(DASHBOARD).status_code == 302


def test_removing_a_passkey_needs_a_code(client, demo_user):
    editor = demo_user("editor")
    device, _codes = set_up_second_factor(client, editor)
    assert sign_in(client, "editor", next_code(device)).status_code == 302
    add_passkey(client)
    passkey_id = WebAuthnCredential.objects.get(user=editor).pk
    # Later, at a computer left signed in:
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        refused = client.post(SETTINGS_URL, {"action": "remove-passkey", "passkey": passkey_id})
        assert refused.status_code == 400
        wrong = client.post(
            SETTINGS_URL, {"action": "remove-passkey", "passkey": passkey_id, "code": "000000"}
        )
        assert wrong.status_code == 400
        assert WebAuthnCredential.objects.filter(pk=passkey_id).exists()
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        device.refresh_from_db()
        removed = client.post(
            SETTINGS_URL,
            {"action": "remove-passkey", "passkey": passkey_id, "code": next_code(device)},
        )
        assert removed.status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey_id).exists()
    assert second_factor.has_second_factor(editor), "the app stays"


def test_the_last_passkey_of_a_moderator_stays(client, demo_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    moderator = demo_user("moderator")
    passkey = enrol_with_passkey(client, moderator)
    sign_in_with(client, passkey)
    passkey_id = WebAuthnCredential.objects.get(user=moderator).pk
    client.post(SETTINGS_URL, {"action": "remove-passkey", "passkey": passkey_id})
    assert WebAuthnCredential.objects.filter(pk=passkey_id).exists()


def test_someone_elses_passkey_cannot_be_removed(client, demo_user):
    enrol_with_passkey(client, demo_user("moderator"))
    theirs = WebAuthnCredential.objects.get(user__username="moderator").pk
    passkey = enrol_with_passkey(client, demo_user("editor"))
    sign_in_with(client, passkey)
    client.post(SETTINGS_URL, {"action": "remove-passkey", "passkey": theirs})
    assert WebAuthnCredential.objects.filter(pk=theirs).exists()


@pytest.mark.parametrize(
    ("language", "text"), [("fi", "Tunnistautuminen onnistui"), ("ru", "Проверка пройдена")]
)
def test_the_scripts_speak_finnish_and_russian(client, language, text):
    response = client.get("/webauthn/jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
    assert json.dumps(text)[1:-1] in response.content.decode()


def test_the_ceremonies_need_the_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post_json(strict, SIGN_IN_BEGIN).status_code == 403
    assert strict.get("/admin/login/").status_code == 200
    token = strict.cookies["csrftoken"].value
    begin = strict.post(
        SIGN_IN_BEGIN, "{}", content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert begin.status_code == 200 and begin.json()["rpId"] == "localhost"


@pytest.mark.parametrize(
    "body", ["", "not json", "[]", '"x"', "{}", '{"id": 1, "response": []}', '{"rawId": "!!"}']
)
def test_a_malformed_answer_is_refused_without_an_error(client, demo_user, body):
    editor = demo_user("editor")
    enrol_with_passkey(client, editor)
    post_json(client, SIGN_IN_BEGIN)
    response = client.post(SIGN_IN_COMPLETE, body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content
    client.force_login(demo_user("moderator"))
    confirm_password(client)
    assert post_json(client, REGISTER_BEGIN).status_code == 200
    response = client.post(REGISTER_COMPLETE, body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content


def test_the_private_pages_sign_in_sends_a_passkey_only_account_to_the_admins(client, demo_user):
    editor = demo_user("editor")
    client.force_login(editor)
    enrol_with_passkey(client, editor)
    client.logout()
    response = client.post(
        "/en/_util/login/?next=/en/members/",
        {"username": "editor", "password": DEMO_PASSWORD, "next": "/en/members/"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This account signs in with a passkey" in html
    assert 'href="/admin/login/?next=%2Fen%2Fmembers%2F"' in html
    assert "_auth_user_id" not in client.session
