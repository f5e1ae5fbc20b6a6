"""Remove a user's authenticator apps, for someone who lost their phone.

They set up a new app the next time they sign in (compulsory for administrators and
booking coordinators, so they cannot skip it).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a user's two-factor authenticator apps, so they set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user's sign-in name.")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {removed} authenticator app(s) for {user.username}: they set up a new "
            "one at their next sign-in."
        )
