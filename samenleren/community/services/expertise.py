"""Synonyms and expertise for matching, and contacting someone who can help."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..matching import document_terms, synonyms_changed
from ..models import Expertise, Question, Synonym
from .checks import clean_text, mail_after_commit, rate_limit_check


@transaction.atomic
def synonym_save(*, actor, region, words: str, synonym: Synonym | None = None) -> Synonym:
    words = clean_text(words, field="words", limit=500)
    phrases = [p.strip() for p in words.split("~") if p.strip()]
    if len(phrases) < 2:
        raise ValidationError({"words": _('Give at least two words or phrases, separated by "~".')})
    synonym = synonym or Synonym(region=region)
    synonym.words = " ~ ".join(phrases)
    synonym.save()
    audit_log(actor=actor, action="synonym.save", target=synonym)
    transaction.on_commit(synonyms_changed)
    return synonym


@transaction.atomic
def synonym_delete(*, actor, synonym: Synonym) -> None:
    audit_log(actor=actor, action="synonym.delete", target=synonym)
    synonym.delete()
    transaction.on_commit(synonyms_changed)


def expertise_save(*, person, text: str) -> Expertise | None:
    text = clean_text(text, field="text", required=False, limit=500)
    if not text:
        Expertise.objects.filter(person=person).delete()
        return None
    expertise, _created = Expertise.objects.update_or_create(
        person=person, defaults={"text": text, "terms": " ".join(document_terms(text))}
    )
    return expertise


@transaction.atomic
def contact_send(*, sender, helper, question: Question, message: str) -> None:
    """A message to someone who can help, by mail through the platform; the helper's address
    is never shown to the sender."""
    message = clean_text(message, field="message", limit=2000)
    rate_limit_check(person=sender)
    audit_log(actor=sender, action="community.contact", target=question, helper_id=helper.pk)
    mail_after_commit(
        "contact", [helper.pk], question_id=question.pk, sender_id=sender.pk, message=message
    )
