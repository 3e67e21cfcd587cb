"""Blocks read from the other capabilities: demand, open questions, school intakes, equipment."""

from datetime import timedelta

from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from samenleren.activities.models import RegistrationStatus
from samenleren.community.selectors import open_questions
from samenleren.demand.selectors import demand_summary
from samenleren.schools.selectors import equipment_at_risk as schools_equipment_at_risk
from samenleren.schools.selectors import intakes_by_status as schools_intakes_by_status

from .period import ReportFilter
from .scope import activities_in_scope, registrations_in_scope
from .tables import SMALL, Column, Table


def demand_and_supply(f: ReportFilter) -> Table:
    """Waiting lists and fully booked activities from the calendar; pledges and tipped courses
    from demand (region-wide: demand counts per campaign, not per school)."""
    waiting = registrations_in_scope(f, statuses=(RegistrationStatus.WAITLISTED,)).aggregate(
        people=Count("person", distinct=True)
    )["people"]
    seats = (
        activities_in_scope(f)
        .annotate(
            taken=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            )
        )
        .aggregate(
            activities=Count("pk"),
            full=Count("pk", filter=Q(taken__gte=F("capacity"))),
        )
    )
    rows = [
        {"name": _("Activities offered"), "value": seats["activities"], "kind": "count"},
        {"name": _("Fully booked activities"), "value": seats["full"], "kind": "count"},
        {"name": _("People on a waiting list"), "value": waiting, "kind": "people"},
    ]
    if f.organisation is None:
        figures = demand_summary(region=f.region, start=f.start, end=f.end)
        rows += [
            {"name": _("Pledges for courses"), "value": figures["pledges"], "kind": "count"},
            {"name": _("Courses tipped"), "value": figures["courses_tipped"], "kind": "count"},
            {
                "name": _("Courses still collecting interest"),
                "value": figures["courses_open"],
                "kind": "count",
            },
            {
                "name": _("Travel hours saved"),
                "value": figures["travel_hours_saved"],
                "kind": "hours",
            },
        ]
    return _figure_list("demand", _("Demand and supply"), rows)


def _figure_list(key: str, title: str, rows: list[dict], note: str = "") -> Table:
    """A two-column table of named figures; a figure of kind "people" follows the rule."""
    table = Table(
        key=key,
        title=title,
        columns=[Column("name", _("Figure"), "text"), Column("value", _("Number"), "count")],
        rows=[{"name": r["name"], "value": r["value"], "_kind": r["kind"]} for r in rows],
        note=note,
    )
    for index, row in enumerate(rows):
        value = row["value"]
        if row["kind"] == "people" and isinstance(value, int) and 0 < value < SMALL:
            table.hide(index, "value", small=True)
    return table


QUESTION_AGES = (
    (0, 14, gettext_lazy("Less than 2 weeks")),
    (14, 42, gettext_lazy("2 to 6 weeks")),
    (42, 91, gettext_lazy("6 weeks to 3 months")),
    (91, None, gettext_lazy("More than 3 months")),
)


def open_questions_by_age(f: ReportFilter) -> Table:
    now = timezone.now()
    queryset = open_questions(region=f.region, organisation=f.organisation)
    if f.subregion is not None:
        queryset = queryset.filter(organisation__subregion=f.subregion)
    buckets = {}
    for index, (low, high, _label) in enumerate(QUESTION_AGES):
        condition = Q(created_at__lte=now - timedelta(days=low))
        if high is not None:
            condition &= Q(created_at__gt=now - timedelta(days=high))
        buckets[f"b{index}"] = Count("pk", filter=condition)
    counts = queryset.order_by().aggregate(oldest=Min("created_at"), **buckets)
    rows = [
        {"name": str(label), "questions": counts[f"b{index}"]}
        for index, (_low, _high, label) in enumerate(QUESTION_AGES)
    ]
    oldest = counts["oldest"]
    note = ""
    if oldest is not None:
        note = _("The oldest open question has waited %(days)s days.") % {
            "days": (now - oldest).days
        }
    return Table(
        key="open_questions",
        title=_("Open questions and how long they wait"),
        columns=[
            Column("name", pgettext("how long a question waits", "Waiting"), "text"),
            Column("questions", _("Questions")),
        ],
        rows=rows,
        total={"name": _("Total"), "questions": sum(r["questions"] for r in rows)},
        chart="questions",
        note=note,
    )


def intakes_by_status(f: ReportFilter) -> Table:
    counts = schools_intakes_by_status(region=f.region, organisation=f.organisation)
    rows = [{"name": _status_label(status), "intakes": n} for status, n in counts.items()]
    return Table(
        key="intakes",
        title=_("School intakes by status"),
        columns=[Column("name", _("Status"), "text"), Column("intakes", _("Intakes"))],
        rows=rows,
        total={"name": _("Total"), "intakes": sum(counts.values())},
        chart="intakes",
    )


def _status_label(status) -> str:
    label = getattr(status, "label", None)
    return str(label) if label is not None else str(status).replace("_", " ").capitalize()


def equipment_at_risk(f: ReportFilter) -> Table:
    items = schools_equipment_at_risk(region=f.region, organisation=f.organisation)
    if f.subregion is not None:
        items = [i for i in items if i.organisation.subregion_id == f.subregion.pk]
    rows = [
        {
            "name": item.organisation.name,
            "equipment": getattr(item.equipment, "label", str(item.equipment)),
            "operators": item.operators,
            "reason": str(item.reason),
        }
        for item in items
    ]
    return Table(
        key="equipment_at_risk",
        title=_("Equipment at risk"),
        columns=[
            Column("name", _("Organisation"), "text"),
            Column("equipment", _("Equipment"), "text"),
            Column("operators", _("People who can operate it")),
            Column("reason", _("Why it is at risk"), "text"),
        ],
        rows=rows,
    )
