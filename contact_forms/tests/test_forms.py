"""The contact and membership forms: spam protection, consent, storage, notification, purge."""

import csv
import datetime
import io
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from contact_forms.models import FormField, FormPage
from core.models import AcceptedFormPost
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_page(slug, language="en"):
    english = FormPage.objects.get(locale__language_code="en", slug=slug)
    return english.get_translation(english.locale.__class__.objects.get(language_code=language))


@pytest.fixture
def contact():
    return form_page("contact-us")


def contact_answers(**extra):
    return {
        "your_name": "Anna Virtanen",
        "e_mail_address": "anna@example.org",
        "message": "Do you have chess for children?",
        "privacy-consent": "on",
        **extra,
    }


def test_form_pages_belong_under_the_home_page():
    home = HomePage.objects.get(locale__language_code="en")
    assert FormPage.can_create_at(home)
    assert FormPage in HomePage.allowed_subpage_models()
    assert not FormPage.can_create_at(StandardPage.objects.first())
    assert FormPage.allowed_subpage_models() == []


def test_editors_can_add_a_form_page_under_the_home_page(client, demo_user):
    client.force_login(demo_user("editor"))
    home = HomePage.objects.get(locale__language_code="en")
    response = client.get(f"/admin/pages/add/contact_forms/formpage/{home.pk}/")
    assert response.status_code == 200
    assert "consent_text" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "label", "consent", "button"),
    [
        ("en", "Your name", "I agree that the Baltic Region association keeps", "Send the message"),
        ("fi", "Nimesi", "Hyväksyn, että Baltic Region -yhdistys", "Lähetä viesti"),
        ("ru", "Ваше имя", "Я согласен(на), что ассоциация", "Отправить сообщение"),
    ],
)
def test_the_contact_form_is_translated(client, language, label, consent, button):
    page = form_page("contact-us", language)
    assert page.live
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert label in html and consent in html and button in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="web-site"' in html and 'aria-hidden="true"' in html


def test_both_forms_are_in_the_demo_in_every_language():
    for slug in ("contact-us", "become-a-member"):
        for language in ("en", "fi", "ru"):
            assert form_page(slug, language).live


def test_a_submission_is_stored_and_mailed_to_the_office(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, contact_answers())
    assert response.status_code == 200
    assert "Thank you for your message" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    data = submission.get_data()
    assert data["your_name"] == "Anna Virtanen"
    assert data["privacy-consent"] is True
    assert "web-site" not in data
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [contact.to_address]
    assert message.subject == "New message from the website"
    assert "Do you have chess for children?" in message.body


def test_translated_forms_store_the_same_columns(client, django_capture_on_commit_callbacks):
    page = form_page("contact-us", "ru")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, contact_answers(your_name="Анна"))
    assert response.status_code == 200
    data = FormSubmission.objects.get(page=page).get_data()
    assert data["your_name"] == "Анна"
    assert mail.outbox[0].subject == "Новое сообщение с сайта"


def test_without_consent_nothing_is_stored(client, contact):
    answers = contact_answers()
    del answers["privacy-consent"]
    response = client.post(contact.url, answers)
    assert response.status_code == 400
    assert "Please tick the box to agree" in response.content.decode()
    assert not FormSubmission.objects.filter(page=contact).exists()
    assert mail.outbox == []


def test_missing_answers_get_a_message(client, contact):
    response = client.post(contact.url, contact_answers(e_mail_address="not an address"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check the answers marked below." in html
    assert "Enter a valid email address." in html


def test_a_filled_honeypot_is_thanked_but_nothing_is_kept(client, contact):
    response = client.post(contact.url, contact_answers(**{"web-site": "http://spam.example"}))
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not FormSubmission.objects.filter(page=contact).exists()
    assert mail.outbox == []


def test_forms_need_the_csrf_token(contact):
    client = Client(enforce_csrf_checks=True)
    response = client.post(contact.url, contact_answers())
    assert response.status_code == 403
    assert not FormSubmission.objects.filter(page=contact).exists()


def test_accepted_submissions_are_limited_per_form_and_address(client, contact, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR = 3
    for _attempt in range(3):
        assert (
            client.post(contact.url, contact_answers(), REMOTE_ADDR="203.0.113.5").status_code
            == 200
        )
    # The Finnish version of the same form shares its limit; the message typed is kept.
    finnish = form_page("contact-us", "fi")
    response = client.post(
        finnish.url,
        contact_answers(message="Onko teillä shakkia lapsille?"),
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 3500
    html = response.content.decode()
    assert "Onko teillä shakkia lapsille?" in html and "Anna Virtanen" in html
    assert FormSubmission.objects.filter(page__in=[contact, finnish]).count() == 3
    # Another form, and somebody else, are not affected.
    membership = form_page("become-a-member")
    response = client.post(
        membership.url,
        {"full_name": "Iida", "e_mail_address": "i@example.org", "privacy-consent": "on"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 200
    assert client.post(contact.url, contact_answers(), REMOTE_ADDR="203.0.113.6").status_code == 200


def test_the_limit_page_says_when_to_try_again_in_the_visitors_language(client, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR = 1
    finnish = form_page("contact-us", "fi")
    assert client.post(finnish.url, contact_answers()).status_code == 200
    response = client.post(finnish.url, contact_answers(message="Toinen viesti"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Toinen viesti" in html
    retry_at = timezone.localtime() + datetime.timedelta(hours=1)
    assert (
        f"{retry_at:%H:%M}" in html or f"{retry_at - datetime.timedelta(minutes=1):%H:%M}" in html
    )
    assert "sähköpostilla" in html


def test_posts_refused_as_invalid_do_not_count(client, contact, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR = 2
    for _attempt in range(5):
        response = client.post(contact.url, contact_answers(e_mail_address="not an address"))
        assert response.status_code == 400
    assert client.post(contact.url, contact_answers()).status_code == 200


def test_honeypot_posts_count_so_bots_are_limited_too(client, contact, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR = 2
    bot = contact_answers(**{"web-site": "http://spam.example"})
    assert [client.post(contact.url, bot).status_code for _ in range(3)] == [200, 200, 429]


def test_the_limit_is_kept_in_the_database_without_the_address(client, contact, settings):
    """Every process (and the site without Redis) sees the same count: it is not in the cache."""
    settings.FORM_SUBMISSIONS_PER_HOUR = 1
    assert (
        client.post(contact.url, contact_answers(), REMOTE_ADDR="198.51.100.7").status_code == 200
    )
    cache.clear()
    assert (
        client.post(contact.url, contact_answers(), REMOTE_ADDR="198.51.100.7").status_code == 429
    )
    post = AcceptedFormPost.objects.get()
    assert post.form_key == f"contact_forms:{contact.translation_key}"
    assert "198.51.100.7" not in post.address_digest and len(post.address_digest) == 40


def test_purging_forgets_the_posts_older_than_an_hour(client, contact):
    client.post(contact.url, contact_answers())
    old = AcceptedFormPost.objects.create(
        form_key="contact_forms:x",
        address_digest="0" * 40,
        created=timezone.now() - datetime.timedelta(minutes=61),
    )
    call_command("purge_registrations", stdout=StringIO())
    assert list(AcceptedFormPost.objects.values_list("form_key", flat=True)) == [
        f"contact_forms:{contact.translation_key}"
    ]
    assert not AcceptedFormPost.objects.filter(pk=old.pk).exists()


def test_the_membership_form_takes_several_activities(client):
    page = form_page("become-a-member")
    response = client.post(
        page.url,
        {
            "full_name": "Ivan Petrov",
            "e_mail_address": "ivan@example.org",
            "activities_that_interest_you": ["Culture", "Hobbies"],
            "privacy-consent": "on",
        },
    )
    assert response.status_code == 200
    data = FormSubmission.objects.get(page=page).get_data()
    assert data["activities_that_interest_you"] == ["Culture", "Hobbies"]


def test_moderators_read_the_answers_and_editors_do_not(client, contact, demo_user):
    client.post(contact.url, contact_answers())
    submissions_url = f"/admin/forms/submissions/{contact.pk}/"
    client.force_login(demo_user("moderator"))
    response = client.get(submissions_url)
    assert response.status_code == 200
    assert "Anna Virtanen" in response.content.decode()
    assert client.get("/admin/forms/").status_code == 200
    for username in ("editor", "translator-fi"):
        client.force_login(demo_user(username))
        # Wagtail answers a refused admin page with its "no permission" redirect to the dashboard.
        response = client.get(submissions_url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert "Anna Virtanen" not in client.get("/admin/forms/").content.decode()


def submission_days_old(page, days):
    submission = FormSubmission.objects.create(page=page, form_data={"message": f"{days} days"})
    FormSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days)
    )
    return submission


def test_old_submissions_are_purged_after_the_retention_period(contact, settings):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 30
    old = submission_days_old(contact, 31)
    recent = submission_days_old(contact, 29)
    out = StringIO()
    call_command("purge_form_submissions", stdout=out)
    assert "Deleted 1 form submission(s) older than 30 days." in out.getvalue()
    assert not FormSubmission.objects.filter(pk=old.pk).exists()
    assert FormSubmission.objects.filter(pk=recent.pk).exists()
    call_command("purge_form_submissions", days=10, stdout=StringIO())
    assert not FormSubmission.objects.filter(pk=recent.pk).exists()


def test_a_question_called_website_is_an_ordinary_question(client, contact):
    FormField.objects.create(
        page=contact, label="Website", field_type="url", required=False, locale=contact.locale
    )
    response = client.post(contact.url, contact_answers(website="https://example.org/"))
    assert response.status_code == 200
    data = FormSubmission.objects.get(page=contact).get_data()
    assert data["website"] == "https://example.org/", data


def test_a_message_too_long_is_refused_with_the_text_kept(client, contact):
    too_long = ("Kirjoitan pitkästi. " * 251).strip()  # 5,019 characters
    response = client.post(contact.url, contact_answers(message=too_long))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 5000 characters (it has 5019)." in html
    assert too_long in html
    assert 'maxlength="5000"' in html
    response = client.post(contact.url, contact_answers(message="x" * 2_000_000))
    assert response.status_code == 400
    assert not FormSubmission.objects.filter(page=contact).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("field_type", "answer", "error"),
    [
        ("singleline", "x" * 256, "at most 255 characters"),
        ("email", "a" * 250 + "@example.org", "at most 254 characters"),
        ("url", "https://example.org/" + "a" * 1990, "at most 2000 characters"),
        ("number", "1" * 21, "no more than 20 digits"),
        ("hidden", "x" * 256, "at most 255 characters"),
    ],
)
def test_every_kind_of_answer_has_a_length_limit(client, contact, field_type, answer, error):
    FormField.objects.create(
        page=contact, label="Extra", field_type=field_type, required=False, locale=contact.locale
    )
    response = client.post(contact.url, contact_answers(extra=answer))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not FormSubmission.objects.filter(page=contact).exists()


def test_a_post_larger_than_the_site_takes_is_a_400_not_a_500(client, contact, settings):
    # Cyrillic takes two bytes a character: well over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
    response = client.post(contact.url, contact_answers(message="я" * 2_000_000))
    assert response.status_code == 400
    assert not FormSubmission.objects.filter(page=contact).exists()


FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_answers_that_look_like_formulas_are_neutralised_in_the_csv_export(
    client, contact, demo_user
):
    # Through the form for what a visitor can type; directly for what a form strips (tab, CR).
    client.post(contact.url, contact_answers(your_name=FORMULAS[0], message=FORMULAS[1]))
    for formula in FORMULAS[2:]:
        FormSubmission.objects.create(
            page=contact, form_data={"your_name": formula, "message": "Hello"}
        )
    client.force_login(demo_user("moderator"))
    response = client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = {cell for row in rows[1:] for cell in row}
    for formula in FORMULAS:
        assert f"'{formula}" in cells
        assert formula not in cells
    assert "Hello" in cells  # ordinary answers are left alone
