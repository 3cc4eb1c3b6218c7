"""Finnish and Russian are kept in step with English, and translators get their trees.

- The Finnish and Russian locales exist and synchronise from English (wagtail-localize's
  LocaleSynchronization): a page created in English appears at once in both trees as a
  placeholder (an alias) for the translators, instead of being missing there.
- "Translators (fi)" and "Translators (ru)" may add and change pages in their own language's
  tree. Trees made later get the same rights from editorial.translator_trees.
"""

from django.db import migrations

SOURCE = "en"
TRANSLATED = ["fi", "ru"]
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")

    source, _created = Locale.objects.get_or_create(language_code=SOURCE)
    for code in TRANSLATED:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        group, _created = Group.objects.get_or_create(name=f"Translators ({code})")
        for home_page in Page.objects.filter(depth=2, locale=locale):
            for codename in TRANSLATOR_PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=home_page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )


def backwards(apps, schema_editor):
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    LocaleSynchronization.objects.filter(
        locale__language_code__in=TRANSLATED, sync_from__language_code=SOURCE
    ).delete()
    GroupPagePermission.objects.filter(
        group__name__in=[f"Translators ({code})" for code in TRANSLATED], page__depth=2
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_snippets_are_edited_by_moderators"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
