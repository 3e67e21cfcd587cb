"""Mijn ontwikkeling: one person's own development, and the export of all their data.

Hours of the school year = study hours of the sessions attended (activities), hours on valid
certificates of activities that no longer exist, and e-learning hours (learning, when offered),
against the professionalisation budget of the person's collective agreement.
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
from samenleren.network.models import Affiliation, Function, OrganisationKind

from . import contracts
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
    elearning: Decimal | None  # None: e-learning is not there
    budget: Budget | None
    start: date
    end: date

    @property
    def total(self) -> Decimal:
        return self.activities + (self.elearning or ZERO)

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
    learning_hours_of = contracts.contract("learning", "learning_hours_of")
    elearning = (
        learning_hours_of(person=person, start=start, end=end)
        if learning_hours_of is not None
        else None
    )
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
    modules: list | None = None
    badges: list | None = None
    completions: list | None = None
    questions: list | None = None
    networks: list | None = None
    extra: dict = field(default_factory=dict)


def _optional(app: str, name: str, *, person, limit: int | None = None) -> list | None:
    selector = contracts.contract(app, name)
    if selector is None:
        return None
    result = selector(person=person)
    return list(result[:limit] if limit else result)


def development_of(*, person) -> Development:
    return Development(
        hours=hours_of(person=person),
        upcoming=list(upcoming_registrations(person=person, limit=10)),
        certificates=list(certificates_of(person=person)[:50]),
        modules=_optional("learning", "modules_in_progress", person=person),
        badges=_optional("learning", "badges_of", person=person),
        completions=_optional("learning", "completions_of", person=person, limit=50),
        questions=_optional("community", "questions_of", person=person, limit=20),
        networks=_optional("community", "networks_of", person=person),
    )


# --- the personal-data export ---------------------------------------------------------------


def _iso(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
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
    learning = {}
    for name, fields in (
        ("completions_of", ("title", "completed_at", "study_hours")),
        ("modules_in_progress", ("percent",)),
        ("badges_of", ("title", "issued_on", "revoked")),
    ):
        selector = contracts.contract("learning", name)
        if selector is not None:
            items = []
            for item in selector(person=person):
                entry = _plain(item, fields)
                if name == "modules_in_progress":
                    entry["module"] = item.module.title
                items.append(entry)
            learning[name.removesuffix("_of")] = items
    if learning:
        data["learning"] = learning
    community = {}
    for name, fields in (
        ("questions_of", ("title", "status", "created_at")),
        ("networks_of", ("name",)),
    ):
        selector = contracts.contract("community", name)
        if selector is not None:
            community[name.removesuffix("_of")] = [
                {**_plain(item, fields), "text": str(item)} for item in selector(person=person)
            ]
    if community:
        data["community"] = community
    pledges_of = contracts.contract("demand", "pledges_of")
    if pledges_of is not None:
        data["demand"] = {
            "pledges": [
                {"text": str(item), "created_at": _iso(getattr(item, "created_at", None))}
                for item in pledges_of(person=person)
            ]
        }
    return data
