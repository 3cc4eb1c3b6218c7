from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from performance.renditions import make_renditions, site_pictures


class Command(BaseCommand):
    help = (
        "Make the image renditions every live page and snippet shows that do not exist yet, so "
        "that no visitor waits for one. Run after each release and hourly; quick when nothing is missing."
    )

    def handle(self, *args, **options):
        renditions = get_image_model().get_rendition_model().objects
        before = renditions.count()
        make_renditions(site_pictures())
        self.stdout.write(f"Made {renditions.count() - before} renditions.")
