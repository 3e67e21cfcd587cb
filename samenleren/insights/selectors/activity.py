"""The calendar's blocks: activities per kind, hours delivered, evaluations and no-show."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.activities.models import Activity, ActivityKind, Attendance, Evaluation, Session
from samenleren.learning.selectors import learning_hours_by_person

from .period import ReportFilter
from .scope import _grouped, activities_in_scope, people_in_scope, registrations_in_scope
from .tables import Column, Table, protect

ZERO = Decimal("0")


def activity_kinds(f: ReportFilter) -> Table:
    activities, sessions = kinds_offered(f)
    people = _grouped(registrations_in_scope(f), "activity__kind", KIND_PEOPLE)
    return kinds_table(
        activities=activities,
        sessions=sessions,
        people=people,
        total_people=registrations_in_scope(f).aggregate(n=Count("person", distinct=True))["n"],
    )


def kinds_offered(f: ReportFilter) -> tuple[dict, dict]:
    """Activities, and their sessions and study hours, per kind. Of the region and period (and
    kind): the same for every school and subregion of the filter."""
    # Grouped over the ids: grouping `activities_in_scope` itself by kind would apply its
    # "first session in the period" filter to the earliest session of the whole kind.
    activities = {
        row["kind"]: row
        for row in Activity.objects.filter(pk__in=activities_in_scope(f).values("pk"))
        .order_by()
        .values("kind")
        .annotate(activities=Count("pk"))
    }
    sessions = _grouped(
        Session.objects.filter(activity_id__in=activities_in_scope(f).values("pk")),
        "activity__kind",
        {"sessions": Count("pk"), "offered": Sum("study_hours")},
    )
    return activities, sessions


# Per kind, of the registrations in scope (grouped by kind, or by school and kind).
KIND_PEOPLE = {
    "people": Count("person", distinct=True),
    "registrations": Count("pk", distinct=True),
    "hours": Sum("attendances__session__study_hours", filter=Q(attendances__present=True)),
}


def kinds_table(*, activities: dict, sessions: dict, people: dict, total_people: int) -> Table:
    """Activities per kind from `kinds_offered` and KIND_PEOPLE grouped by kind."""
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
        "people": total_people,
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
    ).aggregate(**ATTENDED_HOURS)
    learning = None
    if not f.kind:
        learning = learning_hours_by_person(people=people_in_scope(f), start=f.start, end=f.end)
    return hours_table(attended=activity_figures, learning=learning)


# Of the attendances (present) of the registrations in scope.
ATTENDED_HOURS = {
    "hours": Sum("session__study_hours"),
    "people": Count("registration__person", distinct=True),
}


def hours_table(*, attended: dict, learning: dict | None) -> Table:
    """`attended`: ATTENDED_HOURS; `learning`: e-learning hours by person (None: no e-learning
    row, as when the filter has an activity kind)."""
    rows = [
        {
            "name": _("Activities (sessions attended)"),
            "hours": attended.get("hours") or ZERO,
            "people": attended.get("people", 0),
        }
    ]
    if learning is not None:
        rows.append(
            {
                "name": _("E-learning (modules completed)"),
                "hours": sum(learning.values(), ZERO),
                "people": sum(1 for hours in learning.values() if hours),
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
    evaluations = Evaluation.objects.filter(registration__in=registrations_in_scope(f))
    return evaluations_table(
        figures=_grouped(evaluations, "registration__activity__kind", SCORES),
        total=evaluations.aggregate(**SCORES),
    )


SCORES = {"evaluations": Count("pk"), "average": Avg("rating")}


def evaluations_table(*, figures: dict, total: dict) -> Table:
    """From SCORES grouped by kind and in total."""
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
                "evaluations": total.get("evaluations", 0),
                "average": _score(total.get("average")),
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
