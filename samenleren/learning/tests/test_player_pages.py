"""The catalogue, the module page and the lesson player, as a participant uses them."""

import pytest
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.learning.models import (
    LessonKind,
    LessonProgress,
    ModuleProgress,
    QuizAttempt,
    Rating,
    SavedModule,
)

from .factories import LessonFactory, ModuleFactory, OptionFactory, quiz_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(client):
    """Pages in English, so that the assertions read the msgids."""
    person = UserFactory(preferred_language="en")
    client.force_login(person)
    return person


def test_the_catalogue_home_shows_rows_and_an_empty_my_list(client, teacher):
    ModuleFactory(title="Lasersnijden in het TechLab")

    page = client.get(reverse("learning:home")).content.decode()

    assert "Lasersnijden in het TechLab" in page
    assert "Save a module with “Add to my list” to find it here later." in page


def test_the_search_page_has_an_empty_state_and_paging(client, teacher):
    for number in range(26):
        ModuleFactory(title=f"CNC-module {number}")

    empty = client.get(reverse("learning:catalogue"), {"q": "onderwaterlassen"})
    first = client.get(reverse("learning:catalogue"), {"q": "cnc"})

    assert "No modules match these filters." in empty.content.decode()
    assert first.context["page"].paginator.count == 26
    assert len(first.context["page"].object_list) == 24


def test_continue_leads_to_the_first_lesson_not_done(client, teacher):
    module = ModuleFactory(lessons=3)
    first, second, _third = module.lessons.all()
    client.post(reverse("learning:lesson_done", args=[module.pk, first.pk]))

    response = client.get(reverse("learning:resume", args=[module.pk]))

    assert response.url == reverse("learning:lesson", args=[module.pk, second.pk])


def test_done_goes_to_the_next_lesson_and_the_last_completes_the_module(client, teacher):
    module = ModuleFactory(lessons=2)
    first, last = module.lessons.all()

    step = client.post(reverse("learning:lesson_done", args=[module.pk, first.pk]))
    finish = client.post(reverse("learning:lesson_done", args=[module.pk, last.pk]), follow=True)

    assert step.url == reverse("learning:lesson", args=[module.pk, last.pk])
    assert finish.redirect_chain[-1][0] == reverse("learning:module", args=[module.pk])
    assert "Well done: you completed" in finish.content.decode()
    assert ModuleProgress.objects.get(person=teacher).completed_at is not None


def test_an_unpublished_module_is_not_found_and_nothing_is_written(client, teacher):
    module = ModuleFactory(is_published=False, published_at=None, lessons=1)
    lesson = module.lessons.get()

    assert client.get(reverse("learning:module", args=[module.pk])).status_code == 404
    assert (
        client.post(reverse("learning:lesson_done", args=[module.pk, lesson.pk])).status_code == 404
    )
    assert LessonProgress.objects.count() == 0


def test_a_lesson_of_another_module_is_not_found(client, teacher):
    module, other = ModuleFactory(lessons=1), ModuleFactory(lessons=1)

    response = client.post(
        reverse("learning:lesson_done", args=[module.pk, other.lessons.get().pk])
    )

    assert response.status_code == 404


def test_the_video_loads_only_after_the_person_asks_for_it(client, teacher):
    module = ModuleFactory(lessons=0)
    lesson = LessonFactory(
        module=module,
        kind=LessonKind.VIDEO,
        video_url="https://youtu.be/dQw4w9WgXcQ",
        embed_url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    )
    url = reverse("learning:lesson", args=[module.pk, lesson.pk])

    before = client.get(url).content.decode()
    after = client.get(url, {"video": "1"}).content.decode()

    assert "<iframe" not in before
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in after


def test_a_quiz_with_an_unknown_option_shows_the_form_again_and_writes_nothing(client, teacher):
    module = ModuleFactory(lessons=0)
    lesson, right, _wrong = quiz_lesson(module)
    stranger = OptionFactory()

    response = client.post(
        reverse("learning:quiz", args=[module.pk, lesson.pk]),
        {f"q{right.question_id}": [str(stranger.pk)]},
    )
    garbage = client.post(
        reverse("learning:quiz", args=[module.pk, lesson.pk]), {f"q{right.question_id}": "abc"}
    )

    assert (response.status_code, garbage.status_code) == (400, 400)
    assert "That answer does not belong to this question." in response.content.decode()
    assert f'aria-describedby="error-q{right.question_id}"' in response.content.decode()
    assert QuizAttempt.objects.count() == 0


def test_a_quiz_answered_twice_keeps_the_first_pass(client, teacher):
    module = ModuleFactory(lessons=1)
    lesson, right, wrong = quiz_lesson(module, position=2)
    url = reverse("learning:quiz", args=[module.pk, lesson.pk])

    client.post(url, {f"q{right.question_id}": str(right.pk)})
    again = client.post(url, {f"q{wrong.question_id}": str(wrong.pk)}, follow=True)

    assert "You had already passed this quiz" in again.content.decode()
    assert QuizAttempt.objects.get().score == 100


def test_opening_an_external_link_records_the_lesson_as_done(client, teacher):
    module = ModuleFactory(lessons=0)
    lesson = LessonFactory(
        module=module, kind=LessonKind.LINK, link_url="https://www.sterktechniekonderwijs.nl/"
    )

    response = client.get(reverse("learning:lesson_open", args=[module.pk, lesson.pk]))

    assert response.url == "https://www.sterktechniekonderwijs.nl/"
    assert LessonProgress.objects.get(person=teacher, lesson=lesson).done_at is not None


def test_my_list_and_useful_are_saved_per_person(client, teacher):
    module = ModuleFactory()

    client.post(reverse("learning:save", args=[module.pk]), {"bewaar": "1"})
    client.post(reverse("learning:rate", args=[module.pk]), {"nuttig": "ja"})
    client.post(reverse("learning:rate", args=[module.pk]), {"nuttig": "nee"})
    client.post(reverse("learning:rate", args=[module.pk]), {"nuttig": "misschien"})

    assert SavedModule.objects.filter(person=teacher, module=module).count() == 1
    assert list(Rating.objects.values_list("useful", flat=True)) == [False]


def test_my_learning_shows_hours_badges_and_the_home_section(client, teacher):
    module = ModuleFactory(title="Veilig lassen", lessons=1)
    client.post(reverse("learning:lesson_done", args=[module.pk, module.lessons.get().pk]))

    mine = client.get(reverse("learning:mine")).content.decode()
    home = client.get(reverse("core:home")).content.decode()

    assert '<span class="stat" id="study-hours">1.50</span>' in mine
    assert "Veilig lassen" in mine
    assert "study hours from completed modules" in home


def test_an_uploaded_video_is_served_and_starts_where_the_person_stopped(client, teacher):
    from django.core.files.base import ContentFile

    module = ModuleFactory(lessons=0)
    lesson = LessonFactory(module=module, kind=LessonKind.VIDEO, body="")
    lesson.video_file.save("les.mp4", ContentFile(b"\0\0\0\x18ftypmp42" + b"\0" * 8))
    client.post(
        f"/api/v1/modules/{module.pk}/progress",
        {"lesson_id": lesson.pk, "done": False, "position": 95},
        content_type="application/json",
    )

    page = client.get(reverse("learning:lesson", args=[module.pk, lesson.pk])).content.decode()
    video = client.get(reverse("learning:lesson_file", args=[module.pk, lesson.pk]))
    content = b"".join(video.streaming_content)  # reading it to the end closes the file

    assert f'data-lesson-id="{lesson.pk}" data-start="95"' in page
    assert 'src="/static/learning/player.js"' in page
    assert (video.status_code, video["Content-Type"], content[4:8]) == (200, "video/mp4", b"ftyp")
    assert LessonProgress.objects.get(lesson=lesson).done_at is None


def test_my_completed_modules_download_as_csv_for_the_competence_file(client, teacher):
    module = ModuleFactory(title="Veilig lassen; de basis", lessons=1)
    client.post(reverse("learning:lesson_done", args=[module.pk, module.lessons.get().pk]))
    badge = teacher.badge_assertions.get()

    response = client.get(reverse("learning:mine_export"))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0] == "Module;Completed on;Study hours;Badge"
    assert lines[1].startswith('"Veilig lassen; de basis";')
    assert lines[1].endswith(f";1,50;http://testserver/leren/badge/{badge.uuid}/")


def test_a_completed_module_offers_to_watch_again_from_the_first_lesson(client, teacher):
    module = ModuleFactory(lessons=1)
    lesson = module.lessons.get()
    client.post(reverse("learning:lesson_done", args=[module.pk, lesson.pk]))

    page = client.get(reverse("learning:module", args=[module.pk])).content.decode()

    watch_again = reverse("learning:lesson", args=[module.pk, lesson.pk])
    assert f'<a class="button button-big" href="{watch_again}">Watch again</a>' in page
