"""Completing a module from two tabs (or a double tap) at the same moment, on PostgreSQL with
real threads: the hours and the badge are awarded exactly once, and nobody gets an error.

What makes it safe: ModuleProgress, LessonProgress, QuizAttempt and BadgeAssertion are unique
per person (constraints); a concurrent insert of the same row waits for the first transaction
and then finds it (`_get_or_create`); `completed_at` is set by `UPDATE … WHERE completed_at IS
NULL`, so only one transaction sees its update count as 1. SQLite serialises writers and would
hide the race, so this runs on PostgreSQL only.
"""

import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connections

from samenleren.accounts.tests.factories import UserFactory
from samenleren.learning.models import BadgeAssertion, LessonProgress, ModuleProgress, QuizAttempt
from samenleren.learning.services.progress import lesson_complete, quiz_submit

from .factories import ModuleFactory, quiz_lesson

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Races need PostgreSQL (SQLite serialises writers): set DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]
THREADS = 6
TIMEOUT = 30.0


def run_together(call) -> list:
    """Run `call` in THREADS threads released at the same moment; results or exceptions."""
    results: list = [None] * THREADS
    start = threading.Barrier(THREADS, timeout=TIMEOUT)

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test asserts there are none
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert [thread.is_alive() for thread in threads] == [False] * THREADS
    return results


def test_the_last_lesson_done_in_many_tabs_at_once_completes_the_module_once():
    person = UserFactory()
    module = ModuleFactory(lessons=1, study_hours=Decimal("2.00"))
    lesson = module.lessons.get()

    results = run_together(lambda: lesson_complete(person=person, lesson=lesson))

    assert [type(r).__name__ for r in results] == ["ProgressResult"] * THREADS
    assert sorted(r.completed_now for r in results) == [False] * (THREADS - 1) + [True]
    assert sum(len(r.badges) for r in results) == 1
    assert ModuleProgress.objects.filter(person=person).count() == 1
    assert LessonProgress.objects.filter(person=person).count() == 1
    assert BadgeAssertion.objects.filter(person=person).count() == 1
    assert ModuleProgress.objects.get(person=person).hours_awarded == Decimal("2.00")


def test_the_same_quiz_answers_sent_at_once_record_one_result():
    person = UserFactory()
    module = ModuleFactory(lessons=0)
    lesson, right, _wrong = quiz_lesson(module, position=1)

    results = run_together(
        lambda: quiz_submit(person=person, lesson=lesson, answers={right.question_id: [right.pk]})
    )

    assert [type(r).__name__ for r in results] == ["QuizResult"] * THREADS
    assert [r.passed for r in results] == [True] * THREADS
    assert QuizAttempt.objects.filter(person=person).count() == 1
    assert BadgeAssertion.objects.filter(person=person).count() == 1
    assert ModuleProgress.objects.get(person=person).completed_at is not None
