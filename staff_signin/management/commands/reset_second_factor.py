from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff_signin import second_factor


class Command(BaseCommand):
    help = (
        "Removes a user's two-step sign-in (authenticator app, passkeys and recovery codes), for "
        "someone who lost them. They set it up again at their next sign-in if their role requires it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        second_factor.turn_off(user)
        self.stdout.write(f"Two-step sign-in removed for {username}.")
