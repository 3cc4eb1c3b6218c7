from django.core.management.base import BaseCommand, CommandError

from subscribers import services
from subscribers.models import Subscriber


class Command(BaseCommand):
    help = "Print everything kept about a subscriber, as JSON (a data access request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        subscriber = Subscriber.objects.filter(email=services.normalised(email)).first()
        if subscriber is None:
            raise CommandError("No subscriber has this address.")
        self.stdout.write(services.export_json(subscriber))
