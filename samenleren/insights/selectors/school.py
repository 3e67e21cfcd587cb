"""The school contact's view: who of the own school took part in what.

Counts always (with the privacy rule); names only of people who agreed that their school
contact may see them (`show_name_to_school`), and only for registrations made with this school.
"""

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from samenleren.activities.models import ActivityKind, Attendance, Registration
from samenleren.schools.selectors import intakes_of

from .period import ReportFilter
from .scope import registrations_in_scope
from .tables import Column, Table, protect


def school_activities(f: ReportFilter) -> Table:
    """Per activity the school's people took part in: people registered and attended."""
    present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
    rows = list(
        registrations_in_scope(f)
        .order_by()
        .values("activity_id", "activity__title", "activity__kind")
        .annotate(
            first_start=Min("activity__sessions__starts_at"),
            people=Count("person", distinct=True),
            attended=Count("person", distinct=True, filter=Q(Exists(present))),
        )
        .order_by("first_start", "activity_id")
    )
    kinds = dict(ActivityKind.choices)
    table = Table(
        key="school_activities",
        title=_("Activities your colleagues took part in"),
        columns=[
            Column("name", _("Activity"), "text"),
            Column("kind", _("Kind"), "text"),
            Column("date", _("Starts"), "text"),
            Column("people", _("Registered"), "people"),
            Column("attended", _("Attended"), "people"),
        ],
        rows=[
            {
                "name": row["activity__title"],
                "kind": str(kinds.get(row["activity__kind"], "")),
                "date": row["first_start"].date().strftime("%d-%m-%Y")
                if row["first_start"]
                else "",
                "people": row["people"],
                "attended": row["attended"],
            }
            for row in rows
        ],
    )
    return protect(table)


def named_participants(f: ReportFilter, *, search: str = "") -> QuerySet[Registration]:
    """The school's registrations of people who agreed to be named, with `first_start` and the
    `hours` they attended. Others are never listed."""
    queryset = (
        registrations_in_scope(f)
        .filter(person__show_name_to_school=True)
        .select_related("person", "activity")
        .annotate(
            first_start=Min("activity__sessions__starts_at"),
            hours=Sum("attendances__session__study_hours", filter=Q(attendances__present=True)),
        )
        .order_by("person__last_name", "person__first_name", "first_start", "pk")
    )
    for word in search.split():
        queryset = queryset.filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(activity__title__icontains=word)
        )
    return queryset


def school_intakes(f: ReportFilter) -> list | None:
    """The school's intakes (schools), newest first."""
    if f.organisation is None:
        return None
    return list(intakes_of(organisation=f.organisation)[:50])
