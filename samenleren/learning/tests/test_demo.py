"""The demo catalogue: enough content, every row filled for the demo teacher, idempotent."""

import io

import pytest
from django.db.models import Max

from samenleren.accounts.models import User
from samenleren.learning import demo
from samenleren.learning.models import (
    BadgeAssertion,
    LearningPath,
    Lesson,
    LessonKind,
    Module,
    ModuleProgress,
    QuizAttempt,
)
from samenleren.learning.selectors import catalogue_rows, module_state
from samenleren.network import demo as network_demo

pytestmark = pytest.mark.django_db


def _state():
    return (
        Module.objects.count(),
        Lesson.objects.count(),
        LearningPath.objects.count(),
        ModuleProgress.objects.count(),
        QuizAttempt.objects.count(),
        BadgeAssertion.objects.count(),
        ModuleProgress.objects.aggregate(last=Max("updated_at"))["last"],
        Module.objects.aggregate(last=Max("updated_at"))["last"],
    )


def test_the_demo_fills_every_row_for_the_teacher_and_a_second_run_changes_nothing():
    network_demo.build(stdout=io.StringIO())
    demo.build(stdout=io.StringIO())
    first = _state()
    demo.build(stdout=io.StringIO())

    teacher = User.objects.get(email=demo.TEACHER)
    rows = {row.key: row for row in catalogue_rows(user=teacher)}
    almost = Module.objects.get(title=demo.TEACHER_ALMOST_DONE)
    state = module_state(user=teacher, module=almost)

    assert _state() == first
    assert (first[0] >= 25, first[2]) == (True, 3)
    assert Lesson.objects.filter(kind=LessonKind.QUIZ).count() >= 5
    assert (
        Lesson.objects.filter(
            kind=LessonKind.VIDEO, embed_url__startswith="https://www.youtube-nocookie.com/embed/"
        ).count()
        >= 5
    )
    assert list(rows) == ["continue", "new", "profile", "school", "because", "saved"]
    assert all(row.cards for row in rows.values())
    assert rows["continue"].cards[0].module == almost
    assert [s.done for s in state.lessons][-2:] == [True, False]
    assert state.next_lesson.kind == LessonKind.QUIZ
