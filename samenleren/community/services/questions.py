"""Questions on the board: asking, editing, the status, 'ik ook' and following."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log
from samenleren.core.text import search_document

from ..matching import document_terms
from ..models import (
    MAX_TITLE,
    OPEN_STATUSES,
    Follow,
    MeToo,
    Question,
    QuestionSource,
    QuestionStatus,
    Visibility,
)
from .checks import clean_tags, clean_text, rate_limit_check


def _index(question: Question) -> None:
    terms = document_terms(question.title, question.text)
    question.terms = " ".join(terms)
    question.search_text = search_document(question.title, question.text, compounds=True)


@transaction.atomic
def question_create(
    *,
    author,
    region,
    text: str,
    title: str = "",
    tags=(),
    visibility: str = Visibility.REGION,
    organisation=None,
    source: str = QuestionSource.ASKED,
    source_key: str | None = None,
    check_rate: bool = True,
) -> Question:
    errors: dict[str, list[str]] = {}
    values = {}
    for field, value, kwargs in (
        ("text", text, {}),
        ("title", title, {"required": False, "limit": MAX_TITLE}),
    ):
        try:
            values[field] = clean_text(value, field=field, **kwargs)
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        values["tags"] = clean_tags(tags)
    except ValidationError as error:
        errors.update(error.message_dict)
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who may see the question.")]
    if organisation is not None and organisation.region_id != region.pk:
        errors["organisation"] = [_("This organisation is not in the region.")]
    if errors:
        raise ValidationError(errors)
    if check_rate:
        rate_limit_check(person=author)
    question = Question(
        region=region,
        author=author,
        organisation=organisation,
        visibility=visibility,
        source=source,
        source_key=source_key,
        **values,
    )
    _index(question)
    question.save()
    if author is not None:
        Follow.objects.get_or_create(question=question, person=author)
    audit_log(actor=author, action="question.create", target=question, question_id=question.pk)
    return question


def question_metoo(*, question: Question, person, organisation=None, join: bool = True) -> bool:
    """'Ik ook': join a question (and follow it), or leave it again. Returns whether joined."""
    with transaction.atomic():
        if join:
            try:
                with transaction.atomic():
                    MeToo.objects.create(
                        question=question, person=person, organisation=organisation
                    )
            except IntegrityError:
                return True
            Follow.objects.get_or_create(question=question, person=person)
            Question.objects.filter(pk=question.pk).update(metoo_count=F("metoo_count") + 1)
            return True
        deleted, _rows = MeToo.objects.filter(question=question, person=person).delete()
        if deleted:
            Question.objects.filter(pk=question.pk).update(metoo_count=F("metoo_count") - 1)
        return False


def question_follow(*, question: Question, person, follow: bool = True) -> None:
    if follow:
        Follow.objects.get_or_create(question=question, person=person)
    else:
        Follow.objects.filter(question=question, person=person).delete()


@transaction.atomic
def question_status_set(*, actor, question: Question, status: str) -> Question:
    if status not in QuestionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    question.status = status
    question.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="question.status", target=question, status=status)
    return question


@transaction.atomic
def question_edit(*, actor, question: Question, text: str, title: str = "", tags=()) -> Question:
    question.text = clean_text(text, field="text")
    question.title = clean_text(title, field="title", required=False, limit=MAX_TITLE)
    question.tags = clean_tags(tags)
    _index(question)
    question.save(update_fields=["text", "title", "tags", "terms", "search_text", "updated_at"])
    return question


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)
