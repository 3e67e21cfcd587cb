"""How long the campaign page's figures take: progress per course, subregion and school, the
venue ranking and the travel time saved (`demand.selectors.campaign_progress`).

Run against a database with the demo (`manage.py demo`), e.g.

    DATABASE_URL=sqlite:////tmp/sl/demand-demo.sqlite3 .venv/bin/python bench/demand_progress.py

Prints the number of queries and the median and worst time over --runs runs, per campaign.
Measures only; asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from samenleren.demand.models import Campaign, Pledge  # noqa: E402
from samenleren.demand.selectors import campaign_progress, campaign_totals  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    print(
        f"{'campaign':45} {'courses':>7} {'pledges':>7} {'queries':>7} {'median ms':>9} {'max ms':>7}"
    )
    for campaign in Campaign.objects.all():
        with CaptureQueriesContext(connection) as queries:
            progress = campaign_progress(campaign=campaign)
            campaign_totals(progress)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            campaign_totals(campaign_progress(campaign=campaign))
            times.append((time.perf_counter() - start) * 1000)
        pledges = Pledge.objects.filter(campaign_course__campaign=campaign).count()
        print(
            f"{campaign.title[:45]:45} {len(progress):>7} {pledges:>7} {len(queries):>7} "
            f"{statistics.median(times):>9.1f} {max(times):>7.1f}"
        )


if __name__ == "__main__":
    main()
