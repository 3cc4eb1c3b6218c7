"""An issue as an e-mail: HTML that mail clients show as meant (tables, inline styles, real
headings, alt text, readable with images off) and the same as plain text. Each language's text
is rendered once per run (``IssueMail``); per subscriber only the sections of their areas and
their own links are put together. No tracking: links go straight to the site."""

import html
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from subscribers import links

HELSINKI = "Europe/Helsinki"
LINK = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol|tr)>|<br\s*/?>|<hr\s*/?>")


def absolute(url):
    return links.absolute_url(url) if url.startswith("/") else url


def rich_text_html(value):
    """The editor's rich text with links that work outside the site."""
    return mark_safe(  # noqa: S308 - the editor's own HTML, expanded by Wagtail
        re.sub(
            r'href="(/[^"]*)"',
            lambda match: f'href="{absolute(match.group(1))}"',
            expand_db_html(value.source),
        )
    )


def html_to_text(markup):
    """Text of HTML, each link followed by its address."""
    markup = LINK.sub(lambda match: f"{match.group(2)} <{match.group(1)}>", markup)
    markup = BLOCK_END.sub("\n", markup)
    text = html.unescape(strip_tags(markup))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines()))


def block_context(block):
    value = block.value
    context = {"value": value}
    if block.block_type == "paragraph":
        context["html"] = rich_text_html(value)
    elif block.block_type == "image":
        rendition = value["image"].get_rendition("max-1200x1200")
        context.update(
            src=absolute(rendition.url), width=min(rendition.width, 600), alt=value["alt_text"]
        )
    elif block.block_type == "call_to_action":
        target = value["link"]
        context["url"] = target["page"].localized.full_url if target["page"] else target["url"]
    elif block.block_type == "page":
        page = value["page"].specific
        context.update(
            page=page,
            url=page.full_url,
            text=value["text"] or page.summary,
            next_date=getattr(getattr(page, "next_occurrence", None), "start", None),
        )
    return context


def render_block(block):
    """(HTML, text) of one block of the issue."""
    name = f"newsletters/mail/blocks/{block.block_type}"
    context = block_context(block)
    if block.block_type == "section":
        parts = [render_block(child) for child in block.value["content"]]
        context["html"] = mark_safe("".join(part[0] for part in parts))  # noqa: S308
        context["text"] = "\n\n".join(part[1] for part in parts)
    markup = render_to_string(f"{name}.html", context)
    if block.block_type == "paragraph":
        return markup, html_to_text(context["html"])
    return markup, render_to_string(f"{name}.txt", context).strip()


class IssueMail:
    """One language's (live) translation of an issue, ready to be sent to its subscribers."""

    def __init__(self, page):
        self.page = page
        self.language = page.locale.language_code
        with translation.override(self.language), timezone.override(HELSINKI):
            # (translation key of the section's area or None, HTML, text) of each block
            self.parts = [
                (
                    block.value["area"].translation_key
                    if block.block_type == "section" and block.value["area"]
                    else None,
                    *render_block(block),
                )
                for block in page.body
            ]
        self.web_url = page.full_url

    def parts_for(self, subscriber):
        """A section for an area goes to those who chose it and to those who chose none."""
        chosen = {area.translation_key for area in subscriber.areas.all()}
        return [part for part in self.parts if part[0] is None or not chosen or part[0] in chosen]

    def message(self, subscriber, connection=None):
        parts = self.parts_for(subscriber)
        # Signed once: the header and the footer's link are the same address.
        unsubscribe = links.one_click_unsubscribe_url(subscriber, self.language)
        context = {
            "page": self.page,
            "language": self.language,
            "body_html": mark_safe("".join(part[1] for part in parts)),  # noqa: S308
            "body_text": "\n\n".join(part[2] for part in parts),
            "web_url": self.web_url,
            "preferences_url": links.link(subscriber, links.PREFERENCES, self.language),
            "unsubscribe_url": unsubscribe,
        }
        with translation.override(self.language):
            text = render_to_string("newsletters/mail/issue.txt", context)
            markup = render_to_string("newsletters/mail/issue.html", context)
        header = f"<{unsubscribe}>"
        if settings.NEWSLETTER_UNSUBSCRIBE_MAILTO:
            header += f", <mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>"
        message = EmailMultiAlternatives(
            subject=self.page.title,
            body=text,
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[subscriber.email],
            connection=connection,
            headers={
                # RFC 8058: mail clients offer "Unsubscribe" and POST to the address at once.
                "List-Unsubscribe": header,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": self.language,
            },
        )
        message.attach_alternative(markup, "text/html")
        return message
