from django import template

from core.cards import render_card
from events.cards import event_card as make_event_card

register = template.Library()


@register.simple_tag(takes_context=True)
def event_card(context, event):
    """An event's card in a listing: ``{% event_card event %}``."""
    return render_card("events/event_card.html", make_event_card(event, context.get("request")))
