"""Answers to a question and marking them helpful."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..models import Answer, HelpfulMark, Question
from .checks import clean_text, mail_after_commit, rate_limit_check


@transaction.atomic
def answer_create(*, question: Question, author, text: str) -> Answer:
    text = clean_text(text, field="text")
    if question.is_hidden:
        raise ValidationError(_("This question is hidden; it cannot be answered."))
    rate_limit_check(person=author)
    answer = Answer.objects.create(question=question, author=author, text=text)
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
    from ..selectors import follower_ids

    mail_after_commit(
        "answer",
        follower_ids(question=question) - {author.pk},
        question_id=question.pk,
        answer_id=answer.pk,
    )
    audit_log(actor=author, action="answer.create", target=question, answer_id=answer.pk)
    return answer


def answer_mark_helpful(*, answer: Answer, person, helpful: bool = True) -> None:
    with transaction.atomic():
        if helpful:
            try:
                with transaction.atomic():
                    HelpfulMark.objects.create(answer=answer, person=person)
            except IntegrityError:
                return
            Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") + 1)
        else:
            deleted, _rows = HelpfulMark.objects.filter(answer=answer, person=person).delete()
            if deleted:
                Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") - 1)
