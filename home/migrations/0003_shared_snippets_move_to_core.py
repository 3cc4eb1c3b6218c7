import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('culture', '0004_areas_and_people_are_in_core'),
        ('events', '0002_areas_are_in_core'),
        ('home', '0002_locationpage_peoplepage_person_peoplepageperson_area'),
        ('publications', '0003_areas_and_people_are_in_core'),
    ]

    # The tables stay where they are: core.0001 takes the models over (core.0002 renames the tables).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterUniqueTogether(
            name='partner',
            unique_together=None,
        ),
        migrations.RemoveField(
            model_name='partner',
            name='locale',
        ),
        migrations.RemoveField(
            model_name='partner',
            name='logo',
        ),
        migrations.AlterUniqueTogether(
            name='person',
            unique_together=None,
        ),
        migrations.RemoveField(
            model_name='person',
            name='locale',
        ),
        migrations.RemoveField(
            model_name='person',
            name='photo',
        ),
        migrations.AlterField(
            model_name='peoplepageperson',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.person', verbose_name='person'),
        ),
        migrations.DeleteModel(
            name='Area',
        ),
        migrations.DeleteModel(
            name='Partner',
        ),
        migrations.DeleteModel(
            name='Person',
        ),
            ],
            database_operations=[],
        ),
    ]
