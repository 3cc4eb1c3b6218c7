import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('events', '0001_initial'),
    ]

    # The tables stay where they are: core.0001 takes the models over (core.0002 renames the tables).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='eventpage',
            name='areas',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The activity areas this belongs to; it is listed on their pages.', related_name='%(app_label)s_%(class)s_pages', to='core.area', verbose_name='areas'),
        ),
            ],
            database_operations=[],
        ),
    ]
