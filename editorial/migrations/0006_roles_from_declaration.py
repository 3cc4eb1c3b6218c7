"""The roles are declared in editorial.roles; this makes the database match the declaration.

Migrations 0002 to 0005 (and contact_forms 0002, search 0002) built the roles step by step and
stay as they were: they have run on every database, and each works with the models of its own
point in the history. This one converges on the declaration; on a database those migrations
built it changes nothing. When a role changes, add a migration like this one (which runs the
declaration as it is then), depending on the latest migration of every app it grants rights on.
"""

from django.db import migrations

from editorial.role_migration import apply_roles


def forwards(apps, schema_editor):
    apply_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_translator_trees_and_locale_synchronisation"),
        # Every app whose permissions editorial.roles grants, at its latest migration.
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("core", "0002_tables_named_after_core"),
        ("home", "0003_shared_snippets_move_to_core"),
        ("events", "0001_initial"),
        ("contact_forms", "0002_moderators_read_form_answers"),
        ("search", "0003_index_entry_title_and_body"),
    ]

    # Going back leaves the rights as they are: the earlier migrations gave the same ones.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
