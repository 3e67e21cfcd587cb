"""Mijn ontwikkeling: one person's own development, and the export of all their data.

Hours of the school year = study hours of the sessions attended (activities), hours on valid
certificates of activities that no longer exist, and the study hours of e-learning modules
completed (learning), against the professionalisation budget of the person's collective
agreement.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from samenleren.activities.models import Attendance, Certificate, Evaluation, Registration
from samenleren.activities.selectors.attendance import attended_hours_of, certificates_of
from samenleren.activities.selectors.calendar import upcoming_registrations
from samenleren.community.selectors import networks_of, questions_of
from samenleren.demand.selectors import pledges_of
from samenleren.learning.selectors import (
    badges_of,
    completions_of,
    learning_hours_of,
    modules_in_progress,
)
from samenleren.network.models import Affiliation, Function, OrganisationKind

from .period import _start_of, school_year_bounds, school_year_of

ZERO = Decimal("0")

# Hours a year in the collective agreements (cao), per level and staff group. PO: about two
# hours a week over some forty school weeks. Override with settings.PROFESSIONALISATION_BUDGETS.
DEFAULT_BUDGETS = {
    "po": {"teacher": 80, "support": 40},
    "vo": {"teacher": 83, "support": 40},
    "mbo": {"teacher": 59, "support": 40},
}
SUPPORT_FUNCTIONS = {Function.TOA, Function.INSTRUCTOR, Function.SUPPORT_STAFF}


def budgets() -> dict:
    return getattr(settings, "PROFESSIONALISATION_BUDGETS", DEFAULT_BUDGETS)


@dataclass(frozen=True)
class Budget:
    hours: Decimal
    level: str
    group: str  # "teacher" or "support"
    organisation: str


def budget_of(*, person) -> Budget | None:
    """The budget for the person's main current affiliation at a school; None elsewhere."""
    affiliation = (
        Affiliation.objects.filter(
            person=person,
            ended_on__isnull=True,
            organisation__kind__in=[OrganisationKind.PO, OrganisationKind.VO, OrganisationKind.MBO],
        )
        .select_related("organisation")
        .order_by("-is_primary", "pk")
        .first()
    )
    if affiliation is None:
        return None
    group = "support" if affiliation.function in SUPPORT_FUNCTIONS else "teacher"
    level = affiliation.organisation.kind
    hours = budgets().get(level, {}).get(group)
    if hours is None:
        return None
    return Budget(
        hours=Decimal(hours), level=level, group=group, organisation=affiliation.organisation.name
    )


@dataclass
class Hours:
    activities: Decimal
    elearning: Decimal
    budget: Budget | None
    start: date
    end: date

    @property
    def total(self) -> Decimal:
        return self.activities + self.elearning

    @property
    def percent(self) -> int | None:
        if not self.budget or not self.budget.hours:
            return None
        return round(100 * self.total / self.budget.hours)

    @property
    def bar_value(self) -> Decimal:
        return min(self.total, self.budget.hours) if self.budget else self.total

    @property
    def left(self) -> Decimal | None:
        return max(self.budget.hours - self.total, ZERO) if self.budget else None


def hours_of(*, person, day: date | None = None) -> Hours:
    start, end = school_year_bounds(school_year_of(day or timezone.localdate()))
    attended = attended_hours_of(
        person=person, since=_start_of(start), until=_start_of(end + timedelta(days=1))
    )
    # Certificates outlive their activity: count those whose registration (and attendance) is gone.
    orphaned = (
        certificates_of(person=person)
        .filter(registration__isnull=True, last_day__gte=start, last_day__lte=end)
        .aggregate(hours=Sum("hours"))["hours"]
        or ZERO
    )
    elearning = learning_hours_of(person=person, start=start, end=end)
    return Hours(
        activities=attended + orphaned,
        elearning=elearning,
        budget=budget_of(person=person),
        start=start,
        end=end,
    )


@dataclass
class Development:
    hours: Hours
    upcoming: list
    certificates: list
    modules: list = field(default_factory=list)
    badges: list = field(default_factory=list)
    completions: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def development_of(*, person) -> Development:
    return Development(
        hours=hours_of(person=person),
        upcoming=list(upcoming_registrations(person=person, limit=10)),
        certificates=list(certificates_of(person=person)[:50]),
        modules=list(modules_in_progress(person=person)),
        badges=list(badges_of(person=person)),
        completions=list(completions_of(person=person)[:50]),
        questions=list(questions_of(person=person)[:20]),
        networks=list(networks_of(person=person)),
    )


# --- the personal-data export ---------------------------------------------------------------


def _iso(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        # The same text whatever the database: PostgreSQL keeps the column's scale ("6.00"),
        # SQLite does not ("6").
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _plain(obj, fields: tuple[str, ...]) -> dict:
    return {name: _iso(getattr(obj, name, None)) for name in fields}


def personal_data(*, person) -> dict:
    """Everything about the person that the apps keep, as far as insights can read it through
    selectors: for the JSON download (journey 6) and the API."""
    registrations = (
        Registration.objects.filter(person=person)
        .select_related("activity", "organisation")
        .order_by("created_at", "pk")
    )
    attendance = (
        Attendance.objects.filter(registration__person=person)
        .select_related("session", "session__activity")
        .order_by("session__starts_at", "pk")
    )
    evaluations = Evaluation.objects.filter(registration__person=person).select_related(
        "registration__activity"
    )
    affiliations = (
        Affiliation.objects.filter(person=person)
        .select_related("organisation")
        .prefetch_related("profiles")
        .order_by("pk")
    )
    hours = hours_of(person=person)
    data = {
        "generated_at": timezone.now().isoformat(),
        "profile": {
            **_plain(person, ("email", "first_name", "last_name", "preferred_language")),
            "findable": person.findable,
            "show_name_to_school": person.show_name_to_school,
            "organisation_note": person.organisation_note,
            "date_joined": _iso(person.date_joined),
        },
        "affiliations": [
            {
                "organisation": a.organisation.name,
                "function": a.function,
                "profiles": [p.code for p in a.profiles.all()],
                "subjects": a.subjects,
                "is_primary": a.is_primary,
                "ended_on": _iso(a.ended_on),
            }
            for a in affiliations
        ],
        "registrations": [
            {
                "activity": r.activity.title,
                "status": r.status,
                "organisation": r.organisation.name if r.organisation else None,
                "function": r.function,
                "diet": r.diet,
                "answers": r.answers,
                "created_at": _iso(r.created_at),
                "cancelled_at": _iso(r.cancelled_at),
            }
            for r in registrations
        ],
        "attendance": [
            {
                "activity": a.session.activity.title,
                "session_starts_at": _iso(a.session.starts_at),
                "present": a.present,
                "study_hours": _iso(a.session.study_hours),
            }
            for a in attendance
        ],
        "evaluations": [
            {
                "activity": e.registration.activity.title,
                "rating": e.rating,
                "useful": e.useful,
                "improve": e.improve,
                "follow_up_question": e.follow_up_question,
                "created_at": _iso(e.created_at),
            }
            for e in evaluations
        ],
        "certificates": [
            {
                **_plain(
                    c,
                    (
                        "activity_title",
                        "provider",
                        "region_name",
                        "first_day",
                        "last_day",
                        "hours",
                        "sessions_attended",
                        "sessions_total",
                        "issued_at",
                    ),
                ),
                "code": str(c.code),
            }
            for c in Certificate.objects.filter(person=person).order_by("first_day", "pk")
        ],
        "hours_this_school_year": {
            "from": _iso(hours.start),
            "to": _iso(hours.end),
            "activities": _iso(hours.activities),
            "elearning": _iso(hours.elearning),
            "total": _iso(hours.total),
            "budget": _iso(hours.budget.hours) if hours.budget else None,
        },
    }
    data["learning"] = {
        "completions": [
            _plain(item, ("title", "completed_at", "study_hours"))
            for item in completions_of(person=person)
        ],
        "modules_in_progress": [
            {**_plain(item, ("percent",)), "module": item.module.title}
            for item in modules_in_progress(person=person)
        ],
        "badges": [
            _plain(item, ("title", "issued_on", "revoked")) for item in badges_of(person=person)
        ],
    }
    data["community"] = {
        "questions": [
            {**_plain(item, ("title", "status", "created_at")), "text": str(item)}
            for item in questions_of(person=person)
        ],
        "networks": [
            {**_plain(item, ("name",)), "text": str(item)} for item in networks_of(person=person)
        ],
    }
    data["demand"] = {
        "pledges": [
            {"text": str(item), "created_at": _iso(getattr(item, "created_at", None))}
            for item in pledges_of(person=person)
        ]
    }
    return data
