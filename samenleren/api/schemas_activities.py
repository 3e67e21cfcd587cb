"""Schemas of the calendar's endpoints: activities, their sessions and registrations."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import field_validator

from samenleren.activities.models import ActivityKind, RegistrationStatus
from samenleren.network.models import ProfileCode

# --- reading ----------------------------------------------------------------------------------


class ActivityFilters(Schema):
    search: str = Field(
        "", max_length=200, description="Words from the title or description (Dutch stemming)."
    )
    kind: ActivityKind | None = None
    region: str | None = Field(None, description="A region's short name (slug).")
    profile: ProfileCode | None = Field(None, description="A vmbo profile code, e.g. PIE.")
    date_from: date | None = Field(
        None, alias="from", description="Only activities with a session on or after this day."
    )
    date_to: date | None = Field(
        None, alias="to", description="Only activities with a session on or before this day."
    )
    online: bool | None = Field(
        None, description="true: online only; false: only activities with a place to go to."
    )
    with_places: bool = Field(False, description="Only activities that still have places.")


def session_place(session) -> str:
    """Where a session is: the organisation, the lab and the address; empty when online."""
    parts = [
        session.venue.name if session.venue_id else "",
        session.lab.name if session.lab_id else "",
        session.address,
    ]
    return ", ".join(part for part in parts if part)


class SessionFields(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    place: str = Field(description="Organisation, lab and address; empty when online only.")
    online: bool
    study_hours: float


class SessionOut(SessionFields):
    @staticmethod
    def resolve_place(obj) -> str:
        return session_place(obj)

    @staticmethod
    def resolve_online(obj) -> bool:
        return obj.is_online


class SessionDetailOut(SessionFields):
    online_url: str | None = Field(
        description="Only for people holding a place, the coordinators and trainers."
    )
    capacity: int | None = Field(
        None, description="The session's own places (fewer than the activity's); null: none."
    )
    places_left: int | None = Field(
        None, description="Places left in this session when it has its own capacity."
    )


class ActivityFields(Schema):
    id: int
    title: str
    kind: ActivityKind
    status: str = Field(description="published or cancelled (draft only for coordinators).")
    region: str = Field(description="The region's short name (slug).")
    capacity: int
    places_left: int
    waitlist_length: int
    study_hours: float = Field(description="Study hours of all sessions together.")
    profiles: list[str] = Field(description="Target vmbo profiles: a hint, never a barrier.")


class ActivityOut(ActivityFields):
    """One activity in a list. Counts come annotated from the calendar selector."""

    sessions: list[SessionOut]

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_sessions(obj) -> list:
        return obj.session_list

    @staticmethod
    def resolve_waitlist_length(obj) -> int:
        return obj.waiting_count

    @staticmethod
    def resolve_study_hours(obj) -> float:
        return float(obj.study_hours_total)

    @staticmethod
    def resolve_profiles(obj) -> list[str]:
        return [profile.code for profile in obj.target_profiles.all()]


class OwnRegistrationOut(Schema):
    id: int
    status: str
    waitlist_position: int | None


class QuestionOut(Schema):
    id: int
    label: str
    kind: str
    choices: list[str]
    required: bool


class ActivityDetailOut(ActivityFields):
    summary: str
    description: str
    provider: str
    min_participants: int | None
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    cancellation_deadline: datetime | None
    requires_approval: bool
    catering: bool
    cancelled_reason: str
    sessions: list[SessionDetailOut]
    questions: list[QuestionOut]
    my_registration: OwnRegistrationOut | None = Field(
        description="The caller's current registration, if any."
    )


# --- writing an activity ----------------------------------------------------------------------


def _aware(value: datetime) -> datetime:
    """A time without a zone is read as Dutch local time."""
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class SessionIn(Schema):
    starts_at: datetime
    ends_at: datetime
    address: str = Field("", max_length=250)
    online_url: str = Field("", max_length=200)
    study_hours: Decimal = Field(Decimal("0"), ge=0, le=999, decimal_places=2)
    capacity: int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="Only when the session has fewer places than the activity (a smaller room).",
    )

    _aware_times = field_validator("starts_at", "ends_at")(_aware)


class ActivityIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    kind: ActivityKind
    capacity: int = Field(ge=1, le=100_000)
    region: str = Field(min_length=1, max_length=50, description="The region's short name.")
    summary: str = Field("", max_length=300)
    description: str = Field("", max_length=20_000)
    min_participants: int | None = Field(None, ge=1)
    claim_hours: int | None = Field(
        None, ge=0, le=720, description="Hours to take a freed place (default 48)."
    )
    profiles: list[ProfileCode] = Field(default_factory=list)
    sessions: list[SessionIn] = Field(min_length=1, max_length=100)
    publish: bool = Field(False, description="Publish at once; otherwise a draft.")


class ActivityCreatedOut(Schema):
    id: int
    status: str


# --- registrations ----------------------------------------------------------------------------


class RegistrationIn(Schema):
    organisation_id: int | None = Field(
        None,
        description="One of your current organisations (default: your main organisation).",
    )
    diet: str = Field("", max_length=200, description="Diet and allergies.")
    answers: dict[str, str | bool] = Field(
        default_factory=dict,
        description="Answers to the activity's questions: {question_id: value}.",
    )


class RegistrationCreatedOut(Schema):
    id: int
    status: Literal["confirmed", "waitlisted", "pending"]
    waitlist_position: int | None
    full_because: Literal["activity", "session", "quota"] | None = Field(
        None,
        description=(
            "Only when waitlisted: why there was no place. `activity`: every place is taken; "
            "`session`: a session with its own, smaller capacity is full (see "
            "`full_sessions`); `quota`: the places left are kept for schools with a quota "
            "until the activity's quota release."
        ),
    )
    full_sessions: list[int] = Field(
        default_factory=list,
        description="Only when waitlisted: the ids of the sessions that are full.",
    )


class AlreadyRegisteredOut(Schema):
    detail: str
    id: int = Field(description="Your existing registration.")


class RegistrationListFilters(Schema):
    status: RegistrationStatus | None = None


class ParticipantOut(Schema):
    id: int
    person_id: int
    name: str
    email: str
    organisation: str | None
    function: str
    status: RegistrationStatus
    waitlist_position: int | None
    diet: str
    answers: dict[str, str]
    registered_at: datetime

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.get_full_name() or obj.person.email

    @staticmethod
    def resolve_email(obj) -> str:
        return obj.person.email

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.name if obj.organisation_id else None

    @staticmethod
    def resolve_waitlist_position(obj) -> int | None:
        return obj.position

    @staticmethod
    def resolve_registered_at(obj) -> datetime:
        return obj.created_at


# --- errors -----------------------------------------------------------------------------------


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]
