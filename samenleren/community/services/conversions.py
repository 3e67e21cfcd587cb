"""What a question can become: a draft activity, a network topic, or another app's target."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenleren.core.services import audit_log

from ..models import MAX_TITLE, Network, Question, QuestionStatus, Topic


@dataclass(frozen=True)
class Conversion:
    kind: str
    label: str
    url_name: str


BUILT_IN_CONVERSIONS = [
    Conversion("activity", gettext_lazy("Calendar activity (draft)"), "community:convert_activity"),
    Conversion("topic", gettext_lazy("Topic for a learning network"), "community:convert_topic"),
]


def conversions() -> list[Conversion]:
    """What a question can become: ours, plus what other apps list in
    settings.COMMUNITY_CONVERSIONS as (kind, label, url_name). Each target view gets
    `?question=<id>` and calls `question_mark_converted` when it has made its object."""
    extra = [Conversion(*entry) for entry in getattr(settings, "COMMUNITY_CONVERSIONS", [])]
    return [*BUILT_IN_CONVERSIONS, *extra]


@transaction.atomic
def question_mark_converted(*, question: Question, kind: str, target_url: str, actor) -> Question:
    """Called by whatever the question became (an activity, an intake, a campaign, a topic)."""
    question.status = QuestionStatus.CONVERTED
    question.converted_kind = kind[:40]
    question.converted_url = target_url[:300]
    question.save(update_fields=["status", "converted_kind", "converted_url", "updated_at"])
    audit_log(actor=actor, action="question.convert", target=question, kind=kind, url=target_url)
    return question


@transaction.atomic
def question_convert_activity(*, actor, question: Question, kind: str, starts_at: datetime):
    """A draft calendar activity from a question (the coordinator then edits and publishes)."""
    from samenleren.activities.models import Activity, ActivityKind
    from samenleren.activities.services.activity import activity_save

    if kind not in {ActivityKind.NETWORK_MEETING, ActivityKind.TRAINING}:
        raise ValidationError({"kind": _("Choose a network meeting or a training.")})
    activity = Activity(
        region=question.region,
        title=question.headline[:200],
        kind=kind,
        summary=_("Made from a question on the question board."),
        description=question.text,
        capacity=20,
    )
    activity_save(
        actor=actor,
        activity=activity,
        sessions=[{"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2)}],
    )
    question_mark_converted(
        question=question,
        kind="activity",
        target_url=reverse("activities:manage_edit", args=[activity.pk]),
        actor=actor,
    )
    return activity


@transaction.atomic
def question_convert_topic(*, actor, question: Question, network: Network | None = None) -> Topic:
    if network is not None and network.region_id != question.region_id:
        raise ValidationError({"network": _("Choose a network of the question's region.")})
    topic = Topic.objects.create(
        region=question.region,
        network=network,
        question=question,
        title=question.headline[:MAX_TITLE],
        text=question.text,
        created_by=actor,
    )
    target = network.get_absolute_url() if network else reverse("community:clusters")
    question_mark_converted(question=question, kind="topic", target_url=target, actor=actor)
    return topic
