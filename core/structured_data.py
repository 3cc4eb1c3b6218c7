"""What search engines and link previews read of a page besides its text: schema.org JSON-LD
(Google's required and recommended fields) and the OpenGraph picture."""

import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from .pictures import USES, own_field_pictures
from .rendition_rows import rendition_file

# The characters that could end the <script> element or start markup inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

OPEN_GRAPH_LOCALES = {"en": "en_GB", "fi": "fi_FI", "ru": "ru_RU"}
# The organisation's own picture for pages without one: 1.91:1 as link previews show it.
DEFAULT_LINK_PREVIEW = {"path": "images/link-preview.png", "width": 1200, "height": 630}
LOGO = "images/logo.png"
# The association and nearly all its venues are in Finland: an address names another country
# on its last line, after the postcode and town.
DEFAULT_COUNTRY = "FI"
# "20100 Turku", "SE-123 45 Stockholm", "LV-1050 Rīga": a postcode, then the town.
POSTCODE_LINE = re.compile(r"^(?P<code>(?:[A-Z]{1,2}-)?\d[\d ]{2,6}\d)\s+(?P<locality>\D.*)$")


def json_ld_script(data):
    """A <script type="application/ld+json"> element with ``data``, safe to put in a page."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def organisation_name(organisation):
    """The association's name in the visitor's language, or the site's until it is entered."""
    return organisation.name if organisation else settings.WAGTAIL_SITE_NAME


def link_preview_image(page, request, site_name):
    """{url, width, height, alt} of the page's link-preview picture: the 1200×630 crop of the
    image its ``pictures`` show as "social_image", else the organisation's own picture. Found
    once per request: a page's OpenGraph tags and its JSON-LD both name it."""
    found = request.__dict__.setdefault("_link_preview_images", {})
    if page.pk not in found:
        found[page.pk] = find_link_preview_image(page, request, site_name)
    return found[page.pk]


def find_link_preview_image(page, request, site_name):
    image = next(
        (
            getattr(page, field)
            for field, uses in own_field_pictures(page).items()
            if "social_image" in uses
        ),
        None,
    )
    if image is None:
        return {
            "url": request.build_absolute_uri(static(DEFAULT_LINK_PREVIEW["path"])),
            "width": DEFAULT_LINK_PREVIEW["width"],
            "height": DEFAULT_LINK_PREVIEW["height"],
            "alt": site_name,
        }
    rendition = rendition_file(image, USES["social_image"].resize)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.description or page.title,
    }


def postal_address(text):
    """schema.org PostalAddress of an address written as lines: [recipient,] street, postcode
    and town[, country]."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        match = POSTCODE_LINE.match(line)
        if match and index:
            return {
                "@type": "PostalAddress",
                "streetAddress": lines[index - 1],
                "postalCode": match["code"],
                "addressLocality": match["locality"],
                "addressCountry": lines[index + 1] if index + 1 < len(lines) else DEFAULT_COUNTRY,
            }
    return {"@type": "PostalAddress", "streetAddress": ", ".join(lines)}


def breadcrumb_list(page, request, below=()):
    """schema.org BreadcrumbList of the page's breadcrumbs: its ancestors from the home page,
    the page, and ``below`` it (name, address) such as a year archive."""
    trail = [(ancestor.title, ancestor.get_url(request)) for ancestor in page.breadcrumb_ancestors]
    trail += [(page.title, page.get_url(request)), *below]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def organisation_reference(request):
    """The association as other data names it (an article's publisher, an event's organiser):
    its name, home page and logo in the visitor's language."""
    from .chrome import chrome_for_request  # the layout's cache builds on the models

    chrome = chrome_for_request(request)
    organisation, home = chrome["organisation"], chrome["home"]
    return {
        "@type": "Organization",
        "name": organisation_name(organisation),
        "url": request.build_absolute_uri(home.url if home else "/"),
        "logo": request.build_absolute_uri(static(LOGO)),
    }


def organization(request):
    """schema.org Organization: the association, on its home page."""
    from .chrome import chrome_for_request

    chrome = chrome_for_request(request)
    organisation, contact = chrome["organisation"], chrome["contact"]
    data = {"@context": "https://schema.org", **organisation_reference(request)}
    if organisation and organisation.tagline:
        data["description"] = organisation.tagline
    if organisation and organisation.address:
        data["address"] = postal_address(organisation.address)
    if contact.email:
        data["email"] = contact.email
    if contact.phone:
        data["telephone"] = contact.phone
    if contact.email or contact.phone:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "customer support",
            **({"email": contact.email} if contact.email else {}),
            **({"telephone": contact.phone} if contact.phone else {}),
        }
    same_as = [url for _name, url in contact.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


# Functions (locale id) -> {person's translation key: address of the page presenting them}:
# registered by the apps whose pages present people (home: the people page), so that the data
# of a page naming a person (an article's author) can link to them.
_person_page_finders = []


def register_person_pages(find):
    _person_page_finders.append(find)


def person_page_urls(locale_id):
    urls = {}
    for find in _person_page_finders:
        for key, url in find(locale_id).items():
            urls.setdefault(key, url)
    return urls
