"""Export and import of modules as JSON: everything checked first, nothing half-written."""

import json

import pytest
from django.core.exceptions import ValidationError

from samenleren.learning.models import Lesson, LessonKind, Module, Option, Question, Theme
from samenleren.learning.transfer import module_export, module_import
from samenleren.network.models import Profile
from samenleren.network.tests.factories import RegionFactory, coordinator_of

from .factories import LessonFactory, ModuleFactory, ThemeFactory, quiz_lesson

pytestmark = pytest.mark.django_db


def exported_module():
    pie = Profile.objects.get_or_create(code="PIE")[0]
    module = ModuleFactory(
        title="CNC-frezen", lessons=1, profiles=[pie], themes=[ThemeFactory(name="CNC", slug="cnc")]
    )
    LessonFactory(
        module=module,
        kind=LessonKind.VIDEO,
        title="Kijk mee",
        video_url="https://youtu.be/dQw4w9WgXcQ",
        embed_url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        position=2,
    )
    quiz_lesson(module, position=3, pass_mark=80)
    return module


def test_an_export_imports_as_an_unpublished_copy_with_every_lesson_and_question():
    region = RegionFactory()
    data = module_export(module=exported_module())

    copy = module_import(
        raw=json.dumps(data).encode(),
        region_id=region.pk,
        provider_organisation_id=None,
        actor=coordinator_of(region),
    )

    assert (copy.title, copy.is_published, copy.region) == ("CNC-frezen", False, region)
    assert [(lesson.kind, lesson.position) for lesson in copy.lessons.all()] == [
        ("text", 1),
        ("video", 2),
        ("quiz", 3),
    ]
    assert (
        copy.lessons.get(kind="video").embed_url
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    quiz = copy.lessons.get(kind="quiz")
    assert quiz.pass_mark == 80
    assert [(o.text, o.correct) for o in Option.objects.filter(question__lesson=quiz)] == [
        ("Vrijschakelen", True),
        ("Aarden", False),
    ]
    assert [p.code for p in copy.profiles.all()] == ["PIE"]
    assert [t.name for t in copy.themes.all()] == ["CNC"]
    assert Theme.objects.filter(name="CNC").count() == 1
    assert module_export(module=copy)["module"] == data["module"]


def test_a_file_with_errors_reports_each_with_its_place_and_writes_nothing():
    region = RegionFactory()
    data = module_export(module=exported_module())
    data["module"]["level"] = "expert"
    data["module"]["lessons"][1]["video_url"] = "https://example.com/filmpje"
    data["module"]["lessons"][2]["questions"][0]["options"][0]["correct"] = False
    data["module"]["lessons"].append({"title": "", "kind": "podcast"})
    before = (Module.objects.count(), Lesson.objects.count(), Question.objects.count())

    with pytest.raises(ValidationError) as error:
        module_import(
            raw=json.dumps(data).encode(),
            region_id=region.pk,
            provider_organisation_id=None,
            actor=None,
        )

    places = [message.split(":")[0] for message in error.value.messages]
    assert places == [
        "module.level",
        "module.lessons[1].video_url",
        "module.lessons[2].questions[0].options",
        "module.lessons[3].title",
        "module.lessons[3].kind",
    ]
    assert (Module.objects.count(), Lesson.objects.count(), Question.objects.count()) == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "This is not a valid JSON file"),
        (b'{"format": "iets anders"}', "format: This is not a Samen Leren module export"),
        (b'{"format": "samenleren-module", "version": 1}', "module: The module is missing."),
    ],
)
def test_files_that_are_no_export_are_refused(raw, message):
    with pytest.raises(ValidationError) as error:
        module_import(
            raw=raw, region_id=RegionFactory().pk, provider_organisation_id=None, actor=None
        )

    assert error.value.messages[0].startswith(message)
    assert Module.objects.count() == 0
