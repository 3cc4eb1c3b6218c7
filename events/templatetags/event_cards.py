from django import template

from core.cards import render_card
from events.cards import event_card as make_event_card

register = template.Library()


@register.simple_tag(takes_context=True)
def event_card(context, event):
    """An event's card in a listing: ``{% event_card event %}``."""
    return render_card("events/event_card.html", make_event_card(event, context.get("request")))


@register.simple_tag
def occurrence_line(line):
    """A date's line in the day view: ``{% occurrence_line line %}``, ``line`` an
    ``events.month.OccurrenceLine``."""
    return render_card("events/occurrence_line.html", line)


@register.simple_tag
def month_day(day):
    """A day of the month view, its heading and its lines: ``{% month_day day %}``, ``day`` an
    ``events.month.ScheduleDay``."""
    return render_card("events/month_day.html", day)
