from django.db import migrations

# Wagtail's page table has no index on depth: a language's home pages (depth 2) and the menu (a
# home page's children) were found by reading the whole table, which grows with every page.
# Both ask for one depth and a range of paths, which this index answers directly.
INDEX = "core_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_content_version"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
