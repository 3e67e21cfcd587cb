"""Moderation: reports, hiding questions and answers, dismissing reports."""

from django.db import transaction
from django.utils import timezone

from samenleren.core.services import audit_log

from ..models import Answer, Question, Report
from .checks import clean_text, rate_limit_check


@transaction.atomic
def report_create(*, reporter, reason: str, question=None, answer=None) -> Report:
    reason = clean_text(reason, field="reason", limit=500)
    rate_limit_check(person=reporter)
    return Report.objects.create(reporter=reporter, reason=reason, question=question, answer=answer)


@transaction.atomic
def question_hide(*, actor, question: Question, hidden: bool = True) -> Question:
    question.hidden_at = timezone.now() if hidden else None
    question.hidden_by = actor if hidden else None
    question.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
    Report.objects.filter(question=question, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    audit_log(actor=actor, action="question.hide" if hidden else "question.show", target=question)
    return question


@transaction.atomic
def answer_hide(*, actor, answer: Answer, hidden: bool = True) -> Answer:
    answer.hidden_at = timezone.now() if hidden else None
    answer.save(update_fields=["hidden_at", "updated_at"])
    Report.objects.filter(answer=answer, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    audit_log(
        actor=actor, action="answer.hide" if hidden else "answer.show", target=answer.question
    )
    return answer


def report_dismiss(*, actor, report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now())
