"""Bad input never breaks the site: random paths, query strings, headers and form bodies sent to
every public URL pattern get a page, a redirect or a 4xx, never a 500."""

import os
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import Page

from contact_forms.models import FormPage
from core.models import AcceptedFormPost
from events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db
FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    # Same examples on every run, so CI is repeatable; FUZZ_EXAMPLES=2000 searches further.
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def public_urls():
    """One live page of every page type in every language, with the routes of the schedule, the
    publications and the event pages, the search, the feeds, the sitemap and a document."""
    urls = {"/", "/sitemap.xml", "/robots.txt"}
    for language in ("en", "fi", "ru"):
        urls.add(f"/{language}/search/")
        urls.add(f"/{language}/newsletter/")
        pages = Page.objects.live().public().filter(locale__language_code=language).specific()
        seen_types = set()
        for page in pages.order_by("path"):
            if page.content_type_id in seen_types:
                continue
            seen_types.add(page.content_type_id)
            if page.url is None:
                continue
            urls.add(page.url)
            if isinstance(page, EventIndexPage):
                urls.update(
                    page.url + route
                    for route in (
                        "past/",
                        "2026/12/",
                        "2026/12/20/",
                        "this-month/",
                        "calendar/",
                        "feed/rss/",
                    )
                )
            elif isinstance(page, EventPage):
                urls.add(page.url + "ics/")
            elif page.__class__.__name__ == "PublicationIndexPage":
                urls.update(page.url + route for route in ("2026/", "feed/rss/", "feed/atom/"))
    document = get_document_model().objects.first()
    if document:
        urls.add(document.url)
    return sorted(urls)


@pytest.fixture(scope="module")
def urls(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return public_urls()


@pytest.fixture(scope="module")
def form_urls(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        sign_ups = EventPage.objects.live().filter(registration_open=True)
        return sorted(
            [page.url for page in FormPage.objects.live()]
            # The sign-up form of events (registrations), and its cancel link.
            + [f"/{page.locale.language_code}/registrations/{page.pk}/" for page in sign_ups]
            + ["/en/registrations/cancel/not-a-token/"]
            # The newsletter's form and its signed links (subscribers).
            + [f"/{language}/newsletter/" for language in ("en", "fi", "ru")]
            + [f"/ru/newsletter/{purpose}/not-a-token/" for purpose in ("confirm", "preferences")]
            + ["/fi/newsletter/unsubscribe/not-a-token/"]
        )


# Text that stresses decoding: control characters, NUL, Cyrillic, emoji, percent signs.
nasty_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(
            ["\x00", "%", "%00", "%ff", "..", "/", "\\", "?", "#", "&", "=", "'", '"', "<"]
        ),
    ),
    max_size=20,
).map("".join)
# Header values arrive as bytes; WSGI hands them over decoded as latin-1.
header_text = nasty_text.map(lambda text: text.encode().decode("latin-1"))
numbers = st.integers(min_value=-(10**12), max_value=10**12).map(str)
path_segment = st.one_of(
    nasty_text,
    numbers,
    st.sampled_from(["ics", "feed", "rss", "atom", "calendar", "past", "9999", "0000", "00"]),
)
query = st.dictionaries(
    st.one_of(
        st.sampled_from(["q", "page", "kind", "area", "tag", "year", "language", "month", "p"]),
        nasty_text,
    ),
    st.one_of(nasty_text, numbers),
    max_size=4,
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            header_text, st.sampled_from(["ru", "fi-FI;q=x", "*", "zz;q=2"])
        ),
        "HTTP_USER_AGENT": header_text,
        "HTTP_REFERER": header_text,
        "HTTP_IF_MODIFIED_SINCE": st.one_of(
            header_text, st.sampled_from(["Sat, 01 Jan 00 00:00:00 GMT"])
        ),
        "HTTP_IF_NONE_MATCH": header_text,
        "HTTP_RANGE": st.one_of(
            header_text, st.sampled_from(["bytes=0-1", "bytes=9-2", "bytes=-"])
        ),
        "HTTP_X_FORWARDED_FOR": header_text,
        "HTTP_COOKIE": header_text,
    },
)


def check(response):
    assert response.status_code < 500, response.content[:500]


@FUZZ_SETTINGS
@given(
    data=st.data(), segments=st.lists(path_segment, max_size=3), params=query, extra_headers=headers
)
def test_random_paths_queries_and_headers_never_give_a_500(
    urls, data, segments, params, extra_headers
):
    base = data.draw(st.sampled_from(urls))
    suffix = "/".join(quote(segment, safe="%/") for segment in segments)
    path = base + suffix if suffix else base
    method = data.draw(st.sampled_from(["get", "head", "post"]))
    client = Client(raise_request_exception=True)
    if method == "post":
        response = client.post(path, params, **extra_headers)
    else:
        response = getattr(client, method)(path + "?" + urlencode(params), **extra_headers)
    check(response)


@FUZZ_SETTINGS
@given(
    data=st.data(),
    body=st.dictionaries(
        st.one_of(
            nasty_text,
            st.sampled_from(
                [
                    "your_name",
                    "e_mail_address",
                    "message",
                    "privacy-consent",
                    "web-site",
                    "full_name",
                    "activities_that_interest_you",
                    "name",
                    "email",
                    "date",
                    "participants",
                    "needs",
                    "areas",
                    "language",
                    "List-Unsubscribe",
                ]
            ),
        ),
        st.one_of(nasty_text, st.lists(nasty_text, max_size=3)),
        max_size=6,
    ),
)
def test_random_form_bodies_never_give_a_500(form_urls, data, body):
    AcceptedFormPost.objects.all().delete()  # keep the rate limit from answering every example
    path = data.draw(st.sampled_from(form_urls))
    response = Client().post(path, body)
    check(response)


def test_a_malformed_streamfield_post_in_the_admin_is_refused_with_a_400(client):
    """The admin's StreamField reads each block's bookkeeping fields straight from the post; one
    missing was a 500 (MultiValueDictKeyError). Nothing of the post is kept."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from home.models import StandardPage

    client.force_login(get_user_model().objects.get(username="editor"))
    page = StandardPage.objects.filter(locale__language_code="en").first()
    revisions = page.revisions.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": "Broken", "slug": page.slug, "body-count": "1", "body-0-type": "paragraph"},
    )
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert page.revisions.count() == revisions
    page.refresh_from_db()
    assert page.title != "Broken"
