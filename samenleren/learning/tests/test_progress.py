"""Progress, completion (once), study hours, badges and the quiz rules."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samenleren.accounts.tests.factories import UserFactory
from samenleren.learning.models import (
    BadgeAssertion,
    LessonProgress,
    ModuleProgress,
    PathCompletion,
    QuizAttempt,
    Rating,
    SavedModule,
)
from samenleren.learning.services.progress import (
    QuizError,
    lesson_complete,
    quiz_submit,
    rating_set,
    saved_set,
)

from .factories import (
    LearningPathFactory,
    ModuleFactory,
    OptionFactory,
    PathItemFactory,
    QuestionFactory,
    quiz_lesson,
)

pytestmark = pytest.mark.django_db


def test_doing_a_lesson_records_percent_and_the_next_lesson_to_continue():
    person = UserFactory()
    module = ModuleFactory(lessons=4)
    first, second = list(module.lessons.all())[:2]

    result = lesson_complete(person=person, lesson=first)

    progress = ModuleProgress.objects.get(person=person, module=module)
    assert (progress.percent, progress.last_lesson, progress.completed_at) == (25, second, None)
    assert result.next_lesson == second
    assert result.completed_now is False


def test_the_last_lesson_completes_the_module_once_with_hours_and_a_badge():
    person = UserFactory(email="sanne@school.example")
    module = ModuleFactory(lessons=2, study_hours=Decimal("2.50"))
    first, last = module.lessons.all()
    lesson_complete(person=person, lesson=first)

    result = lesson_complete(person=person, lesson=last)
    again = lesson_complete(person=person, lesson=last)

    progress = ModuleProgress.objects.get(person=person, module=module)
    assert (progress.percent, progress.hours_awarded) == (100, Decimal("2.50"))
    assert progress.completed_at is not None
    assert (result.completed_now, again.completed_now) == (True, False)
    assert [b.badge.module for b in result.badges] == [module]
    assert again.badges == []
    assert BadgeAssertion.objects.filter(person=person).count() == 1
    assert LessonProgress.objects.filter(person=person).count() == 2


def test_the_badge_recipient_is_a_salted_hash_of_the_email_address():
    import hashlib

    person = UserFactory(email="sanne@school.example")
    module = ModuleFactory(lessons=1)

    assertion = lesson_complete(person=person, lesson=module.lessons.get()).badges[0]

    digest = hashlib.sha256(("sanne@school.example" + assertion.salt).encode()).hexdigest()
    assert assertion.recipient_hash == f"sha256${digest}"
    assert len(assertion.salt) == 32


def test_a_position_outside_the_video_is_refused_and_nothing_is_written():
    person = UserFactory()
    lesson = ModuleFactory(lessons=1).lessons.get()

    with pytest.raises(ValidationError):
        lesson_complete(person=person, lesson=lesson, done=False, position=-5)

    assert LessonProgress.objects.count() == 0
    assert ModuleProgress.objects.count() == 0


def test_a_quiz_cannot_be_marked_done_without_passing_it():
    person = UserFactory()
    lesson, _right, _wrong = quiz_lesson(ModuleFactory(lessons=0))

    with pytest.raises(ValidationError):
        lesson_complete(person=person, lesson=lesson)

    assert LessonProgress.objects.count() == 0


def test_passing_the_quiz_completes_the_lesson_and_the_module():
    person = UserFactory()
    module = ModuleFactory(lessons=0)
    lesson, right, _wrong = quiz_lesson(module, position=1)

    result = quiz_submit(person=person, lesson=lesson, answers={right.question_id: [right.pk]})

    assert (result.score, result.passed, result.already_passed) == (100, True, False)
    assert result.progress.completed_now is True
    assert ModuleProgress.objects.get(person=person).completed_at is not None


def test_a_failed_try_is_replaced_by_the_next_one():
    person = UserFactory()
    lesson, right, wrong = quiz_lesson(ModuleFactory(lessons=1))

    first = quiz_submit(person=person, lesson=lesson, answers={wrong.question_id: [wrong.pk]})
    second = quiz_submit(person=person, lesson=lesson, answers={right.question_id: [right.pk]})

    attempt = QuizAttempt.objects.get(person=person, lesson=lesson)
    assert (first.passed, second.passed) == (False, True)
    assert (attempt.score, attempt.passed, attempt.tries) == (100, True, 2)


def test_answering_again_after_passing_records_nothing_new():
    person = UserFactory()
    lesson, right, wrong = quiz_lesson(ModuleFactory(lessons=1))
    quiz_submit(person=person, lesson=lesson, answers={right.question_id: [right.pk]})

    again = quiz_submit(person=person, lesson=lesson, answers={wrong.question_id: [wrong.pk]})

    attempt = QuizAttempt.objects.get(person=person, lesson=lesson)
    assert (again.already_passed, again.score, again.passed) == (True, 100, True)
    assert (attempt.score, attempt.tries, attempt.answers) == (
        100,
        1,
        {str(right.question_id): [right.pk]},
    )


def test_an_option_of_another_question_is_refused_and_nothing_is_written():
    person = UserFactory()
    lesson, right, _wrong = quiz_lesson(ModuleFactory(lessons=1))
    stranger = OptionFactory(correct=True)

    with pytest.raises(QuizError) as error:
        quiz_submit(person=person, lesson=lesson, answers={right.question_id: [stranger.pk]})

    assert list(error.value.message_dict) == [f"q{right.question_id}"]
    assert QuizAttempt.objects.count() == 0
    assert LessonProgress.objects.count() == 0


def test_two_answers_to_a_single_choice_question_and_a_missing_answer_are_refused():
    person = UserFactory()
    lesson, right, wrong = quiz_lesson(ModuleFactory(lessons=1))
    other = QuestionFactory(lesson=lesson)
    OptionFactory(question=other, correct=True)

    with pytest.raises(QuizError) as error:
        quiz_submit(person=person, lesson=lesson, answers={right.question_id: [right.pk, wrong.pk]})

    assert sorted(error.value.message_dict) == sorted([f"q{right.question_id}", f"q{other.pk}"])
    assert QuizAttempt.objects.count() == 0


def test_multiple_choice_needs_exactly_the_right_set():
    person = UserFactory()
    lesson, _right, _wrong = quiz_lesson(ModuleFactory(lessons=1), pass_mark=50)
    question = QuestionFactory(lesson=lesson, multiple=True)
    a = OptionFactory(question=question, correct=True)
    b = OptionFactory(question=question, correct=True)
    OptionFactory(question=question, correct=False)
    first = lesson.questions.order_by("pk").first()
    first_right = first.options.get(correct=True)

    half = quiz_submit(
        person=person, lesson=lesson, answers={first.pk: [first_right.pk], question.pk: [a.pk]}
    )

    assert (half.score, half.passed) == (50, True)
    assert b.correct is True


def test_completing_every_module_of_a_path_completes_the_path_and_issues_its_badge():
    person = UserFactory()
    path = LearningPathFactory()
    one, two = ModuleFactory(lessons=1), ModuleFactory(lessons=1)
    PathItemFactory(path=path, module=one)
    PathItemFactory(path=path, module=two)

    first = lesson_complete(person=person, lesson=one.lessons.get())
    second = lesson_complete(person=person, lesson=two.lessons.get())

    assert [b.badge.module for b in first.badges] == [one]
    assert sorted(b.badge.name for b in second.badges) == sorted([two.title, path.title])
    assert PathCompletion.objects.filter(person=person, path=path).count() == 1


def test_rating_twice_keeps_one_rating_and_my_list_toggles():
    person = UserFactory()
    module = ModuleFactory()

    rating_set(person=person, module=module, useful=True)
    rating_set(person=person, module=module, useful=False)
    saved_set(person=person, module=module, saved=True)
    saved_set(person=person, module=module, saved=True)

    assert list(Rating.objects.values_list("useful", flat=True)) == [False]
    assert SavedModule.objects.count() == 1
    saved_set(person=person, module=module, saved=False)
    assert SavedModule.objects.count() == 0
