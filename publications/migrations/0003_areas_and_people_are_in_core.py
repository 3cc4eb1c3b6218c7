import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('publications', '0002_listing_date_indexes'),
    ]

    # The tables stay where they are: core.0001 takes the models over (core.0002 renames the tables).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='publicationauthor',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.person', verbose_name='person'),
        ),
        migrations.AlterField(
            model_name='publicationpage',
            name='areas',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The activity areas this belongs to; it is listed on their pages.', related_name='%(app_label)s_%(class)s_pages', to='core.area', verbose_name='areas'),
        ),
            ],
            database_operations=[],
        ),
    ]
