"""The blocks of a newsletter issue: the shared library's that read well in an e-mail, a
teaser of a page of the site, and a section that may be for one area's subscribers only."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import (
    BodyStreamBlock,
    CallToActionBlock,
    CaptionedImageBlock,
    HeadingBlock,
    QuoteBlock,
)


class PageTeaserBlock(blocks.StructBlock):
    """A page of the site (an event, a publication) with its title and summary; wagtail-localize
    points each translation of the issue at the page's translation in its language."""

    page = blocks.PageChooserBlock(
        label=_("Page"), page_type=["events.EventPage", "publications.PublicationPage"]
    )
    text = blocks.TextBlock(
        label=_("Text"), required=False, help_text=_("Empty: the page's own summary.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Page teaser")
        template = "newsletters/blocks/page_teaser_block.html"
        description = _("An event or publication of the site, with a link to it.")


class IssueContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = BodyStreamBlock.base_blocks["paragraph"]
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    page = PageTeaserBlock()


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    area = SnippetChooserBlock(
        "core.Area",
        label=_("Area"),
        required=False,
        help_text=_(
            "Only subscribers interested in this area (or in everything) get this section. "
            "Empty: everybody."
        ),
    )
    content = IssueContentBlock(label=_("Content"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Section")
        template = "newsletters/blocks/section_block.html"
        description = _("A part of the issue with its own title, for one area or for everybody.")


class IssueBodyBlock(IssueContentBlock):
    section = SectionBlock()
