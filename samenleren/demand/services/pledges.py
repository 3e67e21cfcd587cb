"""Pledges and tipping: the moment a course reaches its minimum, told exactly once.

Every pledge change of a course in a campaign happens here, inside
`transaction.atomic(durable=True)`, after locking that course's row (SELECT ... FOR UPDATE),
counting pledges from the rows, and setting `tipped_at` only if it is still empty. Mail is sent
after commit. See docs/demand.md ("Tipping exactly once").
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.core.services import audit_log
from samenleren.network.models import Organisation
from samenleren.network.selectors import roles_of

from ..models import CampaignCourse, Pledge, UnnamedPledge
from ..selectors.progress import pledge_count

# Switched off only by the concurrency tests' negative control, to prove the race is real.
LOCK_ROWS = True


def race_window() -> None:
    """Called between counting pledges and deciding to tip. Tests widen the window here."""


class PledgeError(ValidationError):
    """A pledge that cannot be made or changed; the message says why."""


class AlreadyPledged(PledgeError):
    def __init__(self, pledge: Pledge):
        super().__init__(
            _("You have already pledged your interest in this course."), code="already"
        )
        self.pledge = pledge


WEEKDAYS = range(0, 7)
MONTHS = range(1, 13)


def _locked_campaign_course(campaign_course_id: int) -> CampaignCourse:
    queryset = CampaignCourse.objects.select_related("campaign", "course")
    if LOCK_ROWS:
        queryset = queryset.select_for_update(of=("self",))
    campaign_course = queryset.filter(pk=campaign_course_id).first()
    if campaign_course is None:
        raise PledgeError(_("This course is not part of the campaign."), code="unknown")
    return campaign_course


def _tip_if_reached(campaign_course: CampaignCourse, now: datetime) -> bool:
    """Within the lock: when the count reaches the minimum and the course has not tipped yet,
    mark it and tell the pledgers and coordinators after the commit."""
    count = pledge_count(campaign_course_id=campaign_course.pk)
    race_window()
    if campaign_course.tipped_at is not None:
        return False
    if count < campaign_course.course.min_participants:
        return False
    campaign_course.tipped_at = now
    campaign_course.save(update_fields=["tipped_at"])
    audit_log(
        actor=None,
        action="demand.tipped",
        target=campaign_course,
        campaign_course_id=campaign_course.pk,
        pledges=count,
    )
    from ..tasks import send_tipped_mail

    transaction.on_commit(
        lambda pk=campaign_course.pk: send_tipped_mail.enqueue(campaign_course_id=pk)
    )
    return True


def _clean_preferences(
    months: list, weekdays: list, max_travel_minutes: int | None, note: str
) -> tuple[list[int], list[int]]:
    errors = {}
    try:
        months = sorted({int(m) for m in months})
    except (TypeError, ValueError):
        months = [0]
    if any(m not in MONTHS for m in months):
        errors["months"] = _("Months are numbers from 1 (January) to 12 (December).")
    try:
        weekdays = sorted({int(d) for d in weekdays})
    except (TypeError, ValueError):
        weekdays = [-1]
    if any(d not in WEEKDAYS for d in weekdays):
        errors["weekdays"] = _("Weekdays are numbers from 0 (Monday) to 6 (Sunday).")
    if max_travel_minutes is not None and not 0 < max_travel_minutes <= 600:
        errors["max_travel_minutes"] = _("Give the travel time in minutes, from 1 to 600.")
    if len(note or "") > 500:
        errors["note"] = _("The note is longer than 500 characters.")
    if errors:
        raise PledgeError(errors)
    return months, weekdays


def pledge_create(
    *,
    campaign_course_id: int,
    person: User,
    organisation: Organisation | None = None,
    months: list | None = None,
    weekdays: list | None = None,
    max_travel_minutes: int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Pledge:
    """Pledge interest in a course of an open campaign. The pledge that reaches the course's
    minimum tips it. Raises AlreadyPledged for a second active pledge and PledgeError when the
    campaign is closed or a preference is invalid; nothing is written then."""
    now = now or timezone.now()
    months, weekdays = _clean_preferences(months or [], weekdays or [], max_travel_minutes, note)
    if (
        organisation is not None
        and not person.affiliations.filter(
            organisation=organisation, ended_on__isnull=True
        ).exists()
    ):
        raise PledgeError(
            {"organisation": _("You do not work at this organisation.")}, code="organisation"
        )
    try:
        with transaction.atomic(durable=True):
            campaign_course = _locked_campaign_course(campaign_course_id)
            campaign = campaign_course.campaign
            today = timezone.localdate(now)
            if not campaign.is_open(today):
                raise PledgeError(
                    _("This campaign closed on %(date)s; pledges are no longer possible.")
                    % {"date": campaign.closes_on.strftime("%d-%m-%Y")}
                    if campaign.has_closed(today)
                    else _("This campaign opens on %(date)s.")
                    % {"date": campaign.opens_on.strftime("%d-%m-%Y")},
                    code="closed",
                )
            existing = Pledge.objects.filter(
                person=person, campaign_course=campaign_course, withdrawn_at__isnull=True
            ).first()
            if existing is not None:
                raise AlreadyPledged(existing)
            pledge = Pledge.objects.create(
                person=person,
                campaign_course=campaign_course,
                organisation=organisation,
                months=months,
                weekdays=weekdays,
                max_travel_minutes=max_travel_minutes,
                note=(note or "").strip(),
            )
            if organisation is not None:
                # A colleague the school contact pledged for now pledges by name.
                UnnamedPledge.objects.filter(
                    campaign_course=campaign_course, organisation=organisation, count__gt=0
                ).update(count=F("count") - 1)
            _tip_if_reached(campaign_course, now)
    except IntegrityError:
        # The unique constraint caught a second active pledge: only reachable without the row
        # lock or from a write outside this service.
        raise AlreadyPledged(
            Pledge.objects.get(
                person=person, campaign_course_id=campaign_course_id, withdrawn_at__isnull=True
            )
        ) from None
    return pledge


def pledge_withdraw(*, pledge_id: int, actor: User, now: datetime | None = None) -> Pledge:
    """Withdraw one's own pledge. A course that has tipped stays tipped (everyone was told)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        pledge = Pledge.objects.filter(pk=pledge_id).first()
        if pledge is None:
            raise PledgeError(_("This pledge does not exist."), code="unknown")
        _locked_campaign_course(pledge.campaign_course_id)
        pledge.refresh_from_db()
        if pledge.person_id != actor.pk:
            raise PermissionDenied
        if pledge.withdrawn_at is not None:
            raise PledgeError(_("This pledge was already withdrawn."), code="gone")
        pledge.withdrawn_at = now
        pledge.save(update_fields=["withdrawn_at", "updated_at"])
    return pledge


def unnamed_pledge_set(
    *,
    campaign_course_id: int,
    actor: User,
    organisation: Organisation,
    count: int,
    now: datetime | None = None,
) -> UnnamedPledge | None:
    """A school contact pledges for `count` colleagues of their own school who are not named
    yet (0 removes it). It counts towards the minimum and can tip the course."""
    now = now or timezone.now()
    if organisation.pk not in roles_of(actor).contact_organisations:
        raise PermissionDenied
    if not 0 <= count <= 200:
        raise PledgeError(
            {"count": _("Give the number of colleagues, from 0 to 200.")}, code="count"
        )
    with transaction.atomic(durable=True):
        campaign_course = _locked_campaign_course(campaign_course_id)
        if not campaign_course.campaign.is_open(timezone.localdate(now)):
            raise PledgeError(
                _("This campaign is closed; pledges are no longer possible."), code="closed"
            )
        if count == 0:
            UnnamedPledge.objects.filter(
                campaign_course=campaign_course, organisation=organisation
            ).delete()
            return None
        unnamed, _created = UnnamedPledge.objects.update_or_create(
            campaign_course=campaign_course,
            organisation=organisation,
            defaults={"count": count, "pledged_by": actor},
        )
        _tip_if_reached(campaign_course, now)
    return unnamed
