from django import template

from ..forms import FooterForm

register = template.Library()


@register.inclusion_tag("subscribers/footer_form.html")
def newsletter_footer_form():
    """The footer's short form, in the active language. It asks by GET for the subscribe page,
    where the visitor agrees and sends: the footer is kept for every visitor (core.chrome), so
    it cannot carry a CSRF token."""
    return {"form": FooterForm()}
