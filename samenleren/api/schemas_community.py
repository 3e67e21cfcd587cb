"""Schemas of the question board's endpoints."""

from datetime import datetime

from ninja import Field, Schema

from samenleren.community.models import MAX_TEXT, MAX_TITLE, Visibility


class QuestionIn(Schema):
    text: str = Field(description="The question. Not empty; at most 5,000 characters.")
    title: str = Field("", description=f"Optional short title (at most {MAX_TITLE} characters).")
    tags: list[str] = Field(
        default_factory=list,
        description="vmbo profile codes (PIE, BWI, ...) and themes (lesmateriaal, lob, stage, ...).",
    )
    visibility: Visibility = Visibility.REGION
    region: str | None = Field(None, description="A region's short name; default: your own.")


class QuestionOut(Schema):
    id: int
    title: str
    text: str
    status: str
    tags: list[str]
    organisation: str | None = Field(None, description="The school or organisation that asks.")
    created_at: datetime
    answer_count: int
    metoo_count: int
    url: str

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.name if obj.organisation_id else None


class QuestionFilters(Schema):
    search: str = Field("", max_length=200, description="Words (Dutch stemming, compounds).")
    status: str = Field("", description="new, in_progress, answered or converted.")
    region: str | None = Field(None, description="A region's short name; default: your own.")


class SimilarOut(Schema):
    id: int
    title: str
    text: str
    organisation: str | None
    score: float = Field(description="The matcher's score: higher is more alike.")
    url: str


class SimilarQuery(Schema):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    limit: int = Field(5, ge=1, le=50)
    region: str | None = None


class LimitQuery(Schema):
    limit: int = Field(5, ge=1, le=50)
