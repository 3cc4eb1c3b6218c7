import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('culture', '0003_listing_date_indexes'),
    ]

    # The tables stay where they are: core.0001 takes the models over (core.0002 renames the tables).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='activitypage',
            name='areas',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The activity areas this belongs to; it is listed on their pages.', related_name='%(app_label)s_%(class)s_pages', to='core.area', verbose_name='areas'),
        ),
        migrations.AlterField(
            model_name='activitypage',
            name='contact_person',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.person', verbose_name='contact person'),
        ),
        migrations.AlterField(
            model_name='activitypage',
            name='leader',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.person', verbose_name='led by'),
        ),
        migrations.AlterField(
            model_name='gallerypage',
            name='areas',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The activity areas this belongs to; it is listed on their pages.', related_name='%(app_label)s_%(class)s_pages', to='core.area', verbose_name='areas'),
        ),
        migrations.AlterField(
            model_name='sectionpage',
            name='area',
            field=models.ForeignKey(help_text='The area this page presents; its activities, events and galleries are listed.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.area', verbose_name='area'),
        ),
            ],
            database_operations=[],
        ),
    ]
