"""The yearly report for the funder: the dashboard's tables for the region, a page per school
with its own figures, and the coordinator's text, as PDF and XLSX from the same tables."""

from collections.abc import Callable

from django.utils import formats
from django.utils.translation import gettext as _

from samenleren.network.models import Organisation

from .exports import tables_xlsx
from .pdf import report_pdf
from .selectors.figures import dashboard_tables
from .selectors.per_school import SCHOOL_TABLES as SCHOOL_TABLES  # the pages' tables
from .selectors.per_school import tables_per_school
from .selectors.period import ReportFilter
from .selectors.tables import Table


def period_text(f: ReportFilter) -> str:
    parts = [
        _("%(start)s to %(end)s")
        % {
            "start": formats.date_format(f.start, "j F Y"),
            "end": formats.date_format(f.end, "j F Y"),
        }
    ]
    if f.subregion is not None:
        parts.append(_("subregion %(name)s") % {"name": f.subregion.name})
    if f.kind:
        from samenleren.activities.models import ActivityKind

        parts.append(str(ActivityKind(f.kind).label))
    return ", ".join(parts)


def report_title(f: ReportFilter) -> str:
    return _("Yearly report %(region)s %(year)s/%(next)s") % {
        "region": f.region.name,
        "year": f.school_year_start,
        "next": f.school_year_start + 1,
    }


def build_report(
    f: ReportFilter, *, text: str, language: str, progress: Callable[[int, str], None] | None = None
) -> tuple[bytes, bytes]:
    """(PDF, XLSX). `progress(percent, step)` is called as the work goes."""

    def step(percent: int, what: str) -> None:
        if progress is not None:
            progress(percent, what)

    step(5, "region")
    by_key = dashboard_tables(f)
    region_tables = list(by_key.values())
    step(10, "schools")
    school_tables = [
        (organisation.name, list(tables.values()))
        for organisation, tables in school_pages(f=f, region_tables=by_key)
    ]
    step(70, "schools")
    title = report_title(f)
    subtitle = period_text(f)
    step(75, "pdf")
    pdf = report_pdf(
        title=title,
        subtitle=subtitle,
        text=text,
        tables=region_tables,
        school_tables=school_tables,
        language=language,
    )
    step(90, "xlsx")
    xlsx_tables = list(region_tables)
    xlsx = tables_xlsx(
        xlsx_tables,
        heading=title,
        text=text,
        meta=[(_("Region"), f.region.name), (_("Period"), subtitle)],
    )
    return pdf, xlsx


def school_pages(
    *, f: ReportFilter, region_tables: dict[str, Table]
) -> list[tuple[Organisation, dict[str, Table]]]:
    """A page per organisation of the region's reach table that reached anyone: its own
    figures (SCHOOL_TABLES, in that order), as its school view shows them for the period. All
    schools' figures come from the same few grouped queries (`tables_per_school`)."""
    reach = region_tables["reach_organisation"]
    schools = [
        organisation
        for organisation, row in zip(reach.objects, reach.rows, strict=False)
        if organisation is not None and row.get("people")
    ]
    tables = tables_per_school(f=f, organisations=schools)
    return [(organisation, tables[organisation.pk]) for organisation in schools]
