"""Insights in the API: the reach figures of a region (the same table as the dashboard, with the
same privacy rule) and a person's own portfolio."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from samenleren.insights.selectors.access import access_report_region
from samenleren.insights.selectors.period import ReportFilter, school_year_bounds, school_year_of
from samenleren.insights.selectors.portfolio import development_of
from samenleren.insights.selectors.reach import (
    reach_by_function,
    reach_by_organisation,
    reach_by_profile,
    reach_by_subregion,
)
from samenleren.insights.selectors.tables import Table
from samenleren.insights.services import export_log

from ..schemas import ErrorOut
from ..schemas_insights import PortfolioOut, ReachFilters, ReachOut

router = Router(tags=["insights"])

SOURCES = {
    "organisation": reach_by_organisation,
    "subregion": reach_by_subregion,
    "function": reach_by_function,
    "profile": reach_by_profile,
}
LONGEST_DAYS = 3 * 366


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _row(table: Table, index: int, row: dict) -> dict:
    hidden = [c.key for c in table.columns[1:] if table.is_hidden(index, c.key)]
    return {
        "label": str(row[table.label_key]),
        "figures": {
            c.key: None if c.key in hidden else _number(row.get(c.key)) for c in table.columns[1:]
        },
        "hidden": hidden,
    }


@router.get(
    "/reports/reach",
    response={200: ReachOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Reach of a region per organisation, subregion, function or profile",
    description=(
        "For the region's coordinators and steering group. The same figures as the dashboard: "
        "groups of fewer than five people are hidden (null, named in `hidden`)."
    ),
)
def reach(request: HttpRequest, filters: Query[ReachFilters]):
    try:
        region = access_report_region(user=request.user, slug=filters.region)
    except Http404:
        raise PermissionDenied from None
    default_start, default_end = school_year_bounds(school_year_of(timezone.localdate()))
    start = filters.date_from or default_start
    end = filters.date_to or default_end
    if end < start:
        raise ValidationError({"to": [_("The end date lies before the start date. Swap them.")]})
    if (end - start).days > LONGEST_DAYS:
        raise ValidationError({"to": [_("Choose a period of at most three years.")]})
    f = ReportFilter(region=region, start=start, end=end)
    table = SOURCES[filters.group_by](f)
    export_log(
        actor=request.user, what=f"api_reach_{filters.group_by}", file_format="json", **f.describe()
    )
    return {
        "region": region.slug,
        "from": start,
        "to": end,
        "group_by": filters.group_by,
        "columns": [c.key for c in table.columns[1:]],
        "rows": [_row(table, i, row) for i, row in enumerate(table.rows)],
        "total": _row(table, -1, table.total),
    }


@router.get(
    "/me/portfolio",
    response=PortfolioOut,
    summary="Your own development: hours against your budget, what is coming, certificates",
)
def portfolio(request: HttpRequest):
    mine = development_of(person=request.user)
    hours = mine.hours
    export_log(actor=request.user, what="api_portfolio", file_format="json")
    return {
        "hours": {
            "from": hours.start,
            "to": hours.end,
            "activities": float(hours.activities),
            "elearning": float(hours.elearning),
            "total": float(hours.total),
            "budget": float(hours.budget.hours) if hours.budget else None,
        },
        "upcoming": [
            {
                "activity_id": r.activity_id,
                "title": r.activity.title,
                "status": r.status,
                "starts_at": r.first_start.isoformat() if r.first_start else None,
            }
            for r in mine.upcoming
        ],
        "certificates": [
            {
                "code": str(c.code),
                "title": c.activity_title,
                "last_day": c.last_day.isoformat(),
                "hours": float(c.hours),
            }
            for c in mine.certificates
        ],
        "modules_in_progress": [
            {"title": m.module.title, "percent": m.percent, "url": m.url} for m in mine.modules
        ],
        "badges": [
            {
                "title": b.title,
                "issued_on": b.issued_on.isoformat() if b.issued_on else None,
                "url": b.url,
                "revoked": bool(b.revoked),
            }
            for b in mine.badges
        ],
    }
