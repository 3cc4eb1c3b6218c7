from django import template

from events.cards import render_event_card

register = template.Library()


@register.simple_tag(takes_context=True)
def event_card(context, event):
    """An event's card in a listing: ``{% event_card event %}``."""
    return render_event_card(event, context.get("request"))
