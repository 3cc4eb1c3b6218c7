"""Pages are indexed with the names of the snippets they point at (an event with its venue's
name, an activity with its leader's, a people page with its people's), but Wagtail re-indexes
only the snippet itself when it changes, and indexes a page when its own row is saved, before
the rows of its inline panels are. These handlers re-index the pages that name a snippet when
it is saved or deleted, once the change is committed, and a published page once its inline
rows are saved too."""

from functools import cache

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail.signals import page_published

from core import upstream


def related_lookups(model, search_fields, prefix=""):
    """(lookup, related model) for each relation the search fields follow, nested ones too."""
    for name, field, related_fields in upstream.related_search_fields(model, search_fields):
        lookup = prefix + name
        yield lookup, field.related_model
        yield from related_lookups(field.related_model, related_fields, lookup + "__")


@cache
def lookups_of_pages_naming(snippet_model):
    """(indexed model, lookup) for every indexed model whose search fields include this
    snippet, e.g. (EventPage, "venue") or (PeoplePage, "people__person") for people."""
    if snippet_model not in upstream.snippet_models():
        return ()
    return tuple(
        (model, lookup)
        for model in upstream.indexed_models()
        for lookup, related_model in related_lookups(model, model.get_search_fields())
        if issubclass(related_model, snippet_model)
    )


def pages_naming(snippet_model, pk):
    """The indexed objects that name the snippet: one query per relation that can."""
    return [
        (model, page_pk)
        for model, lookup in lookups_of_pages_naming(snippet_model)
        for page_pk in model.objects.filter(**{lookup: pk}).values_list("pk", flat=True).distinct()
    ]


def reindex(objects):
    for model, pk in objects:
        upstream.reindex_object(model, pk)


def snippet_saved(sender, instance, raw=False, **kwargs):
    if raw or not lookups_of_pages_naming(sender):
        return
    transaction.on_commit(lambda: reindex(pages_naming(sender, instance.pk)))


def snippet_deleted(sender, instance, **kwargs):
    if not lookups_of_pages_naming(sender):
        return
    # Found now: once deleted, the pages no longer point at it (their links are emptied).
    objects = pages_naming(sender, instance.pk)
    if objects:
        transaction.on_commit(lambda: reindex(objects))


@cache
def indexes_inline_rows(model):
    """Whether the search fields follow relations saved after the page's row: inline panels
    (a people page's people) and many-to-many fields (tags)."""
    return any(
        not field.concrete
        for _name, field, _fields in upstream.related_search_fields(
            model, model.get_search_fields()
        )
    )


def page_was_published(sender, instance, **kwargs):
    if indexes_inline_rows(type(instance)):
        reindex([(type(instance), instance.pk)])


def connect_signals():
    post_save.connect(snippet_saved, dispatch_uid="search.search_index.snippet_saved")
    pre_delete.connect(snippet_deleted, dispatch_uid="search.search_index.snippet_deleted")
    page_published.connect(page_was_published, dispatch_uid="search.search_index.page_published")
