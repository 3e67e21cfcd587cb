"""Print `EMAIL TOKEN` lines, for admins and scripts that need API access for people."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samenleren.accounts.models import User
from samenleren.accounts.services import api_token_create
from samenleren.network.models import REGION_ROLES, Region, Role
from samenleren.network.services import role_assign


class Command(BaseCommand):
    help = "Create an API token for each e-mail address and print 'EMAIL TOKEN' lines."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="*", metavar="EMAIL")
        parser.add_argument(
            "--create-user",
            nargs="+",
            default=[],
            metavar="EMAIL",
            help="Create these people if they do not exist yet (no password; they can log in "
            "with an e-mailed code).",
        )
        parser.add_argument(
            "--role",
            choices=sorted(r.value for r in REGION_ROLES),
            help="Give each person this region role.",
        )
        parser.add_argument("--region", metavar="SLUG", help="The region for --role.")
        parser.add_argument("--name", default="command line", help="The tokens' name.")

    def handle(self, *args, emails, create_user, role, region, name, **options):
        if not emails and not create_user:
            raise CommandError("Give at least one e-mail address.")
        if bool(role) != bool(region):
            raise CommandError("--role and --region go together.")
        region_obj = None
        if region:
            region_obj = Region.objects.filter(slug=region).first()
            if region_obj is None:
                raise CommandError(f"No region with slug {region!r}.")
        lines = []
        with transaction.atomic():
            for email in [*create_user, *emails]:
                email = email.strip().lower()
                person = User.objects.filter(email=email).first()
                if person is None:
                    if email not in [e.strip().lower() for e in create_user]:
                        raise CommandError(f"No person with e-mail {email}; use --create-user.")
                    person = User.objects.create_user(
                        email=email, first_name=email.split("@")[0], last_name=""
                    )
                if role:
                    role_assign(actor=None, person=person, role=Role(role), region=region_obj)
                _token, raw = api_token_create(user=person, name=name)
                lines.append(f"{email} {raw}")
        self.stdout.write("\n".join(lines))
