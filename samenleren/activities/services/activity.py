"""Coordinators run the calendar: create, edit, copy, publish and cancel activities, and the
go/no-go warning (run by `manage.py calendar_tick`, see tick.py).

Who holds a place is never changed here: that happens only in `registration.py` (see
docs/locking.md). Changing an activity's capacity or quotas locks the activity's row, so that a
registration in flight counts against the new numbers.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenleren.accounts.models import User
from samenleren.core.models import AuditEntry
from samenleren.core.services import audit_log
from samenleren.network.models import Organisation, Profile, Role, RoleAssignment

from ..models import (
    CURRENT,
    SEAT_HOLDING,
    Activity,
    ActivityStatus,
    Registration,
    RegistrationQuestion,
    SchoolQuota,
    Session,
)
from .capacity import session_places_held
from .registration import waitlist_fill

GO_NO_GO_WARNED = "activity.go_no_go_warned"
GO_NO_GO_DAYS_AHEAD = 3
SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "venue",
    "lab",
    "address",
    "online_url",
    "study_hours",
    "capacity",
)


def mail_registrations_after_commit(registration_ids: list[int], kind: str) -> None:
    from ..tasks import send_registration_mail

    for registration_id in registration_ids:
        transaction.on_commit(
            lambda pk=registration_id: send_registration_mail.enqueue(registration_id=pk, kind=kind)
        )


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _places_held(activity_id: int) -> int:
    return Registration.objects.filter(activity_id=activity_id, status__in=SEAT_HOLDING).count()


# --- create and edit ----------------------------------------------------------------------------


def _validate(
    *,
    activity: Activity,
    sessions: list[dict],
    quotas: list[tuple[Organisation, int]] | None,
    held: int,
    session_held: dict[int, int] | None = None,
) -> None:
    """The rules a coordinator can break in the form, with a message that says what to fix.

    `held` is the number of places held in the activity, `session_held` the places held per
    existing session (a new session is attended by everyone who holds a place)."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not sessions:
        add("sessions", _("Add at least one session."))
    for number, session in enumerate(sessions, start=1):
        if session["ends_at"] <= session["starts_at"]:
            add(
                "sessions",
                _("Session %(number)s must end after it starts.") % {"number": number},
            )
    for number, session in enumerate(sessions, start=1):
        _validate_session_capacity(
            add,
            number=number,
            session=session,
            activity=activity,
            quotas=quotas,
            held=(session_held or {}).get(session.get("id"), held),
        )
    minimum, capacity = activity.min_participants, activity.capacity
    if minimum is not None and capacity is not None and minimum > capacity:
        add(
            "min_participants",
            _("The minimum number of participants cannot be more than the places (%(n)s).")
            % {"n": capacity},
        )
    if activity.capacity is not None and activity.capacity < held:
        add(
            "capacity",
            ngettext(
                "%(held)s person already holds a place, so there must be at least %(held)s "
                "place. Cancel registrations first if you need fewer.",
                "%(held)s people already hold a place, so there must be at least %(held)s "
                "places. Cancel registrations first if you need fewer.",
                held,
            )
            % {"held": held},
        )
    opens, closes = activity.registration_opens_at, activity.registration_closes_at
    if opens and closes and opens >= closes:
        add("registration_closes_at", _("Registration must close after it opens."))
    if sessions:
        first = min(s["starts_at"] for s in sessions)
        if opens and opens >= first:
            add(
                "registration_opens_at",
                _("Registration must open before the first session starts."),
            )
        if closes and closes > first:
            add(
                "registration_closes_at",
                _("Registration must close before the first session starts, or at its start."),
            )
    if quotas:
        organisations = [organisation for organisation, _places in quotas]
        if len({o.pk for o in organisations}) != len(organisations):
            add("quotas", _("Each school can have only one quota."))
        if any(o.region_id != activity.region_id for o in organisations):
            add("quotas", _("Quotas are only for organisations in the activity's region."))
        if any(places < 1 for _organisation, places in quotas):
            add("quotas", _("A quota is at least 1 place."))
        if activity.capacity is not None and sum(p for _o, p in quotas) > activity.capacity:
            add(
                "quotas",
                _("Together the quotas reserve more places than the activity has (%(n)s).")
                % {"n": activity.capacity},
            )
    if errors:
        raise ValidationError(errors)


def _validate_session_capacity(
    add, *, number: int, session: dict, activity: Activity, quotas, held: int
) -> None:
    """A session's own capacity: at most the activity's, and not below the places held in it."""
    places = session.get("capacity")
    if places is None:
        return
    if places < 1:
        add("sessions", _("Session %(number)s needs at least 1 place.") % {"number": number})
        return
    if activity.capacity is not None and places > activity.capacity:
        add(
            "sessions",
            _(
                "Session %(number)s cannot have more places than the activity (%(n)s). Leave "
                "its places empty if the activity's places apply."
            )
            % {"number": number, "n": activity.capacity},
        )
    if places < held:
        add(
            "sessions",
            ngettext(
                "Session %(number)s: %(held)s person holding a place will be there, so it needs "
                "at least %(held)s place. Cancel registrations first if you need fewer.",
                "Session %(number)s: %(held)s people holding a place will be there, so it needs "
                "at least %(held)s places. Cancel registrations first if you need fewer.",
                held,
            )
            % {"number": number, "held": held},
        )
    if quotas and sum(p for _o, p in quotas) > places:
        add(
            "quotas",
            _("Together the quotas reserve more places than session %(number)s has (%(n)s).")
            % {"number": number, "n": places},
        )


def _session_limits(activity: Activity) -> dict[int, int | None]:
    return dict(Session.objects.filter(activity=activity).values_list("pk", "capacity"))


def _limits_loosened(before: dict[int, int | None], after: dict[int, int | None]) -> bool:
    """Whether a session that had its own capacity now has more places, none of its own, or
    is gone: then people on the waiting list may fit."""
    return any(
        capacity is not None and (after.get(pk) is None or after[pk] > capacity)
        for pk, capacity in before.items()
    )


def _session_signature(sessions) -> set[tuple]:
    """What participants need to know about: when and where each session is."""
    return {
        (s.starts_at, s.ends_at, s.venue_id, s.lab_id, s.address, s.online_url) for s in sessions
    }


def _sessions_save(*, activity: Activity, sessions: list[dict]) -> None:
    existing = {s.pk: s for s in Session.objects.filter(activity=activity)}
    keep = set()
    for values in sessions:
        session = existing.get(values.get("id")) or Session(activity=activity)
        for name in SESSION_FIELDS:
            if name in values:
                value = values[name]
                if name in ("address", "online_url"):
                    value = (value or "").strip()
                elif name == "study_hours" and value in ("", None):
                    value = Decimal("0")
                setattr(session, name, value)
        session.full_clean(exclude=["activity"])
        session.save()
        keep.add(session.pk)
    Session.objects.filter(activity=activity).exclude(pk__in=keep).delete()


def _questions_save(*, activity: Activity, questions: list[dict]) -> None:
    existing = {q.pk: q for q in RegistrationQuestion.objects.filter(activity=activity)}
    keep = set()
    for position, values in enumerate(questions):
        question = existing.get(values.get("id")) or RegistrationQuestion(activity=activity)
        question.label = values["label"].strip()
        question.kind = values["kind"]
        question.choices = values.get("choices", "").strip()
        question.required = bool(values.get("required"))
        question.position = position
        question.full_clean(exclude=["activity"])
        question.save()
        keep.add(question.pk)
    RegistrationQuestion.objects.filter(activity=activity).exclude(pk__in=keep).delete()


def _quotas_save(*, activity: Activity, quotas: list[tuple[Organisation, int]]) -> None:
    wanted = {organisation.pk: places for organisation, places in quotas}
    SchoolQuota.objects.filter(activity=activity).exclude(organisation_id__in=wanted).delete()
    for organisation_id, places in wanted.items():
        SchoolQuota.objects.update_or_create(
            activity=activity, organisation_id=organisation_id, defaults={"places": places}
        )


@transaction.atomic
def activity_save(
    *,
    actor: User,
    activity: Activity,
    sessions: list[dict],
    profiles: list[Profile] | None = None,
    questions: list[dict] | None = None,
    quotas: list[tuple[Organisation, int]] | None = None,
    trainers: list[User] | None = None,
) -> Activity:
    """Create or update an activity with its sessions, target profiles, registration questions
    and school quotas.

    `sessions` are dicts with `starts_at`, `ends_at` and optionally `id` (an existing session),
    `venue`, `lab`, `address`, `online_url`, `study_hours`; existing sessions that are not in
    the list are removed. `questions` are dicts with `label`, `kind`, `choices`, `required` and
    optionally `id`. `None` for profiles, questions, quotas or trainers leaves them as they are.

    Raises ValidationError (keyed by field, or `sessions`/`quotas`) and writes nothing when the
    input breaks a rule. When a published activity's times or places change, everyone holding a
    place is told after the commit.
    """
    created = activity.pk is None
    try:
        return _activity_save(
            actor=actor,
            activity=activity,
            created=created,
            sessions=sessions,
            profiles=profiles,
            questions=questions,
            quotas=quotas,
            trainers=trainers,
        )
    except ValidationError:
        if created:  # the transaction is rolled back: the object is not saved after all
            activity.pk = None
            activity._state.adding = True
        raise


def _activity_save(
    *,
    actor: User,
    activity: Activity,
    created: bool,
    sessions: list[dict],
    profiles: list[Profile] | None,
    questions: list[dict] | None,
    quotas: list[tuple[Organisation, int]] | None,
    trainers: list[User] | None,
) -> Activity:
    held = 0
    session_held: dict[int, int] = {}
    before: set[tuple] = set()
    limits_before: dict[int, int | None] = {}
    if not created:
        # Registrations wait until the new capacity and quotas are saved. What the form does
        # not change is taken from the locked row, so a publish or cancel that happened since
        # the page was loaded is not undone.
        locked = _locked(activity)
        activity.status = locked.status
        activity.published_at = locked.published_at
        activity.cancelled_reason = locked.cancelled_reason
        previous_capacity = locked.capacity
        held = _places_held(activity.pk)
        session_held = {
            pk: here
            for pk, (_c, here) in session_places_held(activity_id=activity.pk, held=held).items()
        }
        before = _session_signature(Session.objects.filter(activity=activity))
        limits_before = _session_limits(activity)
    _validate(
        activity=activity, sessions=sessions, quotas=quotas, held=held, session_held=session_held
    )
    if created:
        activity.status = ActivityStatus.DRAFT
    if activity.organiser_id is None:  # new, or the organiser's account is gone
        activity.organiser = actor
    activity.refresh_search_text()
    activity.full_clean()
    activity.save()
    try:
        _sessions_save(activity=activity, sessions=sessions)
    except ValidationError as error:
        raise ValidationError({"sessions": error.messages}) from error
    if profiles is not None:
        activity.target_profiles.set(profiles)
    if trainers is not None:
        activity.trainers.set(trainers)
    if questions is not None:
        try:
            _questions_save(activity=activity, questions=questions)
        except ValidationError as error:
            raise ValidationError({"questions": error.messages}) from error
    if quotas is not None:
        _quotas_save(activity=activity, quotas=quotas)
    audit_log(
        actor=actor,
        action="activity.create" if created else "activity.update",
        target=activity,
        activity_id=activity.pk,
    )
    if not created and activity.is_published:
        after = _session_signature(Session.objects.filter(activity=activity))
        if after != before:
            holders = list(
                Registration.objects.filter(activity=activity, status__in=SEAT_HOLDING).values_list(
                    "pk", flat=True
                )
            )
            mail_registrations_after_commit(holders, "changed")
        if activity.capacity > previous_capacity or _limits_loosened(
            limits_before, _session_limits(activity)
        ):
            # The new places go to the waiting list in the locked service, which needs its own
            # (durable) transaction: so right after this one commits.
            transaction.on_commit(lambda: waitlist_fill(activity_id=activity.pk))
    return activity


# --- copy, publish, cancel ----------------------------------------------------------------------


def _shift(moment: datetime | None, weeks: int) -> datetime | None:
    """The same local wall-clock time `weeks` later (so 14:00 stays 14:00 across DST)."""
    if moment is None:
        return None
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(local + timedelta(weeks=weeks))


def weeks_to_future(first_start: datetime | None, now: datetime) -> int:
    """The smallest whole number of weeks (at least one) that puts the start in the future."""
    if first_start is None or first_start > now:
        return 1
    return (now - first_start).days // 7 + 1


@transaction.atomic
def activity_copy(*, actor: User, activity: Activity, now: datetime | None = None) -> Activity:
    """A draft copy, with its sessions moved by whole weeks into the future (same weekday and
    time), and the same target groups, questions, quotas and trainers."""
    now = now or timezone.now()
    sessions = list(Session.objects.filter(activity=activity).order_by("starts_at"))
    weeks = weeks_to_future(sessions[0].starts_at if sessions else None, now)
    source_pk = activity.pk
    copy = Activity.objects.get(pk=source_pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.title = (_("%(title)s (copy)") % {"title": activity.title})[:200]
    copy.status = ActivityStatus.DRAFT
    copy.published_at = None
    copy.cancelled_reason = ""
    copy.organiser = actor
    for name in (
        "registration_opens_at",
        "registration_closes_at",
        "cancellation_deadline",
        "quota_release_at",
    ):
        setattr(copy, name, _shift(getattr(copy, name), weeks))
    if copy.go_no_go_on:
        copy.go_no_go_on = copy.go_no_go_on + timedelta(weeks=weeks)
    copy.refresh_search_text()
    copy.save()
    copy.target_profiles.set(activity.target_profiles.all())
    copy.trainers.set(activity.trainers.all())
    Session.objects.bulk_create(
        [
            Session(
                activity=copy,
                starts_at=_shift(s.starts_at, weeks),
                ends_at=_shift(s.ends_at, weeks),
                venue_id=s.venue_id,
                lab_id=s.lab_id,
                address=s.address,
                online_url=s.online_url,
                study_hours=s.study_hours,
                capacity=s.capacity,
            )
            for s in sessions
        ]
    )
    RegistrationQuestion.objects.bulk_create(
        [
            RegistrationQuestion(
                activity=copy,
                label=q.label,
                kind=q.kind,
                choices=q.choices,
                required=q.required,
                position=q.position,
            )
            for q in RegistrationQuestion.objects.filter(activity_id=source_pk)
        ]
    )
    SchoolQuota.objects.bulk_create(
        [
            SchoolQuota(activity=copy, organisation_id=q.organisation_id, places=q.places)
            for q in SchoolQuota.objects.filter(activity_id=source_pk)
        ]
    )
    audit_log(
        actor=actor, action="activity.copy", target=copy, activity_id=copy.pk, source=source_pk
    )
    return copy


@transaction.atomic
def activity_publish(*, actor: User, activity: Activity, now: datetime | None = None) -> Activity:
    """Show a draft in the calendar and open it for registration (within its window)."""
    now = now or timezone.now()
    locked = _locked(activity)
    if locked.status == ActivityStatus.CANCELLED:
        raise ValidationError(
            _("A cancelled activity cannot be published. Make a copy instead."), code="cancelled"
        )
    if locked.status == ActivityStatus.PUBLISHED:
        raise ValidationError(_("This activity has already been published."), code="published")
    if not Session.objects.filter(activity=locked).exists():
        raise ValidationError(_("Add at least one session before publishing."), code="sessions")
    locked.status = ActivityStatus.PUBLISHED
    locked.published_at = now
    locked.save(update_fields=["status", "published_at", "updated_at"])
    audit_log(actor=actor, action="activity.publish", target=locked, activity_id=locked.pk)
    activity.status, activity.published_at = locked.status, locked.published_at
    return activity


@transaction.atomic
def activity_cancel(*, actor: User, activity: Activity, reason: str) -> Activity:
    """Cancel an activity: nobody can register any more, and everyone with a current
    registration (place, offer, approval pending, waiting list) gets the reason by mail."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tell the participants why the activity does not go ahead.")}
        )
    locked = _locked(activity)  # a registration in flight either finishes first or is refused
    if locked.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("This activity has already been cancelled."), code="cancelled")
    locked.status = ActivityStatus.CANCELLED
    locked.cancelled_reason = reason
    locked.save(update_fields=["status", "cancelled_reason", "updated_at"])
    current = list(
        Registration.objects.filter(activity=locked, status__in=CURRENT).values_list(
            "pk", flat=True
        )
    )
    mail_registrations_after_commit(current, "activity_cancelled")
    audit_log(
        actor=actor,
        action="activity.cancel",
        target=locked,
        activity_id=locked.pk,
        reason=reason,
        informed=len(current),
    )
    activity.status, activity.cancelled_reason = locked.status, locked.cancelled_reason
    return activity


def activity_export_log(*, actor: User, activity: Activity, what: str) -> None:
    """Exports of personal data are recorded (who took which list when)."""
    audit_log(
        actor=actor, action=f"activity.export.{what}", target=activity, activity_id=activity.pk
    )


# --- go/no-go ---------------------------------------------------------------------------------


def _coordinators_by_region(region_ids: set[int]) -> dict[int, list[User]]:
    result: dict[int, list[User]] = {}
    for assignment in RoleAssignment.objects.filter(
        role=Role.COORDINATOR, region_id__in=region_ids, person__is_active=True
    ).select_related("person"):
        result.setdefault(assignment.region_id, []).append(assignment.person)
    return result


def go_no_go_mail_send(*, activity_id: int, person_id: int, confirmed: int) -> None:
    """Tell one coordinator, in their language, that an activity lacks participants."""
    activity = Activity.objects.select_related("region").filter(pk=activity_id).first()
    person = User.objects.filter(pk=person_id).first()
    if activity is None or person is None:
        return
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "LANGUAGE_CODE": translation.get_language(),
            "person": person,
            "activity": activity,
            "confirmed": confirmed,
            "minimum": activity.min_participants,
            "url": settings.SITE_URL
            + reverse("activities:manage_registrations", args=[activity.pk]),
        }
        subject = _(
            "Go/no-go: %(title)s has %(confirmed)s of at least %(minimum)s participants"
        ) % {
            "title": activity.title,
            "confirmed": confirmed,
            "minimum": activity.min_participants,
        }
        message = EmailMultiAlternatives(
            subject=f"[Samen Leren] {subject}",
            body=render_to_string("activities/manage/mail/go_no_go.txt", context),
            to=[person.email],
        )
        message.attach_alternative(
            render_to_string("activities/manage/mail/go_no_go.html", context), "text/html"
        )
        message.send()


def go_no_go_check(*, today: date) -> int:
    """Warn the region's coordinators, once per activity, when an activity with a minimum has
    too few confirmed participants and its go/no-go date is today or within three days.
    Returns the number of activities warned about."""
    due = list(
        Activity.objects.filter(
            status=ActivityStatus.PUBLISHED,
            min_participants__isnull=False,
            go_no_go_on__gte=today,
            go_no_go_on__lte=today + timedelta(days=GO_NO_GO_DAYS_AHEAD),
        )
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status="confirmed")))
        .filter(confirmed__lt=F("min_participants"))
    )
    if not due:
        return 0
    warned = set(
        AuditEntry.objects.filter(
            action=GO_NO_GO_WARNED, data__activity_id__in=[a.pk for a in due]
        ).values_list("data__activity_id", flat=True)
    )
    due = [a for a in due if a.pk not in warned]
    coordinators = _coordinators_by_region({a.region_id for a in due})
    count = 0
    for activity in due:
        with transaction.atomic():
            _locked(activity)
            # Checked again under the lock: two ticks at once must not both warn.
            if AuditEntry.objects.filter(
                action=GO_NO_GO_WARNED, data__activity_id=activity.pk
            ).exists():
                continue
            recipients = coordinators.get(activity.region_id, [])
            audit_log(
                actor=None,
                action=GO_NO_GO_WARNED,
                target=activity,
                activity_id=activity.pk,
                confirmed=activity.confirmed,
                recipients=len(recipients),
            )
            for person in recipients:
                transaction.on_commit(
                    lambda a=activity.pk, p=person.pk, c=activity.confirmed: go_no_go_mail_send(
                        activity_id=a, person_id=p, confirmed=c
                    )
                )
        count += 1
    return count
