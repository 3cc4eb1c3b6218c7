"""On a phone, a visitor subscribes to the newsletter in Finnish from the footer of /fi/, confirms
from the link in the e-mail (received by a real SMTP server, tests/smtp.py), and later leaves
from the unsubscribe link. Located by structure, not by the Finnish words, which come from the
catalogues."""

import re

import pytest
from playwright.sync_api import expect

from subscribers import links
from subscribers.models import Subscriber

from .helpers import axe_violations, describe_violations, screenshot

ADDRESS = "aino.browser@example.org"


@pytest.fixture
def forget_the_subscriber():
    yield
    Subscriber.objects.filter(email=ADDRESS).delete()


def test_subscribe_in_finnish_confirm_from_the_mail_and_leave(
    open_page, smtp_server, settings, live_server, forget_the_subscriber
):
    settings.FORM_SUBMISSIONS_PER_HOUR = 100
    # The links in the mails are made with the site's address (subscribers.links).
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    page = open_page("phone")
    page.goto("/fi/")
    footer = page.locator(".site-footer__newsletter")
    footer.scroll_into_view_if_needed()
    screenshot(page, "newsletter-footer-fi", full_page=False)
    footer.locator("#footer-newsletter-email").fill(ADDRESS)
    footer.locator("button[type=submit]").click()

    # The subscribe page, filled in from the footer: the visitor chooses an area, agrees and
    # sends.
    expect(page).to_have_url(re.compile(r"/fi/newsletter/\?"))
    expect(page.locator("#newsletter-email")).to_have_value(ADDRESS)
    area = page.locator("main input[name=areas]").first
    chosen = area.get_attribute("value")
    area.check()
    violations = axe_violations(page, include=["main"])
    assert not violations, describe_violations(violations, page.url)
    page.locator("#newsletter-privacy-consent").check()
    screenshot(page, "newsletter-subscribe-fi")
    page.locator("main form.public-form button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert Subscriber.objects.get(email=ADDRESS).status == Subscriber.PENDING

    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == ADDRESS
    body = mail.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", body).group(0)
    assert "/fi/newsletter/confirm/" in link
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.status == Subscriber.SUBSCRIBED
    assert list(subscriber.areas.values_list("slug", flat=True)) == [chosen]
    screenshot(page, "newsletter-confirmed-fi", full_page=False)

    # Later, the unsubscribe link of a newsletter: asked first, then left.
    page.goto(links.one_click_unsubscribe_url(subscriber))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.UNSUBSCRIBED
    assert subscriber.left_at is not None
