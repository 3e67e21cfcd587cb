from datetime import date
from typing import Literal

from ninja import Field, Schema


class ReachFilters(Schema):
    date_from: date | None = Field(
        None, alias="from", description="First day (default: 1 August of this school year)"
    )
    date_to: date | None = Field(None, alias="to", description="Last day (default: 31 July)")
    group_by: Literal["organisation", "subregion", "function", "profile"] = "organisation"
    region: str | None = Field(None, description="Region slug (default: your first region)")


class ReachRowOut(Schema):
    label: str
    figures: dict[str, float | int | None] = Field(
        description="Hidden figures (1 to 4 people, or derivable from them) are null; their "
        "names are in `hidden`."
    )
    hidden: list[str]


class ReachOut(Schema):
    region: str
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    group_by: str
    columns: list[str]
    rows: list[ReachRowOut]
    total: ReachRowOut


class HoursOut(Schema):
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    activities: float
    elearning: float
    total: float
    budget: float | None


class PortfolioOut(Schema):
    hours: HoursOut
    upcoming: list[dict]
    certificates: list[dict]
    modules_in_progress: list[dict]
    badges: list[dict]
