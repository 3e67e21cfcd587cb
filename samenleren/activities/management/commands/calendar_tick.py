"""The calendar's clock. Run it every few minutes from cron, e.g.

    */5 * * * * cd /srv/samenleren && .venv/bin/python manage.py calendar_tick

Each run lets lapsed waiting-list offers pass on, sends the 7-day and 1-day reminders and the
evaluation requests (each once per registration) and warns coordinators about activities with
too few participants near their go/no-go date. Runs may overlap or be missed: every step is
safe to repeat and catches up on the next run.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from samenleren.activities.services.tick import calendar_tick


class Command(BaseCommand):
    help = "Expire offers, send reminders and evaluation requests, warn about go/no-go dates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            metavar="YYYY-MM-DDTHH:MM",
            help="Act as if it were this moment (local time), for testing and catching up.",
        )

    def handle(self, *args, now: str | None = None, **options):
        moment = self._moment(now) if now else timezone.now()
        report = calendar_tick(now=moment)
        summary = " ".join(f"{key}={value}" for key, value in report.as_dict().items())
        if options["verbosity"] >= 1:
            self.stdout.write(summary)

    def _moment(self, text: str) -> datetime:
        parsed = parse_datetime(text)
        if parsed is None:
            raise CommandError("Give --now as YYYY-MM-DDTHH:MM, for example 2025-03-01T08:00.")
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
