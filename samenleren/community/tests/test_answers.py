"""Answers, helpful marks, following with mail, reports and hiding by the coordinators."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from samenleren.community.models import Answer, Report
from samenleren.community.services.answers import answer_create, answer_mark_helpful
from samenleren.community.services.moderation import question_hide
from samenleren.community.services.questions import question_follow
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

from .factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


def member(region, **kwargs):
    return AffiliationFactory(organisation=OrganisationFactory(region=region), **kwargs).person


def test_an_answer_mails_the_asker_and_followers_in_their_language(
    region, django_capture_on_commit_callbacks
):
    asker = member(region, person__preferred_language="nl")
    follower = member(region, person__preferred_language="en")
    answerer = member(region)
    question = QuestionFactory(region=region, author=asker, text="Wie heeft PIE-lesmateriaal?")
    question_follow(question=question, person=asker)
    question_follow(question=question, person=follower)

    with django_capture_on_commit_callbacks(execute=True):
        answer_create(question=question, author=answerer, text="Kijk eens bij Techniek Vooruit.")

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_recipient) == sorted([asker.email, follower.email])
    for person, language in ((asker, "nl"), (follower, "en")):
        with translation.override(language):
            subject = translation.gettext("New answer: %(title)s") % {"title": question.headline}
        assert by_recipient[person.email].subject == f"[Samen Leren] {subject}"
    assert "Kijk eens bij Techniek Vooruit." in by_recipient[asker.email].body
    assert by_recipient[asker.email].alternatives[0].mimetype == "text/html"
    question.refresh_from_db()
    assert question.answer_count == 1


def test_answering_on_the_page_with_an_empty_text_shows_the_error(client, region):
    question = QuestionFactory(region=region)
    client.force_login(member(region))

    response = client.post(reverse("community:answer", args=[question.pk]), {"text": " "})

    assert response.status_code == 400
    assert Answer.objects.count() == 0


def test_helpful_marks_count_once_per_person(region):
    answer = AnswerFactory(question=QuestionFactory(region=region))
    person = member(region)

    answer_mark_helpful(answer=answer, person=person)
    answer_mark_helpful(answer=answer, person=person)
    answer.refresh_from_db()
    assert answer.helpful_count == 1

    answer_mark_helpful(answer=answer, person=person, helpful=False)
    answer.refresh_from_db()
    assert answer.helpful_count == 0


def test_a_report_reaches_the_coordinators_and_hiding_closes_it(client, region):
    question = QuestionFactory(region=region, text="Reclame voor mijn bedrijf!")
    reporter = member(region)
    client.force_login(reporter)
    client.post(reverse("community:report", args=[question.pk]), {"reason": "Dit is reclame."})
    coordinator = coordinator_of(region)
    client.force_login(coordinator)

    triage = client.get(reverse("community:triage"))
    assert [r.question for r in triage.context["reports"]] == [question]

    client.post(reverse("community:question_manage", args=[question.pk]), {"action": "hide"})

    question.refresh_from_db()
    assert question.is_hidden
    assert Report.objects.get().resolved_at is not None
    client.force_login(reporter)
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_hidden_answer_is_not_shown_to_peers(client, region):
    answer = AnswerFactory(question=QuestionFactory(region=region), text="Ongepast antwoord")
    client.force_login(coordinator_of(region))
    client.post(reverse("community:answer_manage", args=[answer.pk]), {"action": "hide"})
    client.force_login(member(region))

    content = client.get(answer.question.get_absolute_url()).content.decode()

    assert "Ongepast antwoord" not in content


def test_a_hidden_question_leaves_the_similar_list(region):
    from samenleren.community.selectors import similar_questions

    person = member(region)
    question = QuestionFactory(region=region, text="Wie heeft een cursus lassen?")
    assert [s.question for s in similar_questions(user=person, region=region, text="lassen")] == [
        question
    ]

    question_hide(actor=coordinator_of(region), question=question)

    assert similar_questions(user=person, region=region, text="lassen") == []
