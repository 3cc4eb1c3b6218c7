from django import template

from core.cards import page_card as make_page_card
from core.cards import render_card

register = template.Library()


@register.simple_tag(takes_context=True)
def page_card(context, page, image=None, meta=""):
    """A linked card for any page in a listing: ``{% page_card activity image=activity.image
    meta=activity.schedule %}``."""
    return render_card(
        "components/page_card.html", make_page_card(page, context.get("request"), image, meta)
    )
