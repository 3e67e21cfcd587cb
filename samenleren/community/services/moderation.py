"""Moderation: reports; hiding questions, answers and discussion posts and showing them again;
dismissing reports.

Hiding and showing are conditional updates (`... WHERE hidden_at IS NULL` and the reverse), so
when two moderators click at once the row changes once. Hiding what is already hidden, or
showing what is visible, raises ValidationError and changes nothing. Who did it and when is in
the audit log (and `hidden_at`). The counts shown on lists (`Question.answer_count`,
`Thread.post_count`) count what everyone sees, so they follow hiding and showing.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Expression, F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..models import Answer, Post, Question, Report, Thread
from .checks import clean_text, rate_limit_check


@transaction.atomic
def report_create(*, reporter, reason: str, question=None, answer=None) -> Report:
    reason = clean_text(reason, field="reason", limit=500)
    rate_limit_check(person=reporter)
    return Report.objects.create(reporter=reporter, reason=reason, question=question, answer=answer)


def _set_hidden(model: type[models.Model], pk: int, *, hide: bool, **extra) -> bool:
    """Hide or show one row if it is not so already; returns whether it changed."""
    now = timezone.now()
    changed = model.objects.filter(pk=pk, hidden_at__isnull=hide).update(
        hidden_at=now if hide else None, updated_at=now, **extra
    )
    return bool(changed)


def _count_change(field: str, hide: bool) -> Expression:
    """-1 (never below zero) when something is hidden, +1 when it is shown again."""
    return Greatest(F(field) - 1, 0) if hide else F(field) + 1


def _resolve_reports(**target) -> None:
    Report.objects.filter(resolved_at__isnull=True, **target).update(resolved_at=timezone.now())


@transaction.atomic(durable=True)
def question_hide(*, actor, question: Question, hidden: bool = True) -> Question:
    """Hide a question (hidden=False: show it again). Hiding closes its open reports."""
    if not _set_hidden(Question, question.pk, hide=hidden, hidden_by=actor if hidden else None):
        raise ValidationError(
            _("This question was already hidden; nothing has changed.")
            if hidden
            else _("This question is not hidden; nothing has changed."),
            code="unchanged",
        )
    if hidden:
        _resolve_reports(question=question)
    audit_log(actor=actor, action="question.hide" if hidden else "question.show", target=question)
    question.refresh_from_db(fields=["hidden_at", "hidden_by", "updated_at"])
    return question


@transaction.atomic(durable=True)
def answer_hide(*, actor, answer: Answer, hidden: bool = True) -> Answer:
    """Hide an answer (hidden=False: show it again). Hiding closes its open reports."""
    if not _set_hidden(Answer, answer.pk, hide=hidden):
        raise ValidationError(
            _("This answer was already hidden; nothing has changed.")
            if hidden
            else _("This answer is not hidden; nothing has changed."),
            code="unchanged",
        )
    Question.objects.filter(pk=answer.question_id).update(
        answer_count=_count_change("answer_count", hidden)
    )
    if hidden:
        _resolve_reports(answer=answer)
    audit_log(
        actor=actor,
        action="answer.hide" if hidden else "answer.show",
        target=answer.question,
        answer_id=answer.pk,
    )
    answer.refresh_from_db(fields=["hidden_at", "updated_at"])
    return answer


def _post_set_hidden(*, actor, post: Post, hide: bool) -> Post:
    if not _set_hidden(Post, post.pk, hide=hide):
        raise ValidationError(
            _("This message was already hidden; nothing has changed.")
            if hide
            else _("This message is not hidden; nothing has changed."),
            code="unchanged",
        )
    # Not updated_at: hiding must not move the discussion to the top of the list.
    Thread.objects.filter(pk=post.thread_id).update(post_count=_count_change("post_count", hide))
    audit_log(
        actor=actor,
        action="post.hide" if hide else "post.show",
        target=post.thread,
        post_id=post.pk,
    )
    post.refresh_from_db(fields=["hidden_at", "updated_at"])
    return post


@transaction.atomic(durable=True)
def post_hide(*, actor, post: Post) -> Post:
    """Hide a discussion post: from then on only the network's moderators, the region's
    coordinators and the post's author see it."""
    return _post_set_hidden(actor=actor, post=post, hide=True)


@transaction.atomic(durable=True)
def post_show(*, actor, post: Post) -> Post:
    """Show a hidden discussion post to everyone again."""
    return _post_set_hidden(actor=actor, post=post, hide=False)


def report_dismiss(*, actor, report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now())
