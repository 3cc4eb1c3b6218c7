from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def remember_the_dates_told(apps, schema_editor):
    """Existing sign-ups were told their date's start as it is now."""
    Registration = apps.get_model("registrations", "Registration")
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    Registration.objects.filter(occurrence__isnull=False).update(
        booked_start=Subquery(
            EventOccurrence.objects.filter(pk=OuterRef("occurrence_id")).values("start")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("events", "0006_merge_0005_event_registration_0005_repeats"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="booked_start",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(remember_the_dates_told, migrations.RunPython.noop),
    ]
