"""Evaluations: what attendees thought, and their follow-up question for the question board."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import Attendance, Evaluation, Registration, Session

EDITABLE_FOR = timedelta(days=30)
TEXT_MAX = 2000


class EvaluationError(ValidationError):
    """An evaluation that cannot be given or changed (codes: too_early, not_attended, closed,
    rating)."""


def evaluation_editable_until(evaluation: Evaluation) -> datetime:
    return evaluation.created_at + EDITABLE_FOR


def evaluation_problem(*, registration: Registration, now: datetime) -> EvaluationError | None:
    """Why this person cannot evaluate (now), or None when they can."""
    first = Session.objects.filter(activity_id=registration.activity_id).order_by("starts_at")
    first_start = first.values_list("starts_at", flat=True).first()
    if first_start is None or now < first_start:
        return EvaluationError(
            _("You can evaluate this activity once it has started."), code="too_early"
        )
    if not Attendance.objects.filter(registration=registration, present=True).exists():
        return EvaluationError(
            _(
                "The evaluation is for people who attended. According to the attendance list you "
                "did not attend a session of this activity. If that is a mistake, please contact "
                "the coordinator."
            ),
            code="not_attended",
        )
    evaluation = Evaluation.objects.filter(registration=registration).first()
    if evaluation is not None and now >= evaluation_editable_until(evaluation):
        return EvaluationError(
            _("Thank you for your evaluation. Changes were possible until %(date)s.")
            % {
                "date": formats.date_format(
                    timezone.localtime(evaluation_editable_until(evaluation)), "j F Y"
                )
            },
            code="closed",
        )
    return None


def evaluation_submit(
    *,
    registration: Registration,
    rating: int,
    useful: str = "",
    improve: str = "",
    follow_up_question: str = "",
    now: datetime | None = None,
) -> Evaluation:
    """Save the registration's evaluation: one per registration, changeable for 30 days.

    Raises EvaluationError (nothing written) when the person did not attend, the activity has
    not started, the evaluation can no longer be changed or the rating is not 1 to 5.
    """
    now = now or timezone.now()
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise EvaluationError(_("Choose a rating from 1 to 5."), code="rating")
    problem = evaluation_problem(registration=registration, now=now)
    if problem:
        raise problem
    values = {
        "rating": rating,
        "useful": useful.strip()[:TEXT_MAX],
        "improve": improve.strip()[:TEXT_MAX],
        "follow_up_question": follow_up_question.strip()[:TEXT_MAX],
    }
    with transaction.atomic():
        evaluation, _created = Evaluation.objects.update_or_create(
            registration=registration, defaults=values
        )
    return evaluation
