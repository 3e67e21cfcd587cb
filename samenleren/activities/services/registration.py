"""Registration, cancellation, the waiting list and school quotas: the scarce places.

Every change to who holds a place happens here, inside `transaction.atomic(durable=True)`,
after locking the activity's row (SELECT ... FOR UPDATE), and counts places from the rows:
the activity's places and those of each session with its own capacity (a place is held in every
session the person did not mark as missed). See docs/locking.md. Mail is sent after commit.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.network.models import Affiliation, Organisation
from samenleren.network.selectors import roles_of

from ..models import (
    CURRENT,
    Activity,
    ActivityStatus,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Session,
    SessionAbsence,
)
from .capacity import places_available, places_free, registration_counts

# Switched off only by the concurrency tests' negative control, to prove the race is real.
LOCK_ROWS = True


def race_window() -> None:
    """Called between counting places and writing. Tests widen the window here."""


class RegistrationError(ValidationError):
    """A registration that cannot be made or changed; the message says why and what to do."""


class AlreadyRegistered(RegistrationError):
    def __init__(self, registration: Registration):
        super().__init__(_("You are already registered for this activity."), code="already")
        self.registration = registration


@dataclass(frozen=True)
class Mail:
    registration_id: int
    kind: str


def _send_after_commit(mails: list[Mail]) -> None:
    from ..tasks import send_registration_mail

    for mail in mails:
        transaction.on_commit(
            lambda m=mail: send_registration_mail.enqueue(
                registration_id=m.registration_id, kind=m.kind
            )
        )


def _activity_with_sessions_facts():
    first = Session.objects.filter(activity=OuterRef("pk")).order_by("starts_at")
    return Activity.objects.annotate(
        first_session_start=Subquery(first.values("starts_at")[:1]),
        has_session_capacity=Exists(
            Session.objects.filter(activity=OuterRef("pk"), capacity__isnull=False)
        ),
    )


# Built once: resolving the annotations costs about a third of a millisecond of CPU per call,
# and every registration of a rush needs this statement. Never evaluated itself; each call
# below takes a fresh copy (`filter` clones), so nothing is shared between requests.
_ACTIVITY_WITH_SESSION_FACTS = _activity_with_sessions_facts()


def _locked_activity(activity_id: int) -> Activity:
    """The activity, row-locked, with its first session's start and whether any session has
    its own capacity read in the same statement (fewer round trips while the lock is held)."""
    queryset = _ACTIVITY_WITH_SESSION_FACTS.all()
    if LOCK_ROWS:
        queryset = queryset.select_for_update()
    # The pk is unique: no `.first()`, whose ORDER BY and LIMIT only cost CPU to build.
    activity = next(iter(queryset.filter(pk=activity_id)), None)
    if activity is None:
        raise RegistrationError(_("This activity does not exist."), code="unknown")
    return activity


def first_start(activity: Activity) -> datetime | None:
    if hasattr(activity, "first_session_start"):  # read along with the lock
        return activity.first_session_start
    session = Session.objects.filter(activity=activity).order_by("starts_at").first()
    return session.starts_at if session else None


def registration_open_problem(activity: Activity, now: datetime) -> str | None:
    """Why registration is closed now, in words for the person, or None when it is open."""
    if activity.status == ActivityStatus.CANCELLED:
        return _("This activity has been cancelled.")
    if activity.status != ActivityStatus.PUBLISHED:
        return _("This activity is not open for registration yet.")
    if activity.registration_opens_at and now < activity.registration_opens_at:
        return _("Registration opens on %(date)s.") % {
            "date": timezone.localtime(activity.registration_opens_at).strftime("%d-%m-%Y %H:%M")
        }
    start = first_start(activity)
    closes = activity.registration_closes_at or start
    if closes and now >= closes:
        return _("Registration for this activity has closed.")
    return None


def clean_answers(
    activity: Activity, answers: dict, questions: list[RegistrationQuestion] | None = None
) -> dict:
    """Keep the answers to this activity's questions; refuse missing or invalid ones.

    `questions` may be read beforehand (the registration service reads them before it takes
    the lock); otherwise they are read here."""
    errors = {}
    cleaned = {}
    for question in activity.questions.all() if questions is None else questions:
        key = str(question.pk)
        value = answers.get(key, answers.get(question.pk, ""))
        value = value.strip() if isinstance(value, str) else value
        if value in ("", None):
            if question.required:
                errors[key] = _("Answer the question “%(question)s”.") % {
                    "question": question.label
                }
            continue
        if question.kind == QuestionKind.CHOICE and value not in question.choice_list:
            errors[key] = _("Choose one of the options for “%(question)s”.") % {
                "question": question.label
            }
        elif question.kind == QuestionKind.YES_NO and value not in ("yes", "no", True, False):
            errors[key] = _("Answer yes or no to “%(question)s”.") % {"question": question.label}
        else:
            cleaned[key] = "yes" if value is True else "no" if value is False else str(value)[:1000]
    if errors:
        raise RegistrationError(errors)
    return cleaned


def registration_create(
    *,
    activity_id: int,
    person: User,
    organisation_id: int | None = None,
    function: str = "",
    diet: str = "",
    answers: dict | None = None,
    registered_by: User | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register a person: a place if there is one (or awaiting approval), else the waiting list.

    Raises AlreadyRegistered when the person has a current registration, RegistrationError when
    registration is closed or answers are missing. Nothing is written in either case.
    """
    on_the_clock = now is None
    now = now or timezone.now()
    # The questions are read before the lock: every statement inside the lock makes everyone
    # else wait. A question changed at this very moment is like a form opened a moment ago;
    # the answers are still checked only after the checks below, in the same order.
    questions = list(RegistrationQuestion.objects.filter(activity_id=activity_id))
    try:
        with transaction.atomic(durable=True):
            activity = _locked_activity(activity_id)
            # Whether registration is open is judged at the moment the request came in, its
            # place in the line at the moment it gets the lock: registrations join the waiting
            # list in lock order, so the position told below stays true (docs/locking.md).
            problem = registration_open_problem(activity, now)
            if problem:
                raise RegistrationError(problem, code="closed")
            arrived = timezone.now() if on_the_clock else now
            # One statement after the lock: places held, the person's current registration and
            # the waiting list ahead (see capacity.registration_counts).
            counts = registration_counts(activity=activity, person_id=person.pk, now=arrived)
            if counts.current_id is not None:
                raise AlreadyRegistered(Registration.objects.get(pk=counts.current_id))
            cleaned = clean_answers(activity, answers or {}, questions)
            places = places_free(
                activity=activity, organisation_id=organisation_id, now=now, taken=counts.held
            )
            race_window()
            if places.for_series() > 0:
                status = (
                    RegistrationStatus.PENDING
                    if activity.requires_approval
                    else RegistrationStatus.CONFIRMED
                )
            else:
                status = RegistrationStatus.WAITLISTED
            registration = Registration.objects.create(
                activity=activity,
                person=person,
                status=status,
                organisation_id=organisation_id,
                function=function,
                diet=diet.strip()[:200],
                answers=cleaned,
                registered_by=registered_by,
                waitlisted_at=arrived if status == RegistrationStatus.WAITLISTED else None,
                confirmed_at=arrived if status == RegistrationStatus.CONFIRMED else None,
            )
            # The place on the waiting list, counted under the lock: everyone already waiting
            # got the lock earlier, so has an earlier `waitlisted_at` (or a smaller id), as
            # waitlist_position orders them. It only gets smaller as people ahead leave.
            registration.position_at_registration = (
                counts.waiting_until_now + 1 if status == RegistrationStatus.WAITLISTED else None
            )
            # Why there was no place, as counted under the lock (the API's answer says it).
            registration.full_because = (
                places.why_full() if status == RegistrationStatus.WAITLISTED else None
            )
            registration.full_session_ids = (
                places.full_sessions() if status == RegistrationStatus.WAITLISTED else []
            )
            _send_after_commit([Mail(registration.pk, status)])
    except IntegrityError:
        # The unique constraint caught a second current registration: only reachable without
        # the row lock (the negative control) or from a write outside this service.
        raise AlreadyRegistered(
            Registration.objects.get(activity_id=activity_id, person=person, status__in=CURRENT)
        ) from None
    return registration


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    # The order of the waiting list is (waitlisted_at, pk), as _promote offers places.
    return Registration.objects.filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lte=registration.pk),
        activity_id=registration.activity_id,
        status=RegistrationStatus.WAITLISTED,
    ).count()


def _promote(activity: Activity, now: datetime) -> list[Mail]:
    """Offer freed places to the waiting list in order, within the activity's lock.

    A person on the waiting list comes to every session, so a place is offered only when the
    activity and every session with its own capacity have room."""
    start = first_start(activity)
    if start is not None and now >= start - timedelta(hours=activity.promotion_stop_hours):
        return []
    mails = []
    waiting = Registration.objects.filter(
        activity=activity, status=RegistrationStatus.WAITLISTED
    ).order_by("waitlisted_at", "pk")
    for candidate in waiting:
        if (
            places_available(activity=activity, organisation_id=candidate.organisation_id, now=now)
            <= 0
        ):
            if not activity.quotas.exists():
                break  # without quotas nobody further down fits either
            continue
        if activity.claim_hours == 0:
            candidate.status = RegistrationStatus.CONFIRMED
            candidate.confirmed_at = now
            candidate.save(update_fields=["status", "confirmed_at", "updated_at"])
            mails.append(Mail(candidate.pk, "promoted"))
        else:
            candidate.status = RegistrationStatus.OFFERED
            candidate.offered_until = now + timedelta(hours=activity.claim_hours)
            candidate.save(update_fields=["status", "offered_until", "updated_at"])
            mails.append(Mail(candidate.pk, "offered"))
    return mails


def _own_or_managed(registration: Registration, actor: User) -> bool:
    roles = roles_of(actor)
    return (
        registration.person_id == actor.pk
        or registration.activity.region_id in roles.coordinator_regions
    )


def registration_cancel(
    *, registration_id: int, actor: User, now: datetime | None = None
) -> Registration:
    """Cancel a registration or leave the waiting list; a freed place goes to the next person.

    Participants may cancel until the activity's deadline; coordinators always.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        registration = Registration.objects.select_related("activity").get(pk=registration_id)
        activity = _locked_activity(registration.activity_id)
        registration.refresh_from_db()
        if not _own_or_managed(registration, actor):
            raise PermissionDenied
        if registration.status not in CURRENT:
            raise RegistrationError(_("This registration was already cancelled."), code="gone")
        is_coordinator = activity.region_id in roles_of(actor).coordinator_regions
        deadline = activity.cancellation_deadline or first_start(activity)
        if registration.holds_seat and not is_coordinator and deadline and now >= deadline:
            raise RegistrationError(
                _(
                    "The deadline to cancel has passed. Send a colleague instead, or contact the "
                    "coordinators."
                ),
                code="deadline",
            )
        held_seat = registration.holds_seat
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        mails = [Mail(registration.pk, "cancelled")]
        if held_seat:
            mails += _promote(activity, now)
        _send_after_commit(mails)
    return registration


def offer_accept(
    *, registration_id: int, person: User, now: datetime | None = None
) -> Registration:
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        registration = Registration.objects.get(pk=registration_id, person=person)
        _locked_activity(registration.activity_id)
        registration.refresh_from_db()
        if registration.status != RegistrationStatus.OFFERED:
            raise RegistrationError(
                _("There is no place offered to you for this activity."), code="no_offer"
            )
        if registration.offered_until <= now:
            raise RegistrationError(_("The time to take this place has passed."), code="late")
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _send_after_commit([Mail(registration.pk, "confirmed")])
    return registration


def offers_expire(*, activity_id: int, now: datetime | None = None) -> int:
    """Offers whose claim time has passed lapse; their places go to the next in line."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        activity = _locked_activity(activity_id)
        expired = list(
            Registration.objects.filter(
                activity=activity, status=RegistrationStatus.OFFERED, offered_until__lte=now
            )
        )
        for registration in expired:
            registration.status = RegistrationStatus.EXPIRED
            registration.save(update_fields=["status", "updated_at"])
        mails = [Mail(r.pk, "expired") for r in expired]
        if expired:
            mails += _promote(activity, now)
        _send_after_commit(mails)
    return len(expired)


def registration_transfer(
    *, registration_id: int, person: User, colleague_email: str, now: datetime | None = None
) -> Registration:
    """'Send a colleague instead': the place passes to a colleague of the same school."""
    now = now or timezone.now()
    colleague = User.objects.filter(email=colleague_email.strip().lower(), is_active=True).first()
    with transaction.atomic(durable=True):
        registration = Registration.objects.get(pk=registration_id, person=person)
        activity = _locked_activity(registration.activity_id)
        registration.refresh_from_db()
        if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING):
            raise RegistrationError(_("Only a place you hold can be passed on."), code="no_seat")
        same_school = (
            colleague is not None
            and registration.organisation_id is not None
            and (
                colleague.affiliations.filter(
                    organisation_id=registration.organisation_id, ended_on__isnull=True
                ).exists()
            )
        )
        if not same_school:
            raise RegistrationError(
                _(
                    "We cannot find a colleague with this e-mail address at your school. They "
                    "need an account with your school as their organisation."
                ),
                code="colleague",
            )
        if Registration.objects.filter(
            activity=activity, person=colleague, status__in=CURRENT
        ).exists():
            raise RegistrationError(_("Your colleague is already registered."), code="already")
        previous_status = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        affiliation = colleague.affiliations.filter(
            organisation_id=registration.organisation_id, ended_on__isnull=True
        ).first()
        replacement = Registration.objects.create(
            activity=activity,
            person=colleague,
            status=previous_status,
            organisation_id=registration.organisation_id,
            function=affiliation.function,
            registered_by=person,
            confirmed_at=now if previous_status == RegistrationStatus.CONFIRMED else None,
        )
        # The place passes as it is: a session with its own capacity that the holder said they
        # would miss may have been given to someone else, so the colleague misses it too (and
        # can say they will come after all if there is room).
        SessionAbsence.objects.bulk_create(
            SessionAbsence(registration=replacement, session_id=session_id)
            for session_id in registration.absences.filter(
                session__capacity__isnull=False
            ).values_list("session_id", flat=True)
        )
        _send_after_commit(
            [Mail(registration.pk, "transferred"), Mail(replacement.pk, "confirmed")]
        )
    return replacement


def may_approve(registration: Registration, actor: User) -> bool:
    roles = roles_of(actor)
    return (
        registration.activity.region_id in roles.coordinator_regions
        or registration.organisation_id in roles.contact_organisations
    )


def registration_decide(
    *, registration_id: int, actor: User, approve: bool, now: datetime | None = None
) -> Registration:
    """Approve or reject a registration awaiting approval (coordinator or school contact)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        registration = Registration.objects.select_related("activity").get(pk=registration_id)
        activity = _locked_activity(registration.activity_id)
        registration.refresh_from_db()
        if not may_approve(registration, actor):
            raise PermissionDenied
        if registration.status != RegistrationStatus.PENDING:
            raise RegistrationError(
                _("This registration is not awaiting approval."), code="not_pending"
            )
        if approve:
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=["status", "confirmed_at", "updated_at"])
            mails = [Mail(registration.pk, "confirmed")]
        else:
            registration.status = RegistrationStatus.REJECTED
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_at", "updated_at"])
            mails = [Mail(registration.pk, "rejected"), *_promote(activity, now)]
        _send_after_commit(mails)
    return registration


def session_absence_set(
    *, registration: Registration, session_id: int, absent: bool, now: datetime | None = None
) -> None:
    """Tell in advance that you will (not) be at one session of the series.

    Missing a session with its own capacity frees its place, which may let the next person on
    the waiting list in. Coming after all needs a free place in that session again.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        activity = _locked_activity(registration.activity_id)
        registration.refresh_from_db()
        if not registration.holds_seat:
            raise RegistrationError(
                _("Only with a place can you say which sessions you will miss."), code="no_seat"
            )
        session = Session.objects.filter(pk=session_id, activity_id=activity.pk).first()
        if session is None:
            raise RegistrationError(_("This session is not part of the activity."), code="session")
        if session.starts_at <= now:
            raise RegistrationError(_("This session has already started."), code="started")
        is_absent = SessionAbsence.objects.filter(
            registration=registration, session=session
        ).exists()
        if absent == is_absent:
            return
        if absent:
            SessionAbsence.objects.create(registration=registration, session=session)
            if session.capacity is not None:
                _send_after_commit(_promote(activity, now))
            return
        if session.capacity is not None:
            free = places_free(
                activity=activity, organisation_id=registration.organisation_id, now=now
            ).sessions.get(session.pk, 0)
            race_window()
            if free <= 0:
                raise RegistrationError(
                    _(
                        "This session is full now: the place you gave up has gone to someone "
                        "else. Ask the coordinators if you would still like to come."
                    ),
                    code="session_full",
                )
        SessionAbsence.objects.filter(registration=registration, session=session).delete()


def waitlist_fill(*, activity_id: int, now: datetime | None = None) -> int:
    """Offer places that became free without a cancellation (more capacity, a quota released)
    to the waiting list. Returns how many people were offered a place."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        activity = _locked_activity(activity_id)
        mails = _promote(activity, now)
        _send_after_commit(mails)
    return len(mails)


def places_offer_first(
    *,
    activity_id: int,
    people: list[tuple[User, Organisation | None]],
    now: datetime | None = None,
) -> list[Registration]:
    """Offer places to these people first, in the order given, before registration opens to
    everyone (the pledgers of an interest campaign whose course became this activity).

    While places last, each person gets an offer for the activity's claim window (`claim_hours`;
    with 0 a place at once); the others go on the waiting list in the same order. People who
    already have a current registration are skipped. Returns the registrations made.
    """
    now = now or timezone.now()
    # What each person does at their school, read once and before the lock (it decides nothing).
    functions = {
        (person_id, organisation_id): function
        for person_id, organisation_id, function in Affiliation.objects.filter(
            person__in=[person for person, _organisation in people], ended_on__isnull=True
        ).values_list("person_id", "organisation_id", "function")
    }
    with transaction.atomic(durable=True):
        activity = _locked_activity(activity_id)
        if activity.status != ActivityStatus.PUBLISHED:
            raise RegistrationError(
                _("This activity is not open for registration yet."), code="closed"
            )
        current = set(
            Registration.objects.filter(
                activity=activity,
                person__in=[person for person, _organisation in people],
                status__in=CURRENT,
            ).values_list("person_id", flat=True)
        )
        made: list[Registration] = []
        for person, organisation in people:
            if person.pk in current:
                continue
            current.add(person.pk)
            available = places_available(
                activity=activity,
                organisation_id=organisation.pk if organisation else None,
                now=now,
            )
            race_window()
            values: dict = {}
            if available <= 0:
                values = {"status": RegistrationStatus.WAITLISTED, "waitlisted_at": now}
            elif activity.claim_hours == 0:
                values = {"status": RegistrationStatus.CONFIRMED, "confirmed_at": now}
            else:
                values = {
                    "status": RegistrationStatus.OFFERED,
                    "offered_until": now + timedelta(hours=activity.claim_hours),
                }
            made.append(
                Registration.objects.create(
                    activity=activity,
                    person=person,
                    organisation=organisation,
                    function=functions.get(
                        (person.pk, organisation.pk if organisation else None), ""
                    ),
                    **values,
                )
            )
        _send_after_commit([Mail(r.pk, r.status) for r in made])
    return made
