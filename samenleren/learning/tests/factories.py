from decimal import Decimal

import factory
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.core.text import search_document
from samenleren.learning.models import (
    BadgeClass,
    LearningPath,
    Lesson,
    LessonKind,
    Level,
    Module,
    ModuleProgress,
    Option,
    PathItem,
    Question,
    SavedModule,
    Theme,
)
from samenleren.network.tests.factories import RegionFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ModuleFactory(factory.django.DjangoModelFactory):
    """A published module; `lessons=N` adds N text lessons (default 2)."""

    class Meta:
        model = Module
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "Een korte module voor in de klas."
    duration_minutes = 45
    level = Level.BASIC
    study_hours = Decimal("1.50")
    provider = ""
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
    # What module_save stores, so the search finds factory data.
    search_text = factory.LazyAttribute(lambda m: search_document(m.title, m.summary, m.provider))

    @factory.post_generation
    def lessons(self, create, extracted, **kwargs):
        if not create:
            return
        for index in range(2 if extracted is None else extracted):
            LessonFactory(module=self, position=index + 1)

    @factory.post_generation
    def profiles(self, create, extracted, **kwargs):
        if create and extracted:
            self.profiles.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory, lessons=0)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Les {n}")
    kind = LessonKind.TEXT
    body = "<p>Lees dit even door.</p>"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    lesson = factory.SubFactory(LessonFactory, kind=LessonKind.QUIZ, body="")
    text = factory.Sequence(lambda n: f"Vraag {n}?")
    multiple = False


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Antwoord {n}")
    correct = False
    feedback = ""


def quiz_lesson(module, *, position=99, pass_mark=100):
    """A quiz with one single-choice question: returns (lesson, right option, wrong option)."""
    lesson = LessonFactory(
        module=module, kind=LessonKind.QUIZ, position=position, pass_mark=pass_mark, body=""
    )
    question = QuestionFactory(lesson=lesson, text="Wat is de eerste veiligheidsregel?")
    right = OptionFactory(question=question, text="Vrijschakelen", correct=True, feedback="Juist.")
    wrong = OptionFactory(
        question=question, text="Aarden", correct=False, feedback="Dat komt later."
    )
    return lesson, right, wrong


class ModuleProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleProgress

    person = factory.SubFactory(UserFactory)
    module = factory.SubFactory(ModuleFactory)
    percent = 50


def completed(person, module, *, at=None, hours=None):
    """A completed module as the progress service leaves it."""
    return ModuleProgressFactory(
        person=person,
        module=module,
        percent=100,
        completed_at=at or timezone.now(),
        hours_awarded=module.study_hours if hours is None else hours,
    )


class SavedModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedModule

    person = factory.SubFactory(UserFactory)
    module = factory.SubFactory(ModuleFactory)


class LearningPathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningPath

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Leerlijn {n}")
    slug = factory.Sequence(lambda n: f"leerlijn-{n}")
    summary = "Een leerlijn."
    is_published = True


class PathItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PathItem

    path = factory.SubFactory(LearningPathFactory)
    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n + 1)


class BadgeClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeClass

    module = factory.SubFactory(ModuleFactory)
    name = factory.LazyAttribute(lambda b: b.module.title)
    description = "Een badge."
    criteria = "Alle lessen afgerond."
