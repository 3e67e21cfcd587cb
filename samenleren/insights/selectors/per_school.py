"""The yearly report's school pages: for every school at once, the tables its own view shows.

`dashboard_tables` for one school (f.organisation set) runs 22 queries; doing that for every
school made the report's queries grow with the region (N+1). Here each figure comes from one
query grouped by school (`values("organisation_id", ...).annotate(...)`) for all schools
together, and the tables are built per school in Python by the same builders as the dashboard's,
so a school page shows exactly what the school's own view shows (tested in `test_report.py`).
"""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from django.db.models import QuerySet

from samenleren.accounts.models import User
from samenleren.activities.models import Attendance, Evaluation
from samenleren.learning.selectors import learning_hours_by_person
from samenleren.network.models import Affiliation, Organisation

from .activity import (
    ATTENDED_HOURS,
    KIND_PEOPLE,
    SCORES,
    evaluations_table,
    hours_table,
    kinds_offered,
    kinds_table,
)
from .figures import key_figures
from .period import ReportFilter
from .reach import function_reach_table, organisation_reach_table, reach_figures
from .scope import _grouped, registrations_in_scope
from .tables import Table

# The tables of a school page, in order.
SCHOOL_TABLES = ("key_figures", "reach_function", "activity_kinds", "hours", "evaluations")


def tables_per_school(
    *, f: ReportFilter, organisations: list[Organisation]
) -> dict[int, dict[str, Table]]:
    """Organisation id -> SCHOOL_TABLES of that organisation for the period (and kind) of `f`,
    as `dashboard_tables(replace(f, organisation=o, subregion=None))` has them. Ten queries (eight
    with an activity kind: no e-learning), however many organisations."""
    f = replace(f, organisation=None, subregion=None)
    pks = [o.pk for o in organisations]
    registrations = registrations_in_scope(f).filter(organisation_id__in=pks)
    reach = _grouped(registrations, "organisation_id", reach_figures(f))
    by_function = _grouped_pairs(registrations, "organisation_id", "function", reach_figures(f))
    activities, sessions = kinds_offered(f)  # the region's: the same on every page
    by_kind = _grouped_pairs(registrations, "organisation_id", "activity__kind", KIND_PEOPLE)
    attended = _grouped(
        Attendance.objects.filter(present=True, registration__in=registrations),
        "registration__organisation_id",
        ATTENDED_HOURS,
    )
    learning = None if f.kind else _learning_hours_per_school(f=f, pks=pks)
    evaluations = Evaluation.objects.filter(registration__in=registrations)
    scores_by_kind = _grouped_pairs(
        evaluations, "registration__organisation_id", "registration__activity__kind", SCORES
    )
    scores = _grouped(evaluations, "registration__organisation_id", SCORES)

    result = {}
    for organisation in organisations:
        pk = organisation.pk
        total = reach.get(pk, {})
        tables = {
            "reach_organisation": organisation_reach_table(
                organisations=[organisation], figures={pk: total}, total=total
            ),
            "reach_function": function_reach_table(figures=by_function[pk], total=total),
            "activity_kinds": kinds_table(
                activities=activities,
                sessions=sessions,
                people=by_kind[pk],
                total_people=total.get("people", 0),
            ),
            "hours": hours_table(
                attended=attended.get(pk, {}),
                learning=None if learning is None else learning[pk],
            ),
            "evaluations": evaluations_table(figures=scores_by_kind[pk], total=scores.get(pk, {})),
        }
        tables["key_figures"] = key_figures(replace(f, organisation=organisation), tables)
        result[pk] = {key: tables[key] for key in SCHOOL_TABLES}
    return result


def _grouped_pairs(
    queryset: QuerySet, outer: str, inner: str, annotations: dict
) -> defaultdict[object, dict]:
    """{outer value: {inner value: aggregates}}, from one grouped query."""
    grouped: defaultdict[object, dict] = defaultdict(dict)
    for row in queryset.order_by().values(outer, inner).annotate(**annotations).order_by():
        grouped[row.pop(outer)][row.pop(inner)] = row
    return grouped


def _learning_hours_per_school(*, f: ReportFilter, pks: list[int]) -> defaultdict[int, dict]:
    """Organisation id -> {person id: e-learning hours} of the people working there now: two
    queries. Someone working at two schools counts at both, as in each school's own view."""
    working = Affiliation.objects.filter(organisation_id__in=pks, ended_on__isnull=True)
    hours = learning_hours_by_person(
        people=User.objects.filter(pk__in=working.values("person_id")), start=f.start, end=f.end
    )
    per_school: defaultdict[int, dict[int, Decimal]] = defaultdict(dict)
    for person_id, organisation_id in working.values_list("person_id", "organisation_id"):
        if person_id in hours:
            per_school[organisation_id][person_id] = hours[person_id]
    return per_school
