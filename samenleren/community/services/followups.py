"""Follow-up questions from evaluations and after network meetings; the community clock."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import MAX_TEXT, Membership, NetworkMeeting, Question, QuestionSource
from .checks import mail_after_commit
from .questions import question_create


def follow_ups_import(*, region=None, now: datetime | None = None) -> int:
    """Follow-up questions from activity evaluations become questions, once each (the
    evaluation's id is the question's source key). No names: they are the school's questions."""
    from samenleren.activities.selectors.attendance import follow_up_questions
    from samenleren.network.models import Region

    regions = [region] if region is not None else list(Region.objects.all())
    created = 0
    for each in regions:
        evaluations = follow_up_questions(region=each)
        done = set(
            Question.objects.filter(source_key__startswith="evaluation:").values_list(
                "source_key", flat=True
            )
        )
        for evaluation in evaluations:
            key = f"evaluation:{evaluation.pk}"
            if key in done:
                continue
            activity = evaluation.registration.activity
            try:
                with transaction.atomic():
                    question_create(
                        author=None,
                        region=each,
                        organisation=evaluation.registration.organisation,
                        title=_("Follow-up question after %(title)s") % {"title": activity.title},
                        text=evaluation.follow_up_question[:MAX_TEXT],
                        source=QuestionSource.EVALUATION,
                        source_key=key,
                        check_rate=False,
                    )
            except (IntegrityError, ValidationError):
                continue
            created += 1
    return created


def meeting_follow_ups_request(*, now: datetime | None = None) -> int:
    """After a network meeting has ended, its members are asked (once) by mail for their
    follow-up questions. Returns the number of meetings handled."""
    from samenleren.activities.models import ActivityStatus

    now = now or timezone.now()
    meetings = (
        NetworkMeeting.objects.filter(follow_up_requested_at__isnull=True)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .annotate(last_end=Max("activity__sessions__ends_at"))
        .filter(last_end__lt=now, last_end__gte=now - timedelta(days=30))
    )
    handled = 0
    for meeting in meetings:
        with transaction.atomic():
            claimed = NetworkMeeting.objects.filter(
                pk=meeting.pk, follow_up_requested_at__isnull=True
            ).update(follow_up_requested_at=now)
            if not claimed:
                continue
            members = Membership.objects.filter(network_id=meeting.network_id).values_list(
                "person_id", flat=True
            )
            mail_after_commit("follow_up", members, meeting_id=meeting.pk)
        handled += 1
    return handled


@transaction.atomic
def meeting_follow_up_submit(*, meeting: NetworkMeeting, person, text: str, organisation=None):
    """A member's follow-up question after a meeting enters the board (one per member)."""
    key = f"meeting:{meeting.pk}:{person.pk}"
    existing = Question.objects.filter(source_key=key).first()
    if existing is not None:
        raise ValidationError(
            _("You have already sent a follow-up question for this meeting. Ask more on the board.")
        )
    return question_create(
        author=person,
        region=meeting.network.region,
        organisation=organisation,
        title=_("Follow-up question after %(title)s") % {"title": meeting.activity.title},
        text=text,
        source=QuestionSource.MEETING,
        source_key=key,
    )


@dataclass
class CommunityTick:
    follow_ups_imported: int = 0
    meetings_asked: int = 0


def community_tick(*, now: datetime | None = None) -> CommunityTick:
    return CommunityTick(
        follow_ups_imported=follow_ups_import(now=now),
        meetings_asked=meeting_follow_ups_request(now=now),
    )
