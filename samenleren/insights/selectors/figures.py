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

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .activity import (
    activity_kinds,
    evaluation_scores,
    hours_delivered,
    no_show,
    rating_distribution,
)
from .capabilities import (
    demand_and_supply,
    equipment_at_risk,
    intakes_by_status,
    open_questions_by_age,
)
from .period import ReportFilter
from .reach import (
    reach_by_board,
    reach_by_function,
    reach_by_level,
    reach_by_organisation,
    reach_by_profile,
    reach_by_subregion,
)
from .tables import Column, Table


def key_figures(f: ReportFilter, tables: dict[str, Table]) -> Table:
    """The headline figures, taken from the other tables (no queries of its own)."""
    reach = tables["reach_organisation"]
    hours = tables["hours"]
    rows = [
        ("people", _("People reached"), reach, "people"),
        ("new", _("New this period"), reach, "new"),
        ("registrations", _("Registrations"), reach, "registrations"),
        ("hours", _("Participant hours"), hours, "hours"),
        ("activities", _("Activities"), tables["activity_kinds"], "activities"),
    ]
    evaluations = tables["evaluations"]
    rows.append(("average", _("Average evaluation score"), evaluations, "average"))
    table = Table(
        key="key_figures",
        title=_("Key figures"),
        columns=[Column("name", _("Figure"), "text"), Column("value", _("Number"), "count")],
        rows=[
            {
                "name": label,
                "value": source.total[column],
                "key": key,
                "_kind": KEY_KINDS.get(key, "count"),
            }
            for key, label, source, column in rows
        ],
    )
    # A total hidden in its own table stays hidden here, and reads the same ("< 5" or not).
    for index, (_key, _label, source, column) in enumerate(rows):
        if source.is_hidden(-1, column):
            table.hide(index, "value", small=source.is_small(-1, column))
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
