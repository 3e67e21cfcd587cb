"""The school intake's clock. Run it daily (or more often) from cron, e.g.

    15 7 * * * cd /srv/samenleren && .venv/bin/python manage.py schools_tick

Sends the coordinators' visit reminders that are due (each once, however often it runs),
confirms skills by certificates issued since the last run, and mails a school's contacts once
about drafts made from a board question while the school had no contact.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from samenleren.schools.services import schools_tick


class Command(BaseCommand):
    help = (
        "Send due visit reminders, confirm skills by new certificates and tell school contacts "
        "about waiting drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            metavar="YYYY-MM-DDTHH:MM",
            help="Act as if it were this moment (local time), for testing and catching up.",
        )

    def handle(self, *args, now: str | None = None, **options):
        moment = timezone.now()
        if now:
            parsed = parse_datetime(now)
            if parsed is None:
                raise CommandError("Give --now as YYYY-MM-DDTHH:MM, for example 2025-03-01T08:00.")
            moment = timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
        report = schools_tick(now=moment)
        if options["verbosity"] >= 1:
            self.stdout.write(" ".join(f"{k}={v}" for k, v in report.items()))
