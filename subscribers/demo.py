"""Demo subscribers: a few confirmed ones per language, so the admin's list has something to
show. Addresses at example.org, which receives no mail."""

from django.conf import settings
from django.utils import timezone

from core.models import Area

from .models import Subscriber

PEOPLE = {
    "en": ["anna.smith", "mark.jones"],
    "fi": ["aino.virtanen", "mikko.korhonen"],
    "ru": ["olga.ivanova", "sergei.petrov"],
}


def load(report):
    if Subscriber.objects.exists():
        return
    report("Adding the demo newsletter subscribers")
    areas = list(Area.objects.filter(locale__language_code=settings.LANGUAGE_CODE, live=True))
    now = timezone.now()
    for language, names in PEOPLE.items():
        for number, name in enumerate(names):
            subscriber = Subscriber.objects.create(
                email=f"{name}@example.org",
                language=language,
                status=Subscriber.SUBSCRIBED,
                confirmed_at=now,
                consent_text="Demo subscriber",
                source="Demo content",
            )
            # The first of each language chooses an area, the second everything.
            if number == 0 and areas:
                subscriber.areas.set(areas[:1])
