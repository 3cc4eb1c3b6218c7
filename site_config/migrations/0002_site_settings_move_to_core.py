from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('site_config', '0001_initial'),
    ]

    # The tables stay where they are: core.0001 takes the models over (core.0002 renames the tables).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.DeleteModel(
            name='ContactSettings',
        ),
        migrations.DeleteModel(
            name='OrganisationDetails',
        ),
            ],
            database_operations=[],
        ),
    ]
