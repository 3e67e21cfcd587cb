"""Reads for the coordinators' side of the calendar: their region's activities, one activity's
registrations (and its CSV), and the catering overview."""

import math
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.core.text import analyse
from samenleren.network.models import Function, Region

from ..models import (
    CURRENT,
    SEAT_HOLDING,
    Activity,
    ActivityStatus,
    Attendance,
    Registration,
    RegistrationStatus,
    Session,
)
from .access import access_activity_manage
from .calendar import absent_holders

DEFAULT_NO_SHOW_RATE = Fraction(1, 10)

# The order of the tables on the registrations page and of the rows in its CSV.
STATUS_ORDER = [
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
    RegistrationStatus.REJECTED,
    RegistrationStatus.EXPIRED,
]


def manage_activity_list(
    *, region: Region, search: str = "", status: str = "", kind: str = ""
) -> QuerySet[Activity]:
    """All the region's activities, each with its first session, places held and waiting list
    counted in the same query."""
    queryset = (
        Activity.objects.filter(region=region)
        .annotate(
            first_start=Min("sessions__starts_at"),
            held=Count(
                "registrations",
                filter=Q(registrations__status__in=SEAT_HOLDING),
                distinct=True,
            ),
            waiting=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                distinct=True,
            ),
        )
        .order_by(F("first_start").desc(nulls_first=True), "-pk")
    )
    for stem in analyse(search):
        queryset = queryset.filter(search_text__contains=f" {stem} ")
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def access_registration_manage(*, user, activity_pk: int, pk: int) -> Registration:
    """A registration of an activity the user coordinates."""
    activity = access_activity_manage(user=user, pk=activity_pk)
    registration = Registration.objects.filter(pk=pk, activity=activity).first()
    if registration is None:
        raise Http404
    return registration


def current_registration_count(*, activity: Activity) -> int:
    """Everyone who would be told when the activity is cancelled."""
    return Registration.objects.filter(activity=activity, status__in=CURRENT).count()


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    registrations: list[Registration]


def registration_groups(*, activity: Activity) -> list[StatusGroup]:
    """The activity's registrations per status, in the order of STATUS_ORDER; the waiting list
    in its order. Each registration carries `answer_list` (its answers in question order) and
    `function_label`."""
    questions = list(activity.questions.all())
    registrations = list(
        Registration.objects.filter(activity=activity)
        .select_related("person", "organisation")
        .order_by("created_at", "pk")
    )
    functions = dict(Function.choices)
    by_status: dict[str, list[Registration]] = {status: [] for status in STATUS_ORDER}
    for registration in registrations:
        registration.function_label = str(
            functions.get(registration.function, registration.function)
        )
        registration.answer_list = [
            _answer_text(registration.answers.get(str(q.pk), "")) for q in questions
        ]
        by_status.setdefault(registration.status, []).append(registration)
    # The waiting list in the order places are offered (as in services/registration.py).
    by_status[RegistrationStatus.WAITLISTED].sort(
        key=lambda r: (r.waitlisted_at or r.created_at, r.pk)
    )
    labels = dict(RegistrationStatus.choices)
    return [
        StatusGroup(status=status, label=str(labels[status]), registrations=by_status[status])
        for status in STATUS_ORDER
    ]


def session_places(*, activity: Activity) -> list[Session]:
    """The activity's sessions, each with `places_held` (people holding a place who will be
    there), `absent_holders` (those of them who said they will miss it) and `full` (a session
    with its own capacity that has no place left): counted as services/capacity.py counts them,
    in one query for all sessions."""
    held = (
        Registration.objects.filter(activity_id=OuterRef("activity_id"), status__in=SEAT_HOLDING)
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    sessions = list(
        activity.sessions.select_related("venue", "lab")
        .annotate(
            absent_holders=absent_holders(),
            activity_held=Coalesce(Subquery(held, output_field=IntegerField()), 0),
        )
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        session.places_held = session.activity_held - session.absent_holders
        session.full = session.capacity is not None and session.places_held >= session.capacity
    return sessions


def _answer_text(value) -> str:
    if value == "yes":
        return _("Yes")
    if value == "no":
        return _("No")
    return str(value)


def _safe_cell(value) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: not from our data."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def registration_table(*, activity: Activity) -> tuple[list[str], list[list[str]]]:
    """The registrations as a table for CSV: a header (in the current language) and rows."""
    questions = list(activity.questions.all())
    header = [
        _("Status"),
        _("Position on the waiting list"),
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Organisation"),
        _("Function"),
        _("Diet and allergies"),
        *[q.label for q in questions],
        _("Registered on"),
        _("Offer valid until"),
    ]
    rows = []
    for group in registration_groups(activity=activity):
        for position, registration in enumerate(group.registrations, start=1):
            rows.append(
                [
                    _safe_cell(cell)
                    for cell in [
                        group.label,
                        position if group.status == RegistrationStatus.WAITLISTED else "",
                        registration.person.first_name,
                        registration.person.last_name,
                        registration.person.email,
                        registration.organisation.name if registration.organisation else "",
                        registration.function_label,
                        registration.diet,
                        *registration.answer_list,
                        _local(registration.created_at),
                        _local(registration.offered_until)
                        if group.status == RegistrationStatus.OFFERED
                        else "",
                    ]
                ]
            )
    return header, rows


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else ""


# --- catering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DietCount:
    label: str
    count: int


@dataclass(frozen=True)
class Catering:
    confirmed: int
    no_show_rate: Fraction
    from_history: bool
    history_sessions: int
    expected: int
    diets: list[DietCount]
    without_needs: int

    @property
    def no_show_percent(self) -> str:
        return f"{float(self.no_show_rate) * 100:.0f}"


def no_show_rate(*, activity: Activity, now: datetime) -> tuple[Fraction | None, int]:
    """The share of confirmed participants who did not come, over the past sessions of
    comparable activities (same kind, same region) where attendance was taken. (None, 0)
    without such history."""
    confirmed = (
        Registration.objects.filter(
            activity=OuterRef("activity_id"), status=RegistrationStatus.CONFIRMED
        )
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sessions = (
        Session.objects.filter(
            activity__region_id=activity.region_id,
            activity__kind=activity.kind,
            ends_at__lt=now,
        )
        .exclude(activity_id=activity.pk)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .filter(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .annotate(
            present=Count(
                "attendances",
                filter=Q(
                    attendances__present=True,
                    attendances__registration__status=RegistrationStatus.CONFIRMED,
                ),
            ),
            expected=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0),
        )
        .values_list("present", "expected")
    )
    rows = list(sessions)
    expected = sum(e for _p, e in rows)
    if not expected:
        return None, 0
    present = min(sum(p for p, _e in rows), expected)
    return Fraction(expected - present, expected), len(rows)


def catering_overview(*, activity: Activity, now: datetime | None = None) -> Catering:
    """How many to cater for: confirmed participants corrected by the no-show rate of
    comparable activities (10 % without history), rounded up; and the dietary needs of the
    confirmed participants, identical texts counted together whatever their capitals."""
    now = now or timezone.now()
    confirmed_diets = list(
        Registration.objects.filter(
            activity=activity, status=RegistrationStatus.CONFIRMED
        ).values_list("diet", flat=True)
    )
    confirmed = len(confirmed_diets)
    rate, history_sessions = no_show_rate(activity=activity, now=now)
    from_history = rate is not None
    rate = rate if rate is not None else DEFAULT_NO_SHOW_RATE
    expected = math.ceil(confirmed * (1 - rate))
    groups: dict[str, list] = {}
    without_needs = 0
    for diet in confirmed_diets:
        text = " ".join((diet or "").split())
        if not text:
            without_needs += 1
            continue
        key = text.casefold()
        if key in groups:
            groups[key][1] += 1
        else:
            groups[key] = [text, 1]
    diets = sorted(
        (DietCount(label=label, count=count) for label, count in groups.values()),
        key=lambda d: (-d.count, d.label.casefold()),
    )
    return Catering(
        confirmed=confirmed,
        no_show_rate=rate,
        from_history=from_history,
        history_sessions=history_sessions,
        expected=expected,
        diets=diets,
        without_needs=without_needs,
    )
