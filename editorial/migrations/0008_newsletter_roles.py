"""Moderators and administrators see, erase and import the newsletter's subscribers, and
moderators send its published issues (``newsletters.send_newsletter``), as declared in
editorial.roles."""

from django.db import migrations

from editorial.role_migration import apply_roles


def forwards(apps, schema_editor):
    apply_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0007_snippets_are_reviewed"),
        # Every app whose permissions editorial.roles grants, at its latest migration.
        ("subscribers", "0003_import_permission"),
        ("newsletters", "0001_initial"),
        ("core", "0007_accepted_form_posts_for_the_hourly_limit"),
        ("events", "0006_merge_0005_event_registration_0005_repeats"),
        ("contact_forms", "0002_moderators_read_form_answers"),
        ("search", "0003_index_entry_title_and_body"),
    ]

    # Going back leaves the rights as they are; the earlier roles' migrations run again.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
