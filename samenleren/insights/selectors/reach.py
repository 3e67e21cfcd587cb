"""The reach tables (organisation, board, subregion, level, function, profile) and their total."""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from samenleren.activities.models import Attendance, Registration, RegistrationStatus
from samenleren.network.models import (
    Function,
    Organisation,
    OrganisationKind,
    ProfileCode,
    StoFunction,
)

from .period import ReportFilter
from .scope import _grouped, organisations_in_scope, registrations_in_scope
from .tables import Column, Table, protect


def reach_figures(f: ReportFilter) -> dict:
    """The aggregates of a reach row, for .aggregate() or .values(...).annotate()."""
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


def _total(f: ReportFilter) -> dict:
    """The reach of the whole scope: the same for every grouping, so one query per filter."""
    if "reach_total" not in f.memo:
        f.memo["reach_total"] = registrations_in_scope(f).aggregate(**reach_figures(f))
    return dict(f.memo["reach_total"])


def _organisations(f: ReportFilter) -> list[Organisation]:
    return list(
        organisations_in_scope(f).select_related("board", "subregion").order_by("name", "pk")
    )


def reach_by_organisation(f: ReportFilter) -> Table:
    figures = _grouped(registrations_in_scope(f), "organisation_id", reach_figures(f))
    return organisation_reach_table(
        organisations=_organisations(f), figures=figures, total=_total(f)
    )


def organisation_reach_table(
    *, organisations: list[Organisation], figures: dict, total: dict
) -> Table:
    """The reach table per organisation from figures grouped by organisation id."""
    groups = [(o.pk, o.name, o.staff_count) for o in organisations]
    if figures.get(None):
        groups.append((None, _("No organisation given"), None))
    table = _reach_table(
        key="reach_organisation",
        title=_("Reach per school and organisation"),
        label=_("Organisation"),
        groups=groups,
        figures=figures,
        total=total,
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
    figures = _grouped(registrations_in_scope(f), "organisation__board_id", reach_figures(f))
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
    figures = _grouped(registrations_in_scope(f), "organisation__subregion_id", reach_figures(f))
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
    figures = _grouped(registrations_in_scope(f), "organisation__kind", reach_figures(f))
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
    figures = _grouped(registrations_in_scope(f), "function", reach_figures(f))
    return function_reach_table(figures=figures, total=_total(f))


def function_reach_table(*, figures: dict, total: dict) -> Table:
    """The reach table per function from figures grouped by function."""
    groups = [(function.value, str(function.label), None) for function in Function]
    if figures.get(""):
        groups.append(("", _("Function not given"), None))
    return _reach_table(
        key="reach_function",
        title=_("Reach per function"),
        label=_("Function"),
        groups=groups,
        figures=figures,
        total=total,
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
    figures = _grouped(queryset, "person__affiliations__profiles__code", reach_figures(f))
    groups = [(code.value, code.value, None) for code in ProfileCode]
    table = _reach_table(
        key="reach_profile",
        title=_("Reach per vmbo profile taught"),
        label=_("Profile"),
        groups=groups,
        figures=figures,
        total=queryset.aggregate(**reach_figures(f)),
        with_staff=False,
        note=_("Someone who teaches several profiles counts in each of them."),
    )
    return table
