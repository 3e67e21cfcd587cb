"""The question board's clock. Run it every few minutes from cron, next to calendar_tick:

    */5 * * * * cd /srv/samenleren && .venv/bin/python manage.py community_tick

Each run brings follow-up questions from activity evaluations onto the board (each once) and,
after a learning network's meeting has ended, asks its members by mail for their follow-up
questions (once per meeting). Safe to repeat; runs may overlap or be missed.
"""

from django.core.management.base import BaseCommand

from samenleren.community.services.followups import community_tick


class Command(BaseCommand):
    help = "Import follow-up questions from evaluations; ask network members after meetings."

    def handle(self, *args, **options):
        report = community_tick()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"follow_ups_imported={report.follow_ups_imported} "
                f"meetings_asked={report.meetings_asked}"
            )
