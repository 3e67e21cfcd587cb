"""Authoring by coordinators and trainers: modules, lessons, order, quizzes, publishing,
uploads that are checked, export and import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.core.text import search_document
from samenleren.learning.models import Lesson, LessonKind, Module, Option, Question
from samenleren.network.models import Role
from samenleren.network.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)

from .factories import LessonFactory, ModuleFactory, quiz_lesson

pytestmark = pytest.mark.django_db
MODULE_FIELDS = {
    "title": "Veilig lassen",
    "summary": "Lassen zonder brandwonden.",
    "duration_minutes": "45",
    "level": "basic",
    "study_hours": "1.5",
    "provider": "Maas Metaal & Montage",
    "language": "nl",
    "themes_text": "Veilig lassen, Metaal",
}


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def coordinator(client, region, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests
    person = coordinator_of(region, preferred_language="en")
    client.force_login(person)
    return person


def test_a_coordinator_creates_a_draft_module_in_their_region(client, coordinator, region):
    response = client.post(reverse("learning:manage_create"), MODULE_FIELDS)

    module = Module.objects.get()
    assert response.url == reverse("learning:manage_module", args=[module.pk])
    assert (module.region, module.is_published, module.slug) == (region, False, "veilig-lassen")
    assert sorted(t.name for t in module.themes.all()) == ["Metaal", "Veilig lassen"]
    assert module.search_text == search_document(
        "Veilig lassen",
        "Lassen zonder brandwonden.",
        "Maas Metaal & Montage",
        "Veilig lassen",
        "Metaal",
    )


def test_a_trainer_creates_modules_for_their_organisation_and_edits_only_those(client, region):
    company = OrganisationFactory(region=region, kind="company", brin="")
    trainer = RoleAssignmentFactory(role=Role.TRAINER, organisation=company).person
    someone_elses = ModuleFactory(region=region)
    client.force_login(trainer)

    client.post(reverse("learning:manage_create"), MODULE_FIELDS)

    assert Module.objects.get(title="Veilig lassen").provider_organisation == company
    assert client.get(reverse("learning:manage_module", args=[someone_elses.pk])).status_code == 403


def test_a_wrong_type_or_oversized_cover_is_refused_with_a_message(client, coordinator):
    fake = SimpleUploadedFile("omslag.jpg", b"MZ not an image", content_type="image/jpeg")

    response = client.post(reverse("learning:manage_create"), {**MODULE_FIELDS, "cover": fake})

    assert response.status_code == 200
    assert Module.objects.count() == 0
    errors = response.context["form"].errors["cover"]
    assert len(errors) == 1


def test_a_broken_video_link_keeps_the_lesson_form_with_a_clear_message(
    client, coordinator, region
):
    module = ModuleFactory(region=region, lessons=0)
    url = reverse("learning:lesson_create", args=[module.pk]) + "?soort=video"

    response = client.post(
        url,
        {"title": "Kijk mee", "minutes": "5", "video_url": "https://www.youtube.com/watch?v=kapot"},
    )

    assert (
        response.context["form"]
        .errors["video_url"][0]
        .startswith("We do not recognise this video link.")
    )
    assert 'id="id_video_url_errors"' in response.content.decode()
    assert Lesson.objects.count() == 0


def test_a_good_video_link_is_stored_as_a_privacy_friendly_embed(client, coordinator, region):
    module = ModuleFactory(region=region, lessons=0)

    client.post(
        reverse("learning:lesson_create", args=[module.pk]) + "?soort=video",
        {"title": "Kijk mee", "minutes": "5", "video_url": "https://vimeo.com/76979871"},
    )

    assert Lesson.objects.get().embed_url == "https://player.vimeo.com/video/76979871"


def test_a_download_must_be_an_allowed_file(client, coordinator, region):
    module = ModuleFactory(region=region, lessons=0)
    url = reverse("learning:lesson_create", args=[module.pk]) + "?soort=download"

    bad = client.post(
        url, {"title": "Handleiding", "minutes": "5", "file": SimpleUploadedFile("x.pdf", b"MZ")}
    )
    good = client.post(
        url,
        {"title": "Handleiding", "minutes": "5", "file": SimpleUploadedFile("x.pdf", b"%PDF-1.7")},
    )

    assert bad.status_code == 200
    assert good.status_code == 302
    assert Lesson.objects.get().file.name.startswith("learning/files/x")


def test_text_is_sanitised_when_saved(client, coordinator, region):
    module = ModuleFactory(region=region, lessons=0)

    client.post(
        reverse("learning:lesson_create", args=[module.pk]) + "?soort=text",
        {"title": "Lees", "minutes": "5", "body": "<p>Hoi<script>alert(1)</script></p>"},
    )

    assert Lesson.objects.get().body == "<p>Hoi</p>"


def test_lessons_move_up_and_down_without_javascript(client, coordinator, region):
    module = ModuleFactory(region=region, lessons=3)
    first, second, third = module.lessons.all()

    client.post(reverse("learning:lesson_move", args=[module.pk, third.pk]), {"richting": "up"})
    client.post(reverse("learning:lesson_move", args=[module.pk, first.pk]), {"richting": "up"})
    client.post(reverse("learning:lesson_move", args=[module.pk, first.pk]), {"richting": "down"})

    order = list(
        Lesson.objects.filter(module=module).order_by("position").values_list("pk", "position")
    )
    assert order == [(third.pk, 1), (first.pk, 2), (second.pk, 3)]


def test_a_quiz_question_needs_a_right_answer_and_saves_its_options(client, coordinator, region):
    module = ModuleFactory(region=region, lessons=0)
    lesson = LessonFactory(module=module, kind=LessonKind.QUIZ, body="")
    url = reverse("learning:question_create", args=[module.pk, lesson.pk])
    fields = {
        "text": "Wat eerst?",
        "option_1": "Vrijschakelen",
        "option_2": "Aarden",
        "feedback_1": "Juist.",
    }

    wrong = client.post(url, fields)
    right = client.post(url, {**fields, "correct_1": "on"})

    assert "Mark at least one answer as right." in wrong.content.decode()
    assert right.status_code == 302
    assert list(Option.objects.values_list("text", "correct", "feedback")) == [
        ("Vrijschakelen", True, "Juist."),
        ("Aarden", False, ""),
    ]


def test_publishing_needs_lessons_and_makes_the_badge(client, coordinator, region):
    empty = ModuleFactory(region=region, lessons=0, is_published=False, published_at=None)
    ready = ModuleFactory(region=region, lessons=1, is_published=False, published_at=None)

    client.post(reverse("learning:manage_publish", args=[empty.pk]), {"publiceer": "1"})
    client.post(reverse("learning:manage_publish", args=[ready.pk]), {"publiceer": "1"})

    empty.refresh_from_db()
    ready.refresh_from_db()
    assert (empty.is_published, ready.is_published) == (False, True)
    assert ready.badge.name == ready.title


def test_a_quiz_without_questions_blocks_publishing(client, coordinator, region):
    module = ModuleFactory(region=region, lessons=1, is_published=False, published_at=None)
    LessonFactory(module=module, kind=LessonKind.QUIZ, title="Toets", body="")

    response = client.post(
        reverse("learning:manage_publish", args=[module.pk]), {"publiceer": "1"}, follow=True
    )

    assert "Give every quiz at least one question first: Toets." in response.content.decode()
    module.refresh_from_db()
    assert module.is_published is False


def test_authors_preview_an_unpublished_module(client, coordinator, region):
    module = ModuleFactory(region=region, is_published=False, published_at=None)

    page = client.get(reverse("learning:module", args=[module.pk])).content.decode()

    assert "Preview: this module is not published yet" in page


def test_export_and_import_through_the_pages(client, coordinator, region):
    module = ModuleFactory(region=region, title="CNC-frezen", lessons=1)
    quiz_lesson(module, position=2)
    exported = client.get(reverse("learning:manage_export", args=[module.pk]))
    target = f"{region.pk}:0"

    response = client.post(
        reverse("learning:manage_import"),
        {"file": SimpleUploadedFile("cnc.json", exported.content), "target": target},
    )

    copy = Module.objects.exclude(pk=module.pk).get()
    assert response.url == reverse("learning:manage_module", args=[copy.pk])
    assert (
        copy.title,
        copy.lessons.count(),
        Question.objects.filter(lesson__module=copy).count(),
    ) == ("CNC-frezen", 2, 1)


def test_an_import_with_errors_lists_every_problem_and_writes_nothing(client, coordinator, region):
    data = {"format": "samenleren-module", "version": 1, "module": {"title": "", "lessons": []}}

    response = client.post(
        reverse("learning:manage_import"),
        {
            "file": SimpleUploadedFile("kapot.json", json.dumps(data).encode()),
            "target": f"{region.pk}:0",
        },
    )

    assert response.status_code == 400
    assert response.context["problems"][:2] == [
        "module.title: This is required.",
        "module.summary: This is required.",
    ]
    assert Module.objects.count() == 0


def test_an_import_into_a_region_one_does_not_coordinate_is_refused(client, coordinator):
    other = RegionFactory()
    exported = json.dumps({"format": "samenleren-module"}).encode()

    response = client.post(
        reverse("learning:manage_import"),
        {"file": SimpleUploadedFile("x.json", exported), "target": f"{other.pk}:0"},
    )

    assert response.status_code == 200
    assert "target" in response.context["form"].errors
    assert Module.objects.count() == 0


def test_participants_cannot_author(client):
    client.force_login(UserFactory())

    assert client.get(reverse("learning:manage_list")).status_code == 403
    assert client.post(reverse("learning:manage_create"), MODULE_FIELDS).status_code == 403


def test_reindexing_stores_the_search_text_with_the_current_analyser():
    from samenleren.learning.services.authoring import modules_reindex

    stale = ModuleFactory(title="Lasersnijden", search_text=" oud ")
    fresh = ModuleFactory(title="CNC-frezen")

    assert modules_reindex() == (1, 2)
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.search_text == search_document("Lasersnijden", stale.summary, "")
    assert fresh.search_text == search_document("CNC-frezen", fresh.summary, "")
