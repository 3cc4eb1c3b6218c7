"""The one StreamField block library every page type builds its body from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core import upstream


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("The page title is the only main heading; sections start at this level."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "Our aims and objectives", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, max_length=200, help_text=_("Photographer or source.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with alternative text, an optional caption and credit.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A highlighted quotation with the name of the person quoted.")
        preview_value = {
            "quote": "Cooperation grows from trust between people and between cities.",
            "attribution": "Baltic Region association",
        }


class LinkTargetBlock(blocks.StructBlock):
    """A link to a page on this site or to another website: exactly one of the two."""

    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or another website"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or enter a web address, not both."))
                }
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    link = LinkTargetBlock(label=_("Where the button goes"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("A box that invites visitors to do something, with one button.")
        preview_value = {
            "title": "Become a member",
            "text": "Join about 400 members who build bridges between Finland and its neighbours.",
            "button_label": "Join us",
            "link": {"url": "https://example.org/"},
        }


class TranslatableTableBlock(TableBlock):
    """Wagtail's table editor, with every cell and the caption offered to translators."""

    def get_translatable_segments(self, value):
        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(upstream.text_segment("caption", value["table_caption"]))
        for row_index, row in enumerate(value.get("data") or []):
            for col_index, cell in enumerate(row):
                if cell:
                    segments.append(upstream.text_segment(f"cell-{row_index}-{col_index}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        value = dict(value)
        data = [list(row) for row in value.get("data") or []]
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            else:
                _prefix, row_index, col_index = segment.path.split("-")
                data[int(row_index)][int(col_index)] = text
        value["data"] = data
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table_block.html"
        description = _("A table of rows and columns, e.g. a timetable or price list.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"
        description = _("A download link to a document, showing its type and size.")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=250)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = "blocks/accordion_block.html"
        description = _("Questions and answers that open one at a time (FAQ).")
        preview_value = {
            "title": "Frequently asked questions",
            "items": [
                {"question": "Who can join?", "answer": "<p>Everyone who shares our aims.</p>"},
                {
                    "question": "Is membership free?",
                    "answer": "<p>There is a small yearly fee.</p>",
                },
            ],
        }


class VideoEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Video or media embed")
        template = "blocks/embed_block.html"
        description = _(
            "A video or other media from YouTube, Vimeo and similar services. "
            "It loads only after the visitor agrees, so no third party sees them before."
        )


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Text"),
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of formatted text with links and lists."),
        preview_value="<p>The Baltic Region association develops cooperation between "
        "Finland and its eastern neighbours.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    table = TranslatableTableBlock()
    document = DocumentLinkBlock()
    accordion = AccordionBlock()
    embed = VideoEmbedBlock()
