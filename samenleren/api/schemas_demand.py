from datetime import date, datetime

from ninja import Field, Schema


class CampaignOut(Schema):
    id: int
    title: str
    region: str
    audience: str
    opens_on: date
    closes_on: date
    is_open: bool
    courses: int
    url: str


class CourseProgressOut(Schema):
    campaign_course_id: int
    course_id: int
    title: str
    provider: str
    pledges: int
    named_pledges: int
    unnamed_pledges: int
    minimum: int
    second_group_at: int | None
    needed: int
    tipped: bool
    tipped_at: datetime | None
    proposed_venue: str | None
    travel_hours_saved: float
    travel_cost_saved: float


class ProgressOut(Schema):
    campaign_id: int
    pledges: int
    courses_tipped: int
    travel_hours_saved: float
    courses: list[CourseProgressOut]


class PledgeIn(Schema):
    campaign_course_id: int = Field(
        ..., description="The id of the course in this campaign (see the progress endpoint)."
    )
    organisation_id: int | None = None
    months: list[int] = Field(default_factory=list, description="1 = January … 12 = December")
    weekdays: list[int] = Field(default_factory=list, description="0 = Monday … 6 = Sunday")
    max_travel_minutes: int | None = None
    note: str = Field("", max_length=500)


class PledgeCreatedOut(Schema):
    id: int
    campaign_course_id: int
    tipped: bool


class AlreadyPledgedOut(Schema):
    detail: str
    id: int
