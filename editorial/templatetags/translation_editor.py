"""What our override of wagtail-localize's translation editor adds for translators and moderators."""

from django import template
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from wagtail.models import TaskState

from core import upstream

from ..translation_review import is_reviewed, may_publish, workflow_action_url

register = template.Library()

EDITOR_MARKUP = upstream.TRANSLATION_EDITOR_MARKUP


@register.tag
def before_translation_editor(parser, token):
    """``{% before_translation_editor block.super %}…{% endbefore_translation_editor %}``: the
    HTML of localize's content block with what the tag encloses inserted just before the editor.

    Localize's template has no block between its header and the editor, so this is how our
    override holds only what it adds. If an upgrade changes the editor's markup, the page fails
    rather than silently losing the review actions."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes the HTML to insert into, e.g. block.super"
        )
    nodelist = parser.parse(("endbefore_translation_editor",))
    parser.delete_first_token()
    return BeforeTranslationEditorNode(parser.compile_filter(bits[1]), nodelist)


class BeforeTranslationEditorNode(template.Node):
    def __init__(self, html, nodelist):
        self.html, self.nodelist = html, nodelist

    def render(self, context):
        html = str(self.html.resolve(context))
        head, editor, tail = html.partition(EDITOR_MARKUP)
        if not editor:
            raise template.TemplateSyntaxError(
                f"wagtail-localize's translation editor template no longer has {EDITOR_MARKUP}: "
                "revisit editorial/templates/wagtail_localize/admin/edit_translation.html"
            )
        return mark_safe(head + self.nodelist.render(context) + editor + tail)  # noqa: S308 (both parts are rendered templates)


@register.simple_tag(takes_context=True)
def translation_editor_props(context):
    """wagtail-localize's editor props, with "Convert to alias page" only for those who may
    publish the page (converting discards the translation of a live page at once), and the
    last-published date in the admin's language (localize formats it with strftime, in English)."""
    instance = context["instance"]
    revision = getattr(instance, "live_revision", None)
    published_at = revision.created_at if revision else getattr(instance, "last_published_at", None)
    return upstream.translation_editor_props(
        context["props"],
        may_convert_to_alias=not context["is_page"] or context["page_perms"].can_publish(),
        last_published=formats.date_format(timezone.localtime(published_at))
        if published_at
        else None,
    )


@register.simple_tag(takes_context=True)
def translation_review(context):
    """What the editor shows of the review of a page or snippet translation: ``reviewed`` (it
    goes through the review workflow), ``may_publish``, and ``actions``, the moderation actions
    the user may take on its current review task ({"approve": url, "reject": url}), if any."""
    instance, user = context["instance"], context["request"].user
    if not is_reviewed(instance):
        return {"reviewed": False}
    return {
        "reviewed": True,
        "may_publish": may_publish(user, instance),
        "actions": _review_actions(instance, user),
    }


def _review_actions(instance, user):
    state = instance.current_workflow_state
    if state is None:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    names = {name for name, _label, _modal in task_state.task.specific.get_actions(instance, user)}
    urls = {
        name: workflow_action_url(instance, name, task_state.id)
        for name in ("approve", "reject")
        if name in names
    }
    return urls or None
