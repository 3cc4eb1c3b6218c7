from django.db import migrations

MODELS = ["area", "partner", "person", "contactsettings", "organisationdetails"]


class Migration(migrations.Migration):
    """The moved models' tables take core's names, once home and site_config let go of them."""

    dependencies = [
        ("core", "0001_initial"),
        ("home", "0003_shared_snippets_move_to_core"),
        ("site_config", "0002_site_settings_move_to_core"),
    ]

    operations = [migrations.AlterModelTable(name=name, table=None) for name in MODELS]
