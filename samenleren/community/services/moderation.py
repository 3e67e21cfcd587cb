"""Moderation: reports; hiding questions, answers, discussion posts and whole discussions and
showing them again; dismissing reports.

Hiding and showing are conditional updates (`... WHERE hidden_at IS NULL` and the reverse), so
when two moderators click at once the row changes once. Hiding what is already hidden, or
showing what is visible, raises ValidationError and changes nothing. Who did it, when and why
(an optional short reason) are stored on the row (`hidden_by`, `hidden_at`, `hidden_reason`,
cleared on showing) and in the audit log. The counts shown on lists (`Question.answer_count`,
`Thread.post_count`) count what everyone sees, so they follow hiding and showing.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Expression, F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..models import MAX_HIDDEN_REASON, Answer, Post, Question, Report, Thread
from .checks import clean_text, rate_limit_check


@transaction.atomic
def report_create(*, reporter, reason: str, question=None, answer=None) -> Report:
    reason = clean_text(reason, field="reason", limit=500)
    rate_limit_check(person=reporter)
    return Report.objects.create(reporter=reporter, reason=reason, question=question, answer=answer)


def clean_hidden_reason(reason: str | None) -> str:
    """The moderator's optional reason as one short line: line breaks and runs of spaces
    become one space, control characters go, at most MAX_HIDDEN_REASON characters. It is
    plain text (escaped wherever it is shown), like every other text on the board."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in reason or "")
    text = " ".join(text.split())
    if len(text) > MAX_HIDDEN_REASON:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _(
                        "The reason is %(length)s characters long; at most %(limit)s are "
                        "allowed. Keep it short, for example “personal data” or “advertising”."
                    )
                    % {"length": len(text), "limit": MAX_HIDDEN_REASON},
                    code="reason_too_long",
                )
            }
        )
    return text


def _person(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", True) else None


def _set_hidden(
    model: type[models.Model], pk: int, *, hide: bool, actor, reason: str = "", touch: bool = True
) -> bool:
    """Hide or show one row if it is not so already; returns whether it changed. Showing
    clears who hid it and why. touch=False leaves `updated_at` alone (lists ordered by it)."""
    now = timezone.now()
    values = {
        "hidden_at": now if hide else None,
        "hidden_by": _person(actor) if hide else None,
        "hidden_reason": reason if hide else "",
    }
    if touch:
        values["updated_at"] = now
    return bool(model.objects.filter(pk=pk, hidden_at__isnull=hide).update(**values))


def _audit(*, actor, kind: str, hide: bool, target, reason: str, **data) -> None:
    if hide and reason:
        data["reason"] = reason
    audit_log(actor=actor, action=f"{kind}.{'hide' if hide else 'show'}", target=target, **data)


def _count_change(field: str, hide: bool) -> Expression:
    """-1 (never below zero) when something is hidden, +1 when it is shown again."""
    return Greatest(F(field) - 1, 0) if hide else F(field) + 1


def _resolve_reports(**target) -> None:
    Report.objects.filter(resolved_at__isnull=True, **target).update(resolved_at=timezone.now())


HIDDEN_FIELDS = ["hidden_at", "hidden_by", "hidden_reason", "updated_at"]


@transaction.atomic(durable=True)
def question_hide(*, actor, question: Question, hidden: bool = True, reason: str = "") -> Question:
    """Hide a question (hidden=False: show it again), with an optional short reason. Hiding
    closes its open reports."""
    reason = clean_hidden_reason(reason) if hidden else ""
    if not _set_hidden(Question, question.pk, hide=hidden, actor=actor, reason=reason):
        raise ValidationError(
            _("This question was already hidden; nothing has changed.")
            if hidden
            else _("This question is not hidden; nothing has changed."),
            code="unchanged",
        )
    if hidden:
        _resolve_reports(question=question)
    _audit(actor=actor, kind="question", hide=hidden, target=question, reason=reason)
    question.refresh_from_db(fields=HIDDEN_FIELDS)
    return question


@transaction.atomic(durable=True)
def answer_hide(*, actor, answer: Answer, hidden: bool = True, reason: str = "") -> Answer:
    """Hide an answer (hidden=False: show it again), with an optional short reason. Hiding
    closes its open reports."""
    reason = clean_hidden_reason(reason) if hidden else ""
    if not _set_hidden(Answer, answer.pk, hide=hidden, actor=actor, reason=reason):
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
    _audit(
        actor=actor,
        kind="answer",
        hide=hidden,
        target=answer.question,
        reason=reason,
        answer_id=answer.pk,
    )
    answer.refresh_from_db(fields=HIDDEN_FIELDS)
    return answer


def _post_set_hidden(*, actor, post: Post, hide: bool, reason: str = "") -> Post:
    if not _set_hidden(Post, post.pk, hide=hide, actor=actor, reason=reason):
        raise ValidationError(
            _("This message was already hidden; nothing has changed.")
            if hide
            else _("This message is not hidden; nothing has changed."),
            code="unchanged",
        )
    # Not the thread's updated_at: hiding must not move the discussion to the top of the list.
    Thread.objects.filter(pk=post.thread_id).update(post_count=_count_change("post_count", hide))
    _audit(actor=actor, kind="post", hide=hide, target=post.thread, reason=reason, post_id=post.pk)
    post.refresh_from_db(fields=HIDDEN_FIELDS)
    return post


@transaction.atomic(durable=True)
def post_hide(*, actor, post: Post, reason: str = "") -> Post:
    """Hide a discussion post, with an optional short reason: from then on only the network's
    moderators, the region's coordinators and the post's author see it."""
    return _post_set_hidden(actor=actor, post=post, hide=True, reason=clean_hidden_reason(reason))


@transaction.atomic(durable=True)
def post_show(*, actor, post: Post) -> Post:
    """Show a hidden discussion post to everyone again."""
    return _post_set_hidden(actor=actor, post=post, hide=False)


def _thread_set_hidden(*, actor, thread: Thread, hide: bool, reason: str = "") -> Thread:
    # touch=False: hiding or showing must not move the discussion to the top of the list.
    if not _set_hidden(Thread, thread.pk, hide=hide, actor=actor, reason=reason, touch=False):
        raise ValidationError(
            _("This discussion was already hidden; nothing has changed.")
            if hide
            else _("This discussion is not hidden; nothing has changed."),
            code="unchanged",
        )
    _audit(actor=actor, kind="thread", hide=hide, target=thread, reason=reason, thread_id=thread.pk)
    thread.refresh_from_db(fields=HIDDEN_FIELDS)
    return thread


@transaction.atomic(durable=True)
def thread_hide(*, actor, thread: Thread, reason: str = "") -> Thread:
    """Hide a whole discussion, with an optional short reason: it leaves the network page for
    everyone but the moderators (the network's and the region's coordinators); whoever started
    it still opens it, and nobody can reply while it is hidden."""
    return _thread_set_hidden(
        actor=actor, thread=thread, hide=True, reason=clean_hidden_reason(reason)
    )


@transaction.atomic(durable=True)
def thread_show(*, actor, thread: Thread) -> Thread:
    """Show a hidden discussion to everyone again."""
    return _thread_set_hidden(actor=actor, thread=thread, hide=False)


def report_dismiss(*, actor, report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now())
