"""School holidays and the date poll among the pledgers of a course that tipped."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.core.services import audit_log

from ..models import Answer, CampaignCourse, DatePoll, Pledge, PollAnswer, PollOption, SchoolHoliday


class PollError(ValidationError):
    """A poll that cannot be opened or answered; the message says why."""


@transaction.atomic
def holiday_save(*, actor: User, holiday: SchoolHoliday) -> SchoolHoliday:
    holiday.name = holiday.name.strip()
    holiday.full_clean()
    holiday.save()
    audit_log(actor=actor, action="demand.holiday_save", target=holiday, holiday_id=holiday.pk)
    return holiday


@transaction.atomic
def holiday_delete(*, actor: User, holiday: SchoolHoliday) -> None:
    audit_log(actor=actor, action="demand.holiday_delete", target=holiday)
    holiday.delete()


def _holiday_on(region_id: int, day: date) -> SchoolHoliday | None:
    return SchoolHoliday.objects.filter(
        region_id=region_id, starts_on__lte=day, ends_on__gte=day
    ).first()


def poll_open(
    *,
    actor: User,
    campaign_course: CampaignCourse,
    deadline: datetime,
    options: list[tuple[date, time, time]],
    now: datetime | None = None,
) -> DatePoll:
    """Open the date poll of a course that tipped. Options in the region's school holidays, in
    the past or before the deadline are refused, with the reason per option."""
    now = now or timezone.now()
    if campaign_course.tipped_at is None:
        raise PollError(
            _("A date poll can be opened once the course has enough pledges."), code="not_tipped"
        )
    if DatePoll.objects.filter(campaign_course=campaign_course).exists():
        raise PollError(_("This course already has a date poll."), code="exists")
    errors: list[str] = []
    if deadline <= now:
        errors.append(_("The deadline must be in the future."))
    if not options:
        errors.append(_("Add at least one date."))
    seen = set()
    region_id = campaign_course.campaign.region_id
    for day, start, end in options:
        label = day.strftime("%d-%m-%Y")
        if end <= start:
            errors.append(
                _("%(date)s: the end time must be after the start time.") % {"date": label}
            )
        if (day, start) in seen:
            errors.append(
                _("%(date)s %(time)s is in the list twice.")
                % {"date": label, "time": start.strftime("%H:%M")}
            )
        seen.add((day, start))
        if day <= timezone.localdate(deadline):
            errors.append(_("%(date)s is not after the deadline of the poll.") % {"date": label})
        holiday = _holiday_on(region_id, day)
        if holiday is not None:
            errors.append(
                _("%(date)s falls in the %(holiday)s (%(start)s – %(end)s). Choose another day.")
                % {
                    "date": label,
                    "holiday": holiday.name,
                    "start": holiday.starts_on.strftime("%d-%m-%Y"),
                    "end": holiday.ends_on.strftime("%d-%m-%Y"),
                }
            )
    if errors:
        raise PollError(errors, code="invalid")
    with transaction.atomic():
        poll = DatePoll.objects.create(
            campaign_course=campaign_course, deadline=deadline, opened_by=actor
        )
        PollOption.objects.bulk_create(
            [PollOption(poll=poll, date=d, starts_at=s, ends_at=e) for d, s, e in options]
        )
        audit_log(actor=actor, action="demand.poll_open", target=poll, poll_id=poll.pk)
        from ..tasks import send_poll_mail

        transaction.on_commit(lambda: send_poll_mail.enqueue(poll_id=poll.pk))
    return poll


def poll_answer(*, poll: DatePoll, person: User, answers: dict, now: datetime | None = None) -> int:
    """Save a pledger's answers: {option id: 'yes' | 'maybe' | 'no'}. An option that is not in
    this poll, or an answer that is not one of the three, refuses everything."""
    now = now or timezone.now()
    if not poll.is_open(now):
        raise PollError(_("The poll has closed."), code="closed")
    if not Pledge.objects.filter(
        campaign_course_id=poll.campaign_course_id, person=person, withdrawn_at__isnull=True
    ).exists():
        raise PollError(
            _("Only people who pledged their interest in this course can answer."),
            code="not_pledged",
        )
    option_ids = set(poll.options.values_list("pk", flat=True))
    cleaned: dict[int, str] = {}
    for key, value in answers.items():
        try:
            option_id = int(key)
        except (TypeError, ValueError):
            option_id = None
        if option_id not in option_ids:
            raise PollError(
                _(
                    "The date option %(option)s is not part of this poll. Reload the page and try again."
                )
                % {"option": key},
                code="unknown_option",
            )
        if value not in Answer.values:
            raise PollError(_("Answer yes, if need be or no."), code="unknown_answer")
        cleaned[option_id] = value
    if not cleaned:
        raise PollError(_("Answer at least one date."), code="empty")
    with transaction.atomic():
        for option_id, value in cleaned.items():
            PollAnswer.objects.update_or_create(
                option_id=option_id, person=person, defaults={"answer": value}
            )
    return len(cleaned)
