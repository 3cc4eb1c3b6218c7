"""Writing an issue: a new one starts from the calendar and the publications; the archive
shows the issues that were sent, in each language; the e-mail's HTML is valid."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.factories import AreaFactory, list_page, translate
from events.tests.factories import EventPageFactory, occurrences
from newsletters.models import Delivery, NewsletterIndexPage, NewsletterIssuePage
from newsletters.rendering import IssueMail
from newsletters.tests.factories import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    paragraph,
    section,
)
from publications.tests.factories import PublicationPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

VNU = (
    Path(__file__).resolve().parents[2] / "tests/validators/node_modules/vnu-jar/build/dist/vnu.jar"
)


def in_weeks(weeks):
    return timezone.now() + datetime.timedelta(weeks=weeks)


def test_a_new_issue_starts_from_the_calendar(client, home_page, member_of):
    culture = AreaFactory(name="Culture")
    concert = EventPageFactory(
        title="Concert", areas=[culture], occurrences=occurrences(in_weeks(2))
    )
    fair = EventPageFactory(title="Fair", occurrences=occurrences(in_weeks(3)))
    EventPageFactory(title="Far away", occurrences=occurrences(in_weeks(10)))
    EventPageFactory(title="Draft", live=False, occurrences=occurrences(in_weeks(1)))
    report = PublicationPageFactory(title="Report")
    PublicationPageFactory(
        title="Old news", date_published=timezone.localdate() - datetime.timedelta(days=90)
    )
    index = list_page(NewsletterIndexPageFactory)
    client.force_login(member_of("Editors"))

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["newsletters", "newsletterissuepage", index.pk])
    )

    assert response.status_code == 200
    body = response.context["form"].initial["body"]
    sections = [(block.value["title"], block.value["area"]) for block in body]
    assert sections == [("Coming up and new", None), ("Culture", culture)]
    pages = [[child.value["page"].pk for child in block.value["content"]] for block in body]
    assert pages == [[fair.pk, report.pk], [concert.pk]]


def test_the_archive_lists_the_sent_issues_in_each_language(client, home_page):
    sent = NewsletterIssuePageFactory(title="Sent issue", body=[paragraph("Hello")])
    NewsletterIssuePageFactory(title="Not sent yet")
    Delivery.objects.create(issue=sent, subscriber=SubscriberFactory(), language="en")
    index = NewsletterIndexPage.objects.get()
    translate(index, "fi", {"Newsletter archive": "Uutiskirjearkisto"})
    finnish = translate(sent, "fi", {"Sent issue": "Lähetetty numero", "Hello": "Hei"})

    english = client.get(index.url).content.decode()
    assert "Sent issue" in english and "Not sent yet" not in english
    archive = client.get(index.get_translation(finnish.locale).url).content.decode()
    assert "Lähetetty numero" in archive
    assert "Hei" in client.get(finnish.url).content.decode()


def test_an_issue_page_is_made_only_in_the_archive():
    assert NewsletterIssuePage.parent_page_types == ["newsletters.NewsletterIndexPage"]
    assert NewsletterIndexPage.max_count_per_parent == 1


def test_the_mail_is_valid_html(home_page, tmp_path):
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.skip("needs Java and vnu.jar (npm ci --prefix tests/validators)")
    culture = AreaFactory(name="Culture")
    event = EventPageFactory(title="Concert", areas=[culture])
    issue = NewsletterIssuePageFactory(
        body=[
            ("heading", {"text": "Welcome", "level": "h2"}),
            paragraph('Read <a href="https://example.org/">this</a> & more.'),
            ("quote", {"quote": "Together.", "attribution": "Us"}),
            section("Culture", "Music & dance.", area=culture),
            (
                "section",
                {"title": "Events", "content": [("page", {"page": event, "text": ""})]},
            ),
            (
                "call_to_action",
                {
                    "title": "Join",
                    "text": "Become a member.",
                    "button_label": "Join us",
                    "link": {"url": "https://example.org/join"},
                },
            ),
        ]
    )
    message = IssueMail(issue).message(SubscriberFactory())
    html = message.alternatives[0].content
    (tmp_path / "issue.html").write_text(html)
    result = subprocess.run(  # noqa: S603 - our own checker on our own file
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [m["message"] for m in json.loads(result.stderr)["messages"]]
    assert not errors, errors
    assert "Concert" in html and "Concert" in message.body and "https://example.org/join" in html
