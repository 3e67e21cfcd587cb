"""The calendar's clock, run every few minutes by `manage.py calendar_tick`: offers that lapse
pass on, places school quotas kept go to the waiting list once released, reminders 7 days and 1 day before, evaluation requests after the last session, and
the go/no-go warning. Every step is safe to repeat: each mail is recorded once in MailLog
(a unique constraint), so overlapping or missed runs neither double nor lose mail."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Activity,
    ActivityStatus,
    Attendance,
    MailLog,
    Registration,
    RegistrationStatus,
    SchoolQuota,
    Session,
)
from ..selectors.calendar import with_places
from .activity import go_no_go_check, mail_registrations_after_commit
from .registration import offers_expire, waitlist_fill

EVALUATION_WINDOW = timedelta(days=30)  # evaluation requests only for recent activities
REMINDERS = (("reminder_7d", timedelta(days=7)), ("reminder_1d", timedelta(days=1)))


@dataclass
class TickReport:
    offers_expired: int = 0
    quota_places_offered: int = 0
    reminders: dict[str, int] = field(default_factory=dict)
    evaluations: int = 0
    go_no_go_warned: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "offers_expired": self.offers_expired,
            "quota_places_offered": self.quota_places_offered,
            **self.reminders,
            "evaluations": self.evaluations,
            "go_no_go_warned": self.go_no_go_warned,
        }


def _log_and_mail(registration_ids: list[int], *, log_kind: str, mail_kind: str) -> int:
    """Record each mail in MailLog and send it after the commit; a registration that already
    has this kind of mail (another tick got there first) is skipped by the unique constraint."""
    sent = 0
    for registration_id in registration_ids:
        try:
            with transaction.atomic():
                MailLog.objects.create(registration_id=registration_id, kind=log_kind)
                mail_registrations_after_commit([registration_id], mail_kind)
        except IntegrityError:
            continue
        sent += 1
    return sent


def _first_sessions_between(after: datetime, until: datetime):
    """Published activities whose first session starts in (after, until]: found from the
    sessions in that window, so a tick does not read every registration."""
    earlier = Session.objects.filter(
        activity=OuterRef("activity_id"), starts_at__lt=OuterRef("starts_at")
    )
    return (
        Session.objects.filter(
            activity__status=ActivityStatus.PUBLISHED, starts_at__gt=after, starts_at__lte=until
        )
        .exclude(Exists(earlier))
        .values("activity_id")
    )


def _last_sessions_between(after: datetime, until: datetime):
    """Published activities whose last session ended in (after, until]."""
    later = Session.objects.filter(
        activity=OuterRef("activity_id"), ends_at__gt=OuterRef("ends_at")
    )
    return (
        Session.objects.filter(
            activity__status=ActivityStatus.PUBLISHED, ends_at__gt=after, ends_at__lte=until
        )
        .exclude(Exists(later))
        .values("activity_id")
    )


def released_quotas_fill(*, now: datetime) -> int:
    """Once school quotas are released, the places they kept and nobody took are ordinary
    places: offer them to the waiting list. Only activities with a free place and someone
    waiting are touched, so a repeated tick finds nothing to do."""
    activity_ids = list(
        with_places(
            Activity.objects.filter(
                Exists(SchoolQuota.objects.filter(activity=OuterRef("pk"))),
                status=ActivityStatus.PUBLISHED,
                quota_release_at__lte=now,
            )
        )
        .filter(places_left__gt=0, waiting_count__gt=0)
        .exclude(Exists(Session.objects.filter(activity=OuterRef("pk"), starts_at__lte=now)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(waitlist_fill(activity_id=pk, now=now) for pk in activity_ids)


def reminders_send(*, now: datetime) -> dict[str, int]:
    """Reminders 7 days and 1 day before the first session, once each, to confirmed
    participants who registered before the reminder's moment (confirmed_at, else created_at,
    not later than the first start minus 7 days or 1 day)."""
    result = {}
    for index, (kind, before) in enumerate(REMINDERS):
        # The window ends where the next (closer) reminder begins, so a late tick does not send
        # the 7-day reminder one day before.
        closer = REMINDERS[index + 1][1] if index + 1 < len(REMINDERS) else timedelta(0)
        first_start = Subquery(
            Session.objects.filter(activity=OuterRef("activity_id"))
            .order_by("starts_at")
            .values("starts_at")[:1]
        )
        ids = list(
            Registration.objects.filter(
                status=RegistrationStatus.CONFIRMED,
                activity_id__in=_first_sessions_between(now + closer, now + before),
            )
            .annotate(
                registered=Coalesce("confirmed_at", "created_at"),
                moment=ExpressionWrapper(first_start - before, output_field=DateTimeField()),
            )
            .filter(registered__lte=F("moment"))
            .exclude(Exists(MailLog.objects.filter(registration=OuterRef("pk"), kind=kind)))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        result[kind] = _log_and_mail(ids, log_kind=kind, mail_kind="reminder")
    return result


def evaluations_send(*, now: datetime) -> int:
    """After the last session (in the past 30 days), ask everyone who attended at least one
    session to evaluate; people marked present later get it on a later tick."""
    ids = list(
        Registration.objects.filter(
            activity_id__in=_last_sessions_between(now - EVALUATION_WINDOW, now)
        )
        .filter(Exists(Attendance.objects.filter(registration=OuterRef("pk"), present=True)))
        .exclude(Exists(MailLog.objects.filter(registration=OuterRef("pk"), kind="evaluation")))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return _log_and_mail(ids, log_kind="evaluation", mail_kind="evaluation")


def calendar_tick(*, now: datetime | None = None) -> TickReport:
    """The calendar's clock, run every few minutes by `manage.py calendar_tick`. Every step is
    safe to repeat: lapsed offers are gone once handled and each mail is logged once."""
    now = now or timezone.now()
    report = TickReport()
    activity_ids = list(
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offered_until__lte=now)
        .order_by("activity_id")
        .values_list("activity_id", flat=True)
        .distinct()
    )
    for activity_id in activity_ids:
        report.offers_expired += offers_expire(activity_id=activity_id, now=now)
    report.quota_places_offered = released_quotas_fill(now=now)
    report.reminders = reminders_send(now=now)
    report.evaluations = evaluations_send(now=now)
    report.go_no_go_warned = go_no_go_check(today=timezone.localdate(now))
    return report
