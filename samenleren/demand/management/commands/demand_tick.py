"""Interest campaigns' clock. Run it from cron, e.g. every quarter of an hour:

    */15 * * * * cd /srv/samenleren && .venv/bin/python manage.py demand_tick

Tells the region's coordinators, once per activity, when its waiting list reaches the threshold
(setting DEMAND_WAITLIST_THRESHOLD, default 10, or --threshold), with a link to add a session.
Safe to repeat or to run twice at once.
"""

from django.core.management.base import BaseCommand

from samenleren.demand.services.waitlist import waitlist_alerts_send, waitlist_threshold


class Command(BaseCommand):
    help = "Tell coordinators once when an activity's waiting list reaches the threshold."

    def add_arguments(self, parser):
        parser.add_argument("--threshold", type=int, default=None)

    def handle(self, *args, threshold=None, **options):
        told = waitlist_alerts_send(threshold=threshold or waitlist_threshold())
        if options["verbosity"] >= 1:
            self.stdout.write(f"waitlist_alerts={told}")
