"""The question board in the API."""

import pytest
from django.utils.translation import gettext as _

from samenleren.accounts.services import api_token_create
from samenleren.community.models import Question
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def teacher(region):
    return AffiliationFactory(organisation=OrganisationFactory(region=region)).person


@pytest.fixture
def api(client, teacher):
    _token, raw = api_token_create(user=teacher, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def test_post_a_question(api, region, teacher):
    response = api.post(
        "/api/v1/questions",
        {"text": "Wie heeft lesmateriaal over zonnepanelen?", "tags": ["PIE", "energie"]},
        content_type="application/json",
    )

    assert response.status_code == 201
    question = Question.objects.get()
    assert response.json()["id"] == question.pk
    assert (question.author, question.region, question.tags) == (
        teacher,
        region,
        ["PIE", "energie"],
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "Vraag", "tags": ["x"]}, "tags"),
    ],
)
def test_bad_questions_are_refused_with_400(api, payload, field):
    response = api.post("/api/v1/questions", payload, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert Question.objects.count() == 0


def test_list_searches_and_pages(api, region):
    wanted = QuestionFactory(region=region, text="Cursus frezen op de CNC-machine gezocht")
    QuestionFactory(region=region, text="Hoe plannen jullie de toetsweek?")

    response = api.get("/api/v1/questions", {"search": "freesmachine", "page_size": 10})

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert [(q["id"], q["text"]) for q in response.json()["results"]] == [(wanted.pk, wanted.text)]


def test_similar_to_a_text_and_to_a_question_are_ranked_with_a_score(api, region):
    first = QuestionFactory(region=region, text="Wie heeft lesmateriaal voor PIE?")
    second = QuestionFactory(region=region, text="Lesmateriaal PIE leerjaar 3 gezocht")
    QuestionFactory(region=region, text="Hoe plannen jullie de toetsweek?")

    by_text = api.get("/api/v1/questions/similar", {"text": "lesmateriaal PIE", "limit": 5})
    by_question = api.get(f"/api/v1/questions/{first.pk}/similar", {"limit": 1})

    assert by_text.status_code == 200
    assert sorted(r["id"] for r in by_text.json()) == sorted([first.pk, second.pk])
    assert all(r["score"] > 0 for r in by_text.json())
    assert [r["id"] for r in by_question.json()] == [second.pk]


def test_similar_needs_a_text_and_sane_limits(api):
    assert api.get("/api/v1/questions/similar", {"text": ""}).status_code == 422
    assert api.get("/api/v1/questions/similar", {"text": "x", "limit": 500}).status_code == 422


def test_a_question_of_another_region_is_not_found(api):
    other = QuestionFactory(region=RegionFactory())

    response = api.get(f"/api/v1/questions/{other.pk}/similar")

    assert response.status_code == 404
    assert response.json() == {"detail": _("Not found.")}
