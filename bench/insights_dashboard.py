"""Time the insights dashboard selectors and the yearly report, for one region and nationally.

    DATABASE_URL=sqlite:////tmp/sl/national.sqlite3 .venv/bin/python bench/insights_dashboard.py

Run bench/insights_generate.py first. Median of --runs runs; writes the figures into the
"Measured" section of docs/insights.md (the lead moves them to docs/performance.md).
--report-only times only the yearly report and counts its queries (prints, writes nothing).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from samenleren.accounts.models import User  # noqa: E402
from samenleren.activities.models import Activity, Registration  # noqa: E402
from samenleren.community.models import Question  # noqa: E402
from samenleren.insights.report import build_report  # noqa: E402
from samenleren.insights.selectors.figures import SOURCES, dashboard_tables  # noqa: E402
from samenleren.insights.selectors.period import ReportFilter  # noqa: E402
from samenleren.network.models import Organisation, Region  # noqa: E402


def mark(vendor: str) -> str:
    return f"<!-- bench:insights:{vendor} -->"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_report(f: ReportFilter, runs: int) -> tuple[float, int, int]:
    """The yearly report of one region: median time, its number of queries (one more run) and
    the number of school pages (organisations of the region that reached anyone)."""
    seconds = median_time(lambda: build_report(f, text="Bench", language="nl"), runs)
    with CaptureQueriesContext(connection) as report:
        build_report(f, text="Bench", language="nl")
    reach = dashboard_tables(f)["reach_organisation"]
    schools = sum(
        1
        for organisation, row in zip(reach.objects, reach.rows, strict=False)
        if organisation is not None and row["people"]
    )
    return seconds, len(report.captured_queries), schools


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    translation.activate("nl")
    region = Region.objects.filter(slug__startswith="bench-").order_by("slug").first()
    if region is None:
        sys.exit("No bench data: run bench/insights_generate.py first.")
    f = ReportFilter.school_year(region=region)
    if args.report_only:
        report, queries, schools = time_report(f, args.runs)
        print(
            f"{connection.vendor}: yearly report of one region ({schools} school pages): "
            f"{report:.2f} s (median of {args.runs}), {queries} queries"
        )
        return
    for source in SOURCES:  # per block, to see which one to look at
        started = time.perf_counter()
        source.build(f)
        print(f"  {source.key}: {time.perf_counter() - started:.3f} s", flush=True)
    one_region = median_time(lambda: dashboard_tables(f), args.runs)
    # Nationally: every region's dashboard one after the other (what all coordinators see).
    regions = list(Region.objects.filter(slug__startswith="bench-"))
    national = median_time(
        lambda: [dashboard_tables(ReportFilter.school_year(region=r)) for r in regions],
        max(1, args.runs // 2),
    )
    report, queries, schools = time_report(f, args.runs)
    sizes = {
        "people": User.objects.count(),
        "activities": Activity.objects.count(),
        "registrations": Registration.objects.count(),
        "questions": Question.objects.count(),
        "organisations": Organisation.objects.count(),
        "regions": len(regions),
        "organisations in the region": Organisation.objects.filter(region=region).count(),
    }
    marker = mark(connection.vendor)
    lines = [
        marker,
        f"Database: {connection.vendor}; data: "
        + ", ".join(f"{v:,} {k}" for k, v in sizes.items())
        + f"; median of {args.runs} runs.",
        "",
        "| What | Time |",
        "|---|---|",
        f"| Dashboard, one region (all blocks) | {one_region:.2f} s |",
        f"| Dashboards of all {len(regions)} regions, one after another | {national:.1f} s |",
        f"| Yearly report of one region (PDF + XLSX, a page per school) | {report:.2f} s |",
        f"| Queries of that yearly report ({schools} school pages) | {queries} |",
        marker,
    ]
    text = "\n".join(lines)
    print(text)
    if args.no_write:
        return
    doc = ROOT / "docs" / "insights.md"
    content = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if content.count(marker) >= 2:
        before, _old, after = content.split(marker, 2)
        content = before + text + after
    else:
        content += "\n## Measured\n\n" + text + "\n"
    doc.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    main()
