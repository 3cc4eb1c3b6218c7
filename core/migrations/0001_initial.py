import django.db.models.deletion
import uuid
from django.db import migrations, models

MOVED = {"area": "home", "partner": "home", "person": "home", "contactsettings": "site_config", "organisationdetails": "site_config"}


def content_types_follow_the_models(apps, schema_editor):
    """Revisions, permissions, translations, references and the search index name a model by its
    content type: renaming its app label keeps all of them pointing at the moved model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, old_app in MOVED.items():
        if not ContentType.objects.filter(app_label="core", model=model).exists():
            ContentType.objects.filter(app_label=old_app, model=model).update(app_label="core")


def content_types_go_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, old_app in MOVED.items():
        ContentType.objects.filter(app_label="core", model=model).update(app_label=old_app)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        # The roles granted on these models under their old app labels come first.
        ('editorial', '0005_translator_trees_and_locale_synchronisation'),
        ('home', '0002_locationpage_peoplepage_person_peoplepageperson_area'),
        ('site_config', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    # The shared snippets and the site settings move here from home and site_config; their tables
    # keep their names until 0002, and their content types are renamed so nothing loses track of them.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='ContactSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('facebook_url', models.URLField(blank=True, verbose_name='Facebook')),
                ('instagram_url', models.URLField(blank=True, verbose_name='Instagram')),
                ('youtube_url', models.URLField(blank=True, verbose_name='YouTube')),
                ('telegram_url', models.URLField(blank=True, verbose_name='Telegram')),
            ],
            options={
                'db_table': 'site_config_contactsettings',
                'verbose_name': 'contact details and social links',
            },
        ),
        migrations.CreateModel(
            name='Area',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('slug', models.SlugField(allow_unicode=True, help_text='Used in filter links, e.g. culture.', max_length=100, verbose_name='slug')),
                ('colour', models.CharField(choices=[('sea', 'Sea blue'), ('forest', 'Forest green'), ('berry', 'Berry red'), ('amber', 'Amber'), ('violet', 'Violet')], default='sea', max_length=20, verbose_name='colour')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'db_table': 'home_area',
                'verbose_name': 'area',
                'verbose_name_plural': 'areas',
                'ordering': ['name'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.CreateModel(
            name='OrganisationDetails',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=200, verbose_name='organisation name')),
                ('tagline', models.CharField(blank=True, max_length=250, verbose_name='tagline')),
                ('address', models.TextField(blank=True, verbose_name='address')),
                ('opening_hours', models.TextField(blank=True, verbose_name='opening hours')),
                ('footer_text', models.TextField(blank=True, help_text='A sentence or two shown at the foot of every page.', verbose_name='footer text')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'db_table': 'site_config_organisationdetails',
                'verbose_name': 'organisation details',
                'verbose_name_plural': 'organisation details',
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.CreateModel(
            name='Partner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('url', models.URLField(blank=True, verbose_name='website')),
                ('show_in_footer', models.BooleanField(default=False, help_text='Show the logo at the foot of every page.', verbose_name='show in the footer')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('logo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='logo')),
            ],
            options={
                'db_table': 'home_partner',
                'verbose_name': 'partner',
                'verbose_name_plural': 'partners',
                'ordering': ['sort_order', 'name'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=150, verbose_name='name')),
                ('role', models.CharField(blank=True, max_length=150, verbose_name='role')),
                ('bio', models.TextField(blank=True, verbose_name='biography')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('photo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='photo')),
            ],
            options={
                'db_table': 'home_person',
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ['name'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow_the_models, content_types_go_back),
    ]
