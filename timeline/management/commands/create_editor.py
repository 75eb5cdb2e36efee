"""`manage.py create_editor USERNAME [--email EMAIL]`: a staff user in the Editors group, and its API token."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework.authtoken.models import Token

from timeline.roles import editors_group


class Command(BaseCommand):
    help = (
        "Create or update a staff user in the Editors group and print its API token (40 hex characters) on the "
        "last line. Set its admin password with `manage.py changepassword USERNAME`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default=None, help="The editor's email address.")

    @transaction.atomic
    def handle(self, *args, username, email, **options):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
        if email is not None:
            user.email = email
        user.is_staff = True
        user.is_active = True
        user.full_clean(exclude=["password"])
        user.save()
        user.groups.add(editors_group())
        token, _ = Token.objects.get_or_create(user=user)
        action = "Created" if created else "Updated"
        self.stdout.write(f"{action} editor {username}. Its API token is the line below; keep it secret.")
        self.stdout.write(token.key)
