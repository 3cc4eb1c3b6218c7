"""Security headers, the Content-Security-Policy and the admin's sign-in lockout."""

import re
import runpy

import pytest
from django.urls import reverse

from contact_forms.models import FormPage
from core.demo.site import DEMO_PASSWORD
from culture.models import GalleryPage
from events.models import EventPage
from home.models import HomePage, LocationPage, StandardPage
from publications.models import PublicationPage

pytestmark = pytest.mark.django_db
PUBLIC_PAGE_TYPES = [
    HomePage,
    StandardPage,
    LocationPage,
    EventPage,
    PublicationPage,
    GalleryPage,
    FormPage,
]
LOGIN_URL = "/admin/login/"


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings of site_config.settings.production, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key-used-only-by-this-test")
    production_settings = runpy.run_module("site_config.settings.production")
    for name, value in production_settings.items():
        if (
            name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))
            or name == "X_FRAME_OPTIONS"
        ):
            setattr(settings, name, value)
    return settings


def directives(header):
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_production_sends_hsts_nosniff_referrer_and_frame_headers(client, production):
    response = client.get("/en/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_production_redirects_plain_http_to_https(client, production):
    response = client.get("/en/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/"


def test_production_cookies_are_secure_and_the_session_cookie_is_http_only(client, production):
    response = client.get(LOGIN_URL, secure=True)
    assert response.cookies["csrftoken"]["secure"] is True
    response = client.post(
        LOGIN_URL, {"username": "editor", "password": DEMO_PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True


def test_public_pages_allow_only_the_sites_own_scripts(client):
    policy = directives(client.get("/en/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # Embedded media load after consent, in frames from the video services only.
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)


def test_the_admin_has_its_own_looser_policy(client, demo_user):
    client.force_login(demo_user("editor"))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    public = directives(client.get("/en/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in public["script-src"]


INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("language", ["en", "fi", "ru"])
@pytest.mark.parametrize("model", PUBLIC_PAGE_TYPES, ids=lambda model: model.__name__)
def test_public_pages_have_no_inline_script_or_style(client, demo_user, model, language):
    """Everything the strict policy would block: inline scripts, event handler attributes,
    javascript: links, inline styles. JSON-LD data blocks are not scripts and stay allowed."""
    page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
    assert page is not None, f"the demo has no live {model.__name__} in {language}"
    # A signed-in editor also gets Wagtail's user bar on the page.
    for user in (None, demo_user("editor")):
        if user:
            client.force_login(user)
        html = client.get(page.url).content.decode()
        assert not INLINE_SCRIPT.findall(html)
        assert not EVENT_HANDLER.findall(html)
        assert "javascript:" not in html.lower()
        assert " style=" not in html and "<style" not in html


def test_sign_in_is_locked_for_an_account_at_the_address_of_the_failures(client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN_URL, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(LOGIN_URL, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(LOGIN_URL, {"username": "editor", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts for this account" in html
    assert "Try again in 15 minutes" in html
    assert "_auth_user_id" not in client.session
    # A stranger's failures do not lock the real editor out at their own address.
    response = client.post(
        LOGIN_URL, {"username": "editor", "password": DEMO_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302


def test_a_stranger_cannot_keep_staff_out_by_failing_on_and_on(client, settings):
    for _round in range(3):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                LOGIN_URL, {"username": "moderator", "password": "x"}, REMOTE_ADDR="203.0.113.9"
            )
        response = client.post(
            LOGIN_URL,
            {"username": "moderator", "password": DEMO_PASSWORD},
            REMOTE_ADDR="198.51.100.8",
        )
        assert response.status_code == 302
        client.logout()


@pytest.mark.parametrize("sign_in_url", [LOGIN_URL, "/en/_util/login/"])
def test_an_address_trying_many_accounts_is_held_back(client, settings, sign_in_url):
    for attempt in range(settings.LOGIN_NETWORK_FAILURE_LIMIT):
        client.post(
            sign_in_url,
            {"username": f"guess{attempt}", "password": "wrong"},
            REMOTE_ADDR="192.0.2.50",
        )
    response = client.post(
        sign_in_url, {"username": "moderator", "password": DEMO_PASSWORD}, REMOTE_ADDR="192.0.2.50"
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins from your network" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(
        sign_in_url, {"username": "moderator", "password": DEMO_PASSWORD}, REMOTE_ADDR="192.0.2.51"
    )
    assert response.status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN_URL, {"username": "editor", "password": "wrong"})
    assert (
        client.post(LOGIN_URL, {"username": "editor", "password": DEMO_PASSWORD}).status_code == 302
    )
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            client.post(LOGIN_URL, {"username": "editor", "password": "wrong"}).status_code == 200
        )
    assert (
        client.post(LOGIN_URL, {"username": "editor", "password": DEMO_PASSWORD}).status_code == 302
    )


def sign_in(client, username, password, remote_addr, forwarded_for):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong", "192.0.2.60", f"203.0.113.{attempt}")
    assert sign_in(client, "editor", DEMO_PASSWORD, "192.0.2.60", "203.0.113.99").status_code == 429


def test_behind_a_proxy_the_visitors_forwarded_address_is_locked(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "moderator", "wrong", "10.0.0.1", "198.51.100.1, 203.0.113.20")
    # Everyone comes through the proxy's address; only the visitor who failed is locked.
    assert (
        sign_in(client, "moderator", DEMO_PASSWORD, "10.0.0.1", "203.0.113.20").status_code == 429
    )
    assert (
        sign_in(client, "moderator", DEMO_PASSWORD, "10.0.0.1", "203.0.113.21").status_code == 302
    )


def test_password_validators_are_on(client, demo_user):
    client.force_login(demo_user("admin"))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newperson",
            "email": "new@example.org",
            "first_name": "New",
            "last_name": "Person",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()


@pytest.mark.django_db
def test_previews_may_be_framed_by_the_admin():
    """A preview is a public page rendered for the admin's preview panel, which frames it."""
    from home.models import StandardPage

    page = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
