"""`manage.py demo`: build the demo data of every app and print the demo logins.

Core knows no domain app: the builders come from settings.DEMO_BUILDERS, and each returns the
logins it made as (e-mail, password, description) tuples.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Build the demo region (safe to run again: nothing is duplicated) and print the logins."

    def handle(self, *args, **options):
        logins: list[tuple[str, str, str]] = []
        for path in settings.DEMO_BUILDERS:
            logins.extend(import_string(path)(stdout=self.stdout) or [])
        if not logins:
            return
        width = max(len(email) for email, _, _ in logins)
        passwords = {password for _, password, _ in logins}
        if len(passwords) == 1:
            self.stdout.write(f"\nDemo-logins (wachtwoord: {passwords.pop()}):")
            for email, _, description in logins:
                self.stdout.write(f"  {email:<{width}}  {description}")
        else:
            pw_width = max(len(password) for password in passwords)
            self.stdout.write("\nDemo-logins (e-mail, wachtwoord, rol):")
            for email, password, description in logins:
                self.stdout.write(f"  {email:<{width}}  {password:<{pw_width}}  {description}")
