"""On a phone, a visitor who has already sent the contact form this hour sends another message in
Finnish: the page answers that the limit is reached, in Finnish, and the message they typed is
still in the form, ready to send later or to copy (issue 25: forms that lose nothing)."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from contact_forms.models import FormPage
from core.models import AcceptedFormPost

from .helpers import axe_violations, describe_violations


@pytest.fixture
def one_post_an_hour(settings, transactional_db):
    settings.FORM_SUBMISSIONS_PER_HOUR = 1
    yield
    # The browser tests share one database: later ones may send the form again.
    AcceptedFormPost.objects.all().delete()


def fill_in(page, name, message):
    page.locator("#id_your_name").fill(name)
    page.locator("#id_e_mail_address").fill("anna@example.org")
    page.locator("#id_message").fill(message)
    page.locator("#id_privacy-consent").check()
    page.locator("main form.public-form button[type=submit]").click()


def test_the_limit_keeps_what_was_typed(open_page, one_post_an_hour):
    english = FormPage.objects.get(locale__language_code="en", slug="contact-us")
    finnish = english.get_translation(Locale.objects.get(language_code="fi"))
    page = open_page("phone")
    page.goto(finnish.url)
    fill_in(page, "Anna Virtanen", "Onko lapsille shakkikerhoa?")
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("#id_message").count() == 0  # the thank-you page

    page.goto(finnish.url)
    second = "Ja vielä: onko kerho myös kesällä?\nTerveisin Anna"
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        fill_in(page, "Anna Virtanen", second)
    assert posted.value.status == 429
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("sähköpostilla")
    assert page.locator("html").get_attribute("lang") == "fi"
    expect(page.locator("#id_message")).to_have_value(second)
    expect(page.locator("#id_your_name")).to_have_value("Anna Virtanen")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)
