"""Reads about the day itself and after: attendance, evaluations and certificates.

Also the access_* checks for what belongs to one person (a certificate) or to whoever holds a
session's check-in code.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.db.models import Avg, Count, Max, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from samenleren.network.models import Region
from samenleren.network.selectors import roles_of

from ..models import (
    Activity,
    Certificate,
    Evaluation,
    Registration,
    RegistrationStatus,
    Session,
)

# ---------------------------------------------------------------- access


def access_checkin_session(*, code: UUID) -> Session:
    """The session behind a check-in QR code. The code itself is the key: whoever scans it may
    see which session it is; whether they may check in is decided by `checkin_problem`."""
    session = (
        Session.objects.select_related("activity", "activity__region")
        .filter(checkin_code=code)
        .first()
    )
    if session is None:
        raise Http404
    return session


def access_certificate(*, user, code: UUID) -> Certificate:
    """A valid certificate for its owner and for the coordinators of its activity's region.

    Anyone else gets a 404, so the existence of someone else's certificate is not revealed.
    The region is kept on the certificate, so this holds after the activity is deleted. A revoked certificate is not handed out as a PDF any more.
    """
    certificate = (
        Certificate.objects.select_related("person", "registration__activity")
        .filter(code=code, revoked_at__isnull=True)
        .first()
    )
    if certificate is None or not user.is_authenticated:
        raise Http404
    if certificate.person_id == user.pk:
        return certificate
    if certificate.region_id in roles_of(user).coordinator_regions:
        return certificate
    raise Http404


def certificate_by_code(*, code: UUID) -> Certificate | None:
    """For the public verification page: only the snapshot is shown, never personal data."""
    return Certificate.objects.filter(code=code).first()


# ---------------------------------------------------------------- attendance


@dataclass(frozen=True)
class AttendanceRow:
    registration: Registration
    absent_in_advance: bool
    present: bool | None  # None: not marked yet


def confirmed_registrations(*, activity: Activity, search: str = "") -> QuerySet[Registration]:
    """The people who hold a confirmed place, by name, optionally searched by name or
    organisation."""
    queryset = (
        Registration.objects.filter(activity=activity, status=RegistrationStatus.CONFIRMED)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for word in search.split():
        queryset = queryset.filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return queryset


def attendance_rows(*, session: Session, registrations: list[Registration]) -> list[AttendanceRow]:
    """The attendance list of a session for the given registrations (one page of them), with
    who sent apologies for this session and what has been marked so far. Two queries."""
    ids = [registration.pk for registration in registrations]
    absent = set(
        session.absences.filter(registration_id__in=ids).values_list("registration_id", flat=True)
    )
    marked = dict(
        session.attendances.filter(registration_id__in=ids).values_list(
            "registration_id", "present"
        )
    )
    return [
        AttendanceRow(
            registration=registration,
            absent_in_advance=registration.pk in absent,
            present=marked.get(registration.pk),
        )
        for registration in registrations
    ]


def attendance_counts(*, session: Session) -> dict[str, int]:
    """Present, absent and not yet marked among the confirmed registrations of the session."""
    counts = Registration.objects.filter(
        activity_id=session.activity_id, status=RegistrationStatus.CONFIRMED
    ).aggregate(
        total=Count("pk", distinct=True),
        present=Count(
            "attendances",
            filter=Q(attendances__session=session, attendances__present=True),
            distinct=True,
        ),
        absent=Count(
            "attendances",
            filter=Q(attendances__session=session, attendances__present=False),
            distinct=True,
        ),
    )
    counts["unmarked"] = counts["total"] - counts["present"] - counts["absent"]
    return counts


def checkin_registration(*, session: Session, person) -> Registration | None:
    """The person's confirmed registration for the session's activity, if any."""
    if not person.is_authenticated:
        return None
    return Registration.objects.filter(
        activity_id=session.activity_id, person=person, status=RegistrationStatus.CONFIRMED
    ).first()


def checked_in(*, session: Session, registration: Registration | None) -> bool:
    if registration is None:
        return False
    return session.attendances.filter(registration=registration, present=True).exists()


# ---------------------------------------------------------------- certificates


def certificate_threshold(*, sessions_total: int, percent: int) -> int:
    """The number of sessions to attend for a certificate: attended / total * 100 >= percent,
    counted in whole numbers (80 % of 5 sessions is 4, of 3 sessions it is 3)."""
    return -(-percent * sessions_total // 100)


def with_attendance(queryset: QuerySet[Registration]) -> QuerySet[Registration]:
    """Registrations annotated with `attended` (sessions present) and `hours` (their study
    hours)."""
    present = Q(attendances__present=True)
    return queryset.annotate(
        attended=Count("attendances", filter=present),
        hours=Sum("attendances__session__study_hours", filter=present),
    )


@dataclass(frozen=True)
class CertificateRow:
    registration: Registration
    attended: int
    total: int
    qualifies: bool
    certificate: Certificate | None

    @property
    def percent(self) -> int:
        return round(self.attended * 100 / self.total) if self.total else 0


def certificate_candidates(
    *, activity: Activity, search: str = "", qualifies: bool | None = None
) -> tuple[QuerySet[Registration], int, int]:
    """Confirmed registrations with their attendance, the number of sessions and the number of
    sessions needed for a certificate. `qualifies` filters on meeting the rule."""
    total = activity.sessions.count()
    needed = certificate_threshold(sessions_total=total, percent=activity.certificate_min_percent)
    queryset = with_attendance(
        confirmed_registrations(activity=activity, search=search).select_related("certificate")
    )
    if qualifies is True:
        queryset = queryset.filter(attended__gte=needed) if total else queryset.none()
    elif qualifies is False and total:
        queryset = queryset.filter(attended__lt=needed)
    return queryset, total, needed


def certificate_rows(
    *, registrations: list[Registration], total: int, needed: int
) -> list[CertificateRow]:
    rows = []
    for registration in registrations:
        certificate = getattr(registration, "certificate", None)
        rows.append(
            CertificateRow(
                registration=registration,
                attended=registration.attended,
                total=total,
                qualifies=bool(total) and registration.attended >= needed,
                certificate=certificate,
            )
        )
    return rows


@dataclass(frozen=True)
class ActivityDays:
    first_day: date | None
    last_day: date | None


def activity_days(*, activity: Activity) -> ActivityDays:
    """The first and last day of the activity, in local (Dutch) dates."""
    bounds = activity.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    return ActivityDays(
        first_day=timezone.localdate(bounds["first"]) if bounds["first"] else None,
        last_day=timezone.localdate(bounds["last"]) if bounds["last"] else None,
    )


def certificates_of(*, person, search: str = "") -> QuerySet[Certificate]:
    """A person's valid certificates, newest first: for 'my certificates' and the portfolio."""
    queryset = Certificate.objects.filter(person=person, revoked_at__isnull=True)
    for word in search.split():
        queryset = queryset.filter(activity_title__icontains=word)
    return queryset.order_by("-last_day", "-issued_at", "-pk")


def certificate_hours_of(
    *, person, since: date | None = None, until: date | None = None
) -> Decimal:
    """Hours on the person's valid certificates, by the activity's last day. These survive the
    activity being deleted."""
    queryset = certificates_of(person=person)
    if since:
        queryset = queryset.filter(last_day__gte=since)
    if until:
        queryset = queryset.filter(last_day__lte=until)
    return queryset.aggregate(hours=Sum("hours"))["hours"] or Decimal("0")


def attended_hours_of(
    *, person, since: datetime | None = None, until: datetime | None = None
) -> Decimal:
    """Study hours of every session the person attended (also without a certificate)."""
    queryset = Session.objects.filter(
        attendances__registration__person=person, attendances__present=True
    )
    if since:
        queryset = queryset.filter(starts_at__gte=since)
    if until:
        queryset = queryset.filter(starts_at__lt=until)
    return queryset.aggregate(hours=Sum("study_hours"))["hours"] or Decimal("0")


# ---------------------------------------------------------------- evaluations


def follow_up_questions(*, region: Region | int, since: datetime | None = None) -> QuerySet:
    """Evaluations of the region's activities that ask a follow-up question, newest first, with
    `activity_title`, `first_day` (first session's start) and `organisation_name`: what the
    question board picks up. No names: the question belongs to the organisation's agenda."""
    queryset = (
        Evaluation.objects.filter(registration__activity__region=region)
        .exclude(follow_up_question="")
        .select_related("registration__activity", "registration__organisation")
        .annotate(first_day=Min("registration__activity__sessions__starts_at"))
        .order_by("-created_at", "-pk")
    )
    if since:
        queryset = queryset.filter(created_at__gte=since)
    return queryset


@dataclass(frozen=True)
class RatingShare:
    rating: int
    count: int
    percent: int


@dataclass(frozen=True)
class EvaluationSummary:
    count: int
    attendees: int
    average: float | None
    distribution: list[RatingShare]


RATINGS = (5, 4, 3, 2, 1)


def evaluation_summary(*, activity: Activity) -> EvaluationSummary:
    """Average, number and distribution of the ratings, and how many attended (two queries)."""
    figures = Evaluation.objects.filter(registration__activity=activity).aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        **{f"r{rating}": Count("pk", filter=Q(rating=rating)) for rating in RATINGS},
    )
    attendees = (
        Registration.objects.filter(activity=activity, attendances__present=True).distinct().count()
    )
    count = figures["count"]
    return EvaluationSummary(
        count=count,
        attendees=attendees,
        average=round(figures["average"], 1) if figures["average"] is not None else None,
        distribution=[
            RatingShare(
                rating=rating,
                count=figures[f"r{rating}"],
                percent=round(figures[f"r{rating}"] * 100 / count) if count else 0,
            )
            for rating in RATINGS
        ],
    )


def evaluation_comments(
    *, activity: Activity, search: str = "", with_question: bool = False
) -> QuerySet[Evaluation]:
    """The written answers of an activity's evaluations, newest first, with the organisation
    (never the name) of who wrote them."""
    queryset = (
        Evaluation.objects.filter(registration__activity=activity)
        .select_related("registration__organisation")
        .order_by("-created_at", "-pk")
    )
    if with_question:
        queryset = queryset.exclude(follow_up_question="")
    else:
        queryset = queryset.exclude(useful="", improve="", follow_up_question="")
    for word in search.split():
        queryset = queryset.filter(
            Q(useful__icontains=word)
            | Q(improve__icontains=word)
            | Q(follow_up_question__icontains=word)
        )
    return queryset
