"""The learning API: the catalogue, one module, progress and recommendations."""

import pytest

from samenleren.accounts.tests.factories import UserFactory
from samenleren.learning.models import LessonProgress, ModuleProgress
from samenleren.network.models import Profile

from .factories import ModuleFactory, completed, quiz_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    someone = UserFactory(preferred_language="en")
    client.force_login(someone)
    return someone


def test_modules_are_listed_paged_with_search_and_filters(client, person):
    pie = Profile.objects.get_or_create(code="PIE")[0]
    ModuleFactory(title="Lasersnijden voor beginners", profiles=[pie])
    ModuleFactory(title="Lasersnijden gevorderd")
    ModuleFactory(title="Lasersnijden (concept)", is_published=False, published_at=None)

    found = client.get(
        "/api/v1/modules", {"search": "lasersnijden beginner", "profile": "PIE"}
    ).json()
    paged = client.get("/api/v1/modules", {"page_size": 1}).json()

    assert [m["title"] for m in found["results"]] == ["Lasersnijden voor beginners"]
    assert found["results"][0]["profiles"] == ["PIE"]
    assert (paged["count"], len(paged["results"])) == (2, 1)


def test_bad_filters_answer_422_json(client, person):
    response = client.get("/api/v1/modules", {"level": "expert"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "level"


def test_one_module_shows_lessons_and_progress(client, person):
    module = ModuleFactory(lessons=2)
    first = module.lessons.first()
    client.post(
        f"/api/v1/modules/{module.pk}/progress",
        {"lesson_id": first.pk},
        content_type="application/json",
    )

    detail = client.get(f"/api/v1/modules/{module.pk}").json()

    assert [(lesson["id"], lesson["done"]) for lesson in detail["lessons"]] == [
        (first.pk, True),
        (module.lessons.last().pk, False),
    ]
    assert detail["progress"]["percent"] == 50


def test_progress_completes_the_module_once(client, person):
    module = ModuleFactory(lessons=1)
    lesson = module.lessons.get()
    url = f"/api/v1/modules/{module.pk}/progress"

    first = client.post(url, {"lesson_id": lesson.pk}, content_type="application/json").json()
    second = client.post(url, {"lesson_id": lesson.pk}, content_type="application/json").json()

    assert (first["completed"], first["completed_now"], len(first["badge_urls"])) == (True, True, 1)
    assert (second["completed"], second["completed_now"], second["badge_urls"]) == (True, False, [])


def test_progress_for_a_module_one_cannot_see_is_404_and_writes_nothing(client, person):
    hidden = ModuleFactory(is_published=False, published_at=None, lessons=1)

    response = client.post(
        f"/api/v1/modules/{hidden.pk}/progress",
        {"lesson_id": hidden.lessons.get().pk},
        content_type="application/json",
    )

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert LessonProgress.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"lesson_id": "elf"}, 422, "lesson_id"),
        ({}, 422, "lesson_id"),
        ({"lesson_id": 0, "position": -1}, 422, "position"),
    ],
)
def test_bad_progress_input_answers_json_and_writes_nothing(client, person, payload, status, field):
    module = ModuleFactory(lessons=1)

    response = client.post(
        f"/api/v1/modules/{module.pk}/progress", payload, content_type="application/json"
    )

    assert response.status_code == status
    assert response.json()["errors"][0]["field"] == field
    assert ModuleProgress.objects.count() == 0


def test_a_lesson_of_another_module_or_an_unpassed_quiz_is_refused(client, person):
    module, other = ModuleFactory(lessons=0), ModuleFactory(lessons=1)
    quiz, _right, _wrong = quiz_lesson(module)
    url = f"/api/v1/modules/{module.pk}/progress"

    foreign = client.post(
        url, {"lesson_id": other.lessons.get().pk}, content_type="application/json"
    )
    unpassed = client.post(url, {"lesson_id": quiz.pk}, content_type="application/json")

    assert (foreign.status_code, foreign.json()["detail"]) == (
        422,
        "This lesson is not part of this module.",
    )
    assert unpassed.status_code == 400
    assert (
        unpassed.json()["detail"] == "A quiz counts as done once you pass it: answer its questions."
    )
    assert LessonProgress.objects.count() == 0


def test_recommendations_come_with_a_reason(client, person):
    first, second = ModuleFactory(title="CNC-frezen"), ModuleFactory(title="CNC-draaien")
    for other in (UserFactory(), UserFactory()):
        completed(other, first)
        completed(other, second)
    completed(person, first)

    result = client.get("/api/v1/me/recommendations").json()

    assert result[0]["module"]["title"] == "CNC-draaien"
    assert (result[0]["reason"], result[0]["reason_kind"]) == (
        "Because you did CNC-frezen",
        "because",
    )


def test_the_api_needs_a_signed_in_person(client):
    assert client.get("/api/v1/modules").status_code == 401
    assert client.get("/api/v1/me/recommendations").status_code == 401
