"""The figures of the dashboard and the yearly report: one small source per block.

Every source takes a ReportFilter and returns a protected Table (see `tables`). The dashboard,
the exports, the yearly report and the API all call `dashboard_tables`, so they always agree.
Each source runs a fixed number of aggregate queries, however much data there is.

What is counted (docs/insights.md):
- An activity belongs to the period in which its first session starts; only published
  activities of the region count (and of the chosen kind).
- Reach counts confirmed registrations, by the organisation and function the person registered
  with. "People" are distinct people; "attended" those present at one session or more; "new"
  those without a confirmed registration in the region for an activity that started earlier.
- STO staff: the person's function is one the organisation counts as STO staff (its own choice);
  at an organisation that has chosen none, the person is "not determined".
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, Min, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from samenleren.accounts.models import User
from samenleren.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Attendance,
    Evaluation,
    Registration,
    RegistrationStatus,
    Session,
)
from samenleren.community.selectors import open_questions
from samenleren.demand.selectors import demand_summary
from samenleren.learning.selectors import learning_hours_by_person
from samenleren.network.models import (
    Affiliation,
    Function,
    Organisation,
    OrganisationKind,
    ProfileCode,
    StoFunction,
)
from samenleren.schools.selectors import equipment_at_risk as schools_equipment_at_risk
from samenleren.schools.selectors import intakes_by_status as schools_intakes_by_status

from .period import ReportFilter
from .tables import Column, Table, protect

ZERO = Decimal("0")

# --- the scope ------------------------------------------------------------------------------


def activities_in_scope(f: ReportFilter) -> QuerySet[Activity]:
    queryset = Activity.objects.filter(region=f.region, status=ActivityStatus.PUBLISHED)
    if f.kind:
        queryset = queryset.filter(kind=f.kind)
    return queryset.annotate(first_start=Min("sessions__starts_at")).filter(
        first_start__gte=f.start_at, first_start__lt=f.end_at
    )


def registrations_in_scope(
    f: ReportFilter, *, statuses=(RegistrationStatus.CONFIRMED,)
) -> QuerySet[Registration]:
    queryset = Registration.objects.filter(
        activity_id__in=activities_in_scope(f).values("pk"), status__in=statuses
    )
    if f.subregion is not None:
        queryset = queryset.filter(organisation__subregion=f.subregion)
    if f.organisation is not None:
        queryset = queryset.filter(organisation=f.organisation)
    return queryset


def organisations_in_scope(f: ReportFilter) -> QuerySet[Organisation]:
    if f.organisation is not None:
        return Organisation.objects.filter(pk=f.organisation.pk)
    queryset = Organisation.objects.filter(region=f.region, is_active=True)
    if f.subregion is not None:
        queryset = queryset.filter(subregion=f.subregion)
    return queryset


def people_in_scope(f: ReportFilter) -> QuerySet[User]:
    """The people working (now) at the organisations in scope: for e-learning hours."""
    return User.objects.filter(
        pk__in=Affiliation.objects.filter(
            organisation__in=organisations_in_scope(f), ended_on__isnull=True
        ).values("person_id")
    )


# --- reach ------------------------------------------------------------------------------------


def _reach_figures(f: ReportFilter) -> dict:
    present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
    sto = StoFunction.objects.filter(
        organisation=OuterRef("organisation_id"), function=OuterRef("function")
    )
    chosen = StoFunction.objects.filter(organisation=OuterRef("organisation_id"))
    earlier = Registration.objects.filter(
        person=OuterRef("person_id"),
        status=RegistrationStatus.CONFIRMED,
        activity__region=f.region,
        activity__sessions__starts_at__lt=f.start_at,
    )
    return {
        "people": Count("person", distinct=True),
        "registrations": Count("pk", distinct=True),
        "attended": Count("person", distinct=True, filter=Q(Exists(present))),
        "new": Count("person", distinct=True, filter=~Q(Exists(earlier))),
        "sto": Count("person", distinct=True, filter=Q(Exists(sto))),
        "undetermined": Count("person", distinct=True, filter=~Q(Exists(chosen))),
        "counted": Count(
            "person", distinct=True, filter=Q(organisation__staff_count__isnull=False)
        ),
    }


REACH_COLUMNS = [
    ("people", gettext_lazy("People"), "people", ""),
    ("registrations", gettext_lazy("Registrations"), "count", "people"),
    ("attended", gettext_lazy("Attended"), "people", ""),
    ("new", gettext_lazy("New this period"), "people", ""),
    ("sto", gettext_lazy("STO staff"), "people", ""),
    ("others", gettext_lazy("Other staff"), "people", ""),
    ("undetermined", gettext_lazy("STO not determined"), "people", ""),
]


def _reach_table(
    *,
    key: str,
    title: str,
    label: str,
    groups: list[tuple[object, str, int | None]],
    figures: dict,
    total: dict,
    with_staff: bool = True,
    note: str = "",
) -> Table:
    """Rows for every group (also those nobody came from), in the given order. `groups` holds
    (key, label, staff count of the organisations with a known count)."""
    columns = [Column("name", label, "text")]
    columns += [Column(k, str(lbl), kind, guard) for k, lbl, kind, guard in REACH_COLUMNS]
    if with_staff:
        columns += [
            Column("staff", _("Staff (known)"), "count"),
            Column("share", _("Share of staff reached"), "percent", "counted"),
        ]
    rows = []
    for group_key, group_label, staff in groups:
        rows.append(_reach_row(group_label, figures.get(group_key, {}), staff))
    total_row = _reach_row(_("Total"), total, sum(s for _k, _l, s in groups if s) or None)
    table = Table(
        key=key,
        title=title,
        columns=columns,
        rows=rows,
        total=total_row,
        chart="people",
        parts=[("sto", "others", "undetermined")],
        note=note,
    )
    return protect(table)


def _reach_row(label: str, figures: dict, staff: int | None) -> dict:
    people = figures.get("people", 0)
    sto = figures.get("sto", 0)
    undetermined = figures.get("undetermined", 0)
    counted = figures.get("counted", 0)
    return {
        "name": label,
        "people": people,
        "registrations": figures.get("registrations", 0),
        "attended": figures.get("attended", 0),
        "new": figures.get("new", 0),
        "sto": sto,
        "others": max(people - sto - undetermined, 0),
        "undetermined": undetermined,
        "counted": counted,
        "staff": staff,
        "share": round(Decimal(100 * counted) / staff) if staff else None,
    }


def _grouped(queryset: QuerySet, field: str, annotations: dict) -> dict:
    return {
        row.pop(field): row
        for row in queryset.order_by().values(field).annotate(**annotations).order_by()
    }


def _total(f: ReportFilter) -> dict:
    """The reach of the whole scope: the same for every grouping, so one query per filter."""
    if "reach_total" not in f.memo:
        f.memo["reach_total"] = registrations_in_scope(f).aggregate(**_reach_figures(f))
    return dict(f.memo["reach_total"])


def _organisations(f: ReportFilter) -> list[Organisation]:
    return list(
        organisations_in_scope(f).select_related("board", "subregion").order_by("name", "pk")
    )


def reach_by_organisation(f: ReportFilter) -> Table:
    figures = _grouped(registrations_in_scope(f), "organisation_id", _reach_figures(f))
    organisations = _organisations(f)
    groups = [(o.pk, o.name, o.staff_count) for o in organisations]
    if figures.get(None):
        groups.append((None, _("No organisation given"), None))
    table = _reach_table(
        key="reach_organisation",
        title=_("Reach per school and organisation"),
        label=_("Organisation"),
        groups=groups,
        figures=figures,
        total=_total(f),
    )
    table.objects = [*organisations, None]
    return table


def _staff_by(organisations: list[Organisation], attr: Callable) -> dict:
    staff: dict = defaultdict(int)
    for organisation in organisations:
        if organisation.staff_count is not None:
            staff[attr(organisation)] += organisation.staff_count
    return staff


def reach_by_board(f: ReportFilter) -> Table:
    figures = _grouped(registrations_in_scope(f), "organisation__board_id", _reach_figures(f))
    organisations = _organisations(f)
    boards = {o.board_id: o.board.name for o in organisations if o.board_id}
    staff = _staff_by(organisations, lambda o: o.board_id)
    groups = [(pk, name, staff.get(pk)) for pk, name in sorted(boards.items(), key=lambda i: i[1])]
    groups.append((None, _("No school board"), staff.get(None)))
    return _reach_table(
        key="reach_board",
        title=_("Reach per school board"),
        label=_("School board"),
        groups=groups,
        figures=figures,
        total=_total(f),
    )


def reach_by_subregion(f: ReportFilter) -> Table:
    figures = _grouped(registrations_in_scope(f), "organisation__subregion_id", _reach_figures(f))
    organisations = _organisations(f)
    subregions = {o.subregion_id: o.subregion.name for o in organisations if o.subregion_id}
    staff = _staff_by(organisations, lambda o: o.subregion_id)
    groups = [
        (pk, name, staff.get(pk)) for pk, name in sorted(subregions.items(), key=lambda i: i[1])
    ]
    groups.append((None, _("No subregion"), staff.get(None)))
    return _reach_table(
        key="reach_subregion",
        title=_("Reach per subregion"),
        label=_("Subregion"),
        groups=groups,
        figures=figures,
        total=_total(f),
    )


def reach_by_level(f: ReportFilter) -> Table:
    figures = _grouped(registrations_in_scope(f), "organisation__kind", _reach_figures(f))
    staff = _staff_by(_organisations(f), lambda o: o.kind)
    groups = [(kind.value, str(kind.label), staff.get(kind.value)) for kind in OrganisationKind]
    if figures.get(None):
        groups.append((None, _("No organisation given"), None))
    return _reach_table(
        key="reach_level",
        title=_("Reach per level"),
        label=pgettext("school", "Level"),
        groups=groups,
        figures=figures,
        total=_total(f),
    )


def reach_by_function(f: ReportFilter) -> Table:
    figures = _grouped(registrations_in_scope(f), "function", _reach_figures(f))
    groups = [(function.value, str(function.label), None) for function in Function]
    if figures.get(""):
        groups.append(("", _("Function not given"), None))
    return _reach_table(
        key="reach_function",
        title=_("Reach per function"),
        label=_("Function"),
        groups=groups,
        figures=figures,
        total=_total(f),
        with_staff=False,
    )


def reach_by_profile(f: ReportFilter) -> Table:
    """By the vmbo profiles the person teaches at the organisation they registered with. People
    teaching several profiles count in each, so the rows add up to more than the total."""
    queryset = registrations_in_scope(f).filter(
        person__affiliations__organisation=F("organisation"),
        person__affiliations__ended_on__isnull=True,
        person__affiliations__profiles__isnull=False,
    )
    figures = _grouped(queryset, "person__affiliations__profiles__code", _reach_figures(f))
    groups = [(code.value, code.value, None) for code in ProfileCode]
    table = _reach_table(
        key="reach_profile",
        title=_("Reach per vmbo profile taught"),
        label=_("Profile"),
        groups=groups,
        figures=figures,
        total=queryset.aggregate(**_reach_figures(f)),
        with_staff=False,
        note=_("Someone who teaches several profiles counts in each of them."),
    )
    return table


# --- activities, hours, evaluations, no-show --------------------------------------------------


def activity_kinds(f: ReportFilter) -> Table:
    activities = {
        row["kind"]: row
        for row in activities_in_scope(f)
        .order_by()
        .values("kind")
        .annotate(activities=Count("pk", distinct=True))
    }
    sessions = _grouped(
        Session.objects.filter(activity_id__in=activities_in_scope(f).values("pk")),
        "activity__kind",
        {"sessions": Count("pk"), "offered": Sum("study_hours")},
    )
    present = Q(attendances__present=True)
    people = _grouped(
        registrations_in_scope(f),
        "activity__kind",
        {
            "people": Count("person", distinct=True),
            "registrations": Count("pk", distinct=True),
            "hours": Sum("attendances__session__study_hours", filter=present),
        },
    )
    rows = []
    for kind in ActivityKind:
        row = {
            "name": str(kind.label),
            "activities": activities.get(kind.value, {}).get("activities", 0),
            "sessions": sessions.get(kind.value, {}).get("sessions", 0),
            "offered": sessions.get(kind.value, {}).get("offered") or ZERO,
            "people": people.get(kind.value, {}).get("people", 0),
            "registrations": people.get(kind.value, {}).get("registrations", 0),
            "hours": people.get(kind.value, {}).get("hours") or ZERO,
        }
        rows.append(row)
    total = {
        "name": _("Total"),
        **{
            key: sum((row[key] for row in rows), ZERO if key in {"offered", "hours"} else 0)
            for key in ("activities", "sessions", "offered", "registrations", "hours")
        },
        "people": registrations_in_scope(f).aggregate(n=Count("person", distinct=True))["n"],
    }
    return protect(
        Table(
            key="activity_kinds",
            title=_("Activities per kind"),
            columns=[
                Column("name", _("Kind"), "text"),
                Column("activities", _("Activities"), "count"),
                Column("sessions", _("Sessions"), "count"),
                Column("offered", _("Study hours offered"), "hours"),
                Column("people", _("People"), "people"),
                Column("registrations", _("Registrations"), "count", "people"),
                Column("hours", _("Participant hours"), "hours", "people"),
            ],
            rows=rows,
            total=total,
            chart="activities",
        )
    )


def hours_delivered(f: ReportFilter) -> Table:
    """Participant hours: the study hours of every session someone attended, and the study hours
    of e-learning modules completed in the period."""
    activity_figures = Attendance.objects.filter(
        present=True,
        registration__in=registrations_in_scope(f),
    ).aggregate(
        hours=Sum("session__study_hours"), people=Count("registration__person", distinct=True)
    )
    rows = [
        {
            "name": _("Activities (sessions attended)"),
            "hours": activity_figures["hours"] or ZERO,
            "people": activity_figures["people"],
        }
    ]
    if not f.kind:
        by_person = learning_hours_by_person(people=people_in_scope(f), start=f.start, end=f.end)
        rows.append(
            {
                "name": _("E-learning (modules completed)"),
                "hours": sum(by_person.values(), ZERO),
                "people": sum(1 for hours in by_person.values() if hours),
            }
        )
    people_total = None if len(rows) > 1 else rows[0]["people"]
    total = {"name": _("Total"), "hours": sum((r["hours"] for r in rows), ZERO)}
    total["people"] = people_total
    return protect(
        Table(
            key="hours",
            title=_("Hours of professional development delivered"),
            columns=[
                Column("name", _("Source"), "text"),
                Column("people", _("People"), "people"),
                Column("hours", _("Participant hours"), "hours", "people"),
            ],
            rows=rows,
            total=total,
            chart="hours",
        )
    )


def evaluation_scores(f: ReportFilter) -> Table:
    """Average rating (1-5) per kind; shown only from five evaluations on."""
    figures = _grouped(
        Evaluation.objects.filter(registration__in=registrations_in_scope(f)),
        "registration__activity__kind",
        {"evaluations": Count("pk"), "average": Avg("rating")},
    )
    total = Evaluation.objects.filter(registration__in=registrations_in_scope(f)).aggregate(
        evaluations=Count("pk"), average=Avg("rating")
    )
    rows = [
        {
            "name": str(kind.label),
            "evaluations": figures.get(kind.value, {}).get("evaluations", 0),
            "average": _score(figures.get(kind.value, {}).get("average")),
        }
        for kind in ActivityKind
    ]
    return protect(
        Table(
            key="evaluations",
            title=_("Evaluation scores (1 to 5)"),
            columns=[
                Column("name", _("Kind"), "text"),
                Column("evaluations", _("Evaluations"), "people"),
                Column("average", _("Average score"), "score", "evaluations"),
            ],
            rows=rows,
            total={
                "name": _("Total"),
                "evaluations": total["evaluations"],
                "average": _score(total["average"]),
            },
            chart="average",
        )
    )


def _score(value) -> Decimal | None:
    return round(Decimal(str(value)), 1) if value is not None else None


def rating_distribution(f: ReportFilter) -> Table:
    counts = Evaluation.objects.filter(registration__in=registrations_in_scope(f)).aggregate(
        **{f"r{rating}": Count("pk", filter=Q(rating=rating)) for rating in (5, 4, 3, 2, 1)}
    )
    labels = {
        5: _("5 – very valuable"),
        4: "4",
        3: "3",
        2: "2",
        1: _("1 – not valuable"),
    }
    rows = [{"name": labels[r], "evaluations": counts[f"r{r}"]} for r in (5, 4, 3, 2, 1)]
    return protect(
        Table(
            key="ratings",
            title=_("How valuable participants found it"),
            columns=[
                Column("name", _("Score"), "text"),
                Column("evaluations", _("Evaluations"), "people"),
            ],
            rows=rows,
            total={"name": _("Total"), "evaluations": sum(r["evaluations"] for r in rows)},
            chart="evaluations",
        )
    )


def no_show(f: ReportFilter) -> Table:
    """Per kind: places (confirmed registrations x past sessions where attendance was taken),
    how many of them were used, and the no-show rate. One query, summed per kind here."""
    registrations = registrations_in_scope(f)
    sessions = (
        Session.objects.filter(
            activity_id__in=activities_in_scope(f).values("pk"),
            ends_at__lt=timezone.now(),
        )
        .filter(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .order_by()
        .annotate(
            present=Count(
                "attendances",
                filter=Q(
                    attendances__present=True,
                    attendances__registration__in=registrations,
                ),
            ),
        )
        .values_list("activity_id", "activity__kind", "present")
    )
    session_rows = list(sessions)
    expected_by_activity = dict(
        registrations.filter(activity_id__in={a for a, _k, _p in session_rows})
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values_list("activity_id", "n")
    )
    expected: dict[str, int] = defaultdict(int)
    present: dict[str, int] = defaultdict(int)
    for activity_id, kind, came in session_rows:
        expected[kind] += expected_by_activity.get(activity_id, 0)
        present[kind] += came
    rows = []
    for kind in ActivityKind:
        rows.append(_no_show_row(str(kind.label), expected[kind.value], present[kind.value]))
    total = _no_show_row(_("Total"), sum(expected.values()), sum(present.values()))
    return protect(
        Table(
            key="no_show",
            title=_("No-show"),
            columns=[
                Column("name", _("Kind"), "text"),
                Column("expected", _("Places in past sessions"), "people"),
                Column("present", _("Present"), "people"),
                Column("absent", _("Not present"), "people"),
                Column("rate", _("No-show rate"), "percent", "expected"),
            ],
            rows=rows,
            total=total,
            chart="rate",
            parts=[("present", "absent")],
            note=_("Counted over past sessions where attendance was taken."),
        )
    )


def _no_show_row(label: str, expected: int, present: int) -> dict:
    present = min(present, expected)
    return {
        "name": label,
        "expected": expected,
        "present": present,
        "absent": expected - present,
        "rate": round(Decimal(100 * (expected - present)) / expected) if expected else None,
    }


# --- demand, questions, intakes, equipment ----------------------------------------------------


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
        if row["kind"] == "people" and isinstance(value, int) and 0 < value < 5:
            table.hidden.add((index, "value"))
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


# --- all blocks -------------------------------------------------------------------------------


def key_figures(f: ReportFilter, tables: dict[str, Table]) -> Table:
    """The headline figures, taken from the other tables (no queries of its own)."""
    reach = tables["reach_organisation"]
    hours = tables["hours"]
    rows = [
        ("people", _("People reached"), reach.total["people"], reach.is_hidden(-1, "people")),
        ("new", _("New this period"), reach.total["new"], reach.is_hidden(-1, "new")),
        (
            "registrations",
            _("Registrations"),
            reach.total["registrations"],
            reach.is_hidden(-1, "registrations"),
        ),
        ("hours", _("Participant hours"), hours.total["hours"], hours.is_hidden(-1, "hours")),
        (
            "activities",
            _("Activities"),
            tables["activity_kinds"].total["activities"],
            False,
        ),
    ]
    evaluations = tables["evaluations"]
    rows.append(
        (
            "average",
            _("Average evaluation score"),
            evaluations.total["average"],
            evaluations.is_hidden(-1, "average"),
        )
    )
    table = Table(
        key="key_figures",
        title=_("Key figures"),
        columns=[Column("name", _("Figure"), "text"), Column("value", _("Number"), "count")],
        rows=[
            {"name": label, "value": value, "key": key, "_kind": KEY_KINDS.get(key, "count")}
            for key, label, value, _h in rows
        ],
    )
    for index, (_key, _label, _value, hidden) in enumerate(rows):
        if hidden:
            table.hidden.add((index, "value"))
    return table


KEY_KINDS = {"hours": "hours", "average": "score"}


@dataclass(frozen=True)
class Source:
    key: str
    build: Callable[[ReportFilter], Table]
    region_only: bool = False  # not in the school view


SOURCES = [
    Source("reach_organisation", reach_by_organisation),
    Source("reach_board", reach_by_board, region_only=True),
    Source("reach_subregion", reach_by_subregion, region_only=True),
    Source("reach_level", reach_by_level, region_only=True),
    Source("reach_function", reach_by_function),
    Source("reach_profile", reach_by_profile),
    Source("activity_kinds", activity_kinds),
    Source("hours", hours_delivered),
    Source("evaluations", evaluation_scores),
    Source("ratings", rating_distribution),
    Source("no_show", no_show),
    Source("demand", demand_and_supply),
    Source("open_questions", open_questions_by_age),
    Source("intakes", intakes_by_status),
    Source("equipment_at_risk", equipment_at_risk),
]


def dashboard_tables(f: ReportFilter) -> dict[str, Table]:
    """Every block for the filter, in order, key figures first. The school view (f.organisation
    set) leaves out the per-school splits."""
    tables: dict[str, Table] = {}
    for source in SOURCES:
        if source.region_only and f.organisation is not None:
            continue
        tables[source.key] = source.build(f)
    return {"key_figures": key_figures(f, tables), **tables}
