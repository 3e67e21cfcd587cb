"""Progress: lessons done, quizzes, completing modules and paths (once), ratings, my list.

Completion is idempotent: ModuleProgress is unique per person and module, and completed_at is
set by a conditional UPDATE (... WHERE completed_at IS NULL), so a double click or two tabs
award the hours and the badge exactly once.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    BadgeAssertion,
    LearningPath,
    Lesson,
    LessonKind,
    LessonProgress,
    Module,
    ModuleProgress,
    PathCompletion,
    PathItem,
    QuizAttempt,
    Rating,
    SavedModule,
)
from .badges import badge_class_ensure, badge_issue

MAX_POSITION_SECONDS = 24 * 60 * 60


@dataclass
class ProgressResult:
    progress: ModuleProgress
    completed_now: bool = False
    badges: list[BadgeAssertion] = field(default_factory=list)
    next_lesson: Lesson | None = None


def _get_or_create(model, **keys):
    """get_or_create that survives a concurrent insert of the same unique row."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**keys)[0]
    except IntegrityError:
        return model.objects.get(**keys)


def _following(lesson: Lesson) -> Lesson | None:
    lessons = list(Lesson.objects.filter(module_id=lesson.module_id).order_by("position", "pk"))
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return lessons[index + 1] if index + 1 < len(lessons) else None


def lesson_complete(
    *, person, lesson: Lesson, done: bool = True, position: int | None = None
) -> ProgressResult:
    """Record progress in a lesson (a position in a video, and/or done). A quiz is done only
    by passing it (quiz_submit). Completes the module when every lesson is done."""
    if position is not None and not 0 <= position <= MAX_POSITION_SECONDS:
        raise ValidationError({"position": _("Give the position in seconds, from 0 to 86400.")})
    if (
        done
        and lesson.kind == LessonKind.QUIZ
        and not QuizAttempt.objects.filter(person=person, lesson=lesson, passed=True).exists()
    ):
        raise ValidationError(
            {"lesson_id": _("A quiz counts as done once you pass it: answer its questions.")}
        )
    with transaction.atomic():
        lesson_progress = _get_or_create(LessonProgress, person=person, lesson=lesson)
        changes = {}
        if position is not None:
            changes["position_seconds"] = position
        if done and lesson_progress.done_at is None:
            changes["done_at"] = timezone.now()
        if changes:
            changes["updated_at"] = timezone.now()
            LessonProgress.objects.filter(pk=lesson_progress.pk).update(**changes)
        return _module_progress_update(person=person, lesson=lesson)


def _module_progress_update(*, person, lesson: Lesson) -> ProgressResult:
    module = lesson.module
    progress = _get_or_create(ModuleProgress, person=person, module=module)
    total = Lesson.objects.filter(module=module).count()
    done = LessonProgress.objects.filter(
        person=person, lesson__module=module, done_at__isnull=False
    ).count()
    following = _following(lesson)
    percent = 100 * done // total if total else 0
    result = ProgressResult(progress=progress, next_lesson=following)
    if progress.completed_at is None:
        last = following if (following is not None and _is_done(person, lesson)) else lesson
        ModuleProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            percent=percent, last_lesson=last, updated_at=timezone.now()
        )
        if total and done >= total:
            result.completed_now = _complete(progress=progress, module=module)
            if result.completed_now:
                result.badges = _badges_after_completion(person=person, module=module)
    else:
        ModuleProgress.objects.filter(pk=progress.pk).update(updated_at=timezone.now())
    progress.refresh_from_db()
    return result


def _is_done(person, lesson: Lesson) -> bool:
    return LessonProgress.objects.filter(
        person=person, lesson=lesson, done_at__isnull=False
    ).exists()


def _complete(*, progress: ModuleProgress, module: Module) -> bool:
    """Mark the module complete once; True only for the call that did it."""
    return bool(
        ModuleProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=timezone.now(),
            percent=100,
            hours_awarded=module.study_hours,
            updated_at=timezone.now(),
        )
    )


def _badges_after_completion(*, person, module: Module) -> list[BadgeAssertion]:
    issued = []
    badge = badge_class_ensure(module=module)
    assertion, created = badge_issue(badge=badge, person=person)
    if created:
        issued.append(assertion)
    for path in LearningPath.objects.filter(is_published=True, items__module=module):
        module_ids = set(PathItem.objects.filter(path=path).values_list("module_id", flat=True))
        completed = set(
            ModuleProgress.objects.filter(
                person=person, module_id__in=module_ids, completed_at__isnull=False
            ).values_list("module_id", flat=True)
        )
        if module_ids and module_ids == completed:
            _get_or_create_path_completion(person=person, path=path)
            assertion, created = badge_issue(badge=badge_class_ensure(path=path), person=person)
            if created:
                issued.append(assertion)
    return issued


def _get_or_create_path_completion(*, person, path: LearningPath) -> PathCompletion:
    try:
        with transaction.atomic():
            return PathCompletion.objects.get_or_create(
                person=person, path=path, defaults={"completed_at": timezone.now()}
            )[0]
    except IntegrityError:
        return PathCompletion.objects.get(person=person, path=path)


# --- quizzes -----------------------------------------------------------------------------------


@dataclass
class QuizResult:
    score: int
    passed: bool
    chosen: dict[int, list[int]]  # question id -> option ids
    already_passed: bool = False
    progress: ProgressResult | None = None


class QuizError(ValidationError):
    """The answers cannot be marked: every problem, keyed by question id."""


def quiz_submit(*, person, lesson: Lesson, answers: dict[int, list[int]]) -> QuizResult:
    """Mark a quiz. Rules: every question needs an answer; an option that does not belong to
    the question is refused; a single-choice question takes one answer. A failed try is
    replaced by the next one; once passed, the result stays and a new try is not recorded."""
    if lesson.kind != LessonKind.QUIZ:
        raise QuizError(_("This lesson is not a quiz."))
    questions = list(lesson.questions.prefetch_related("options"))
    if not questions:
        raise QuizError(_("This quiz has no questions yet."))
    problems: dict[str, list[str]] = {}
    chosen: dict[int, list[int]] = {}
    correct = 0
    for question in questions:
        given = list(dict.fromkeys(answers.get(question.pk, [])))
        options = {o.pk: o for o in question.options.all()}
        key = f"q{question.pk}"
        if not given:
            problems[key] = [_("Choose an answer to this question.")]
            continue
        if any(option_id not in options for option_id in given):
            problems[key] = [
                _("That answer does not belong to this question. Choose one of the answers shown.")
            ]
            continue
        if not question.multiple and len(given) > 1:
            problems[key] = [_("Choose one answer to this question.")]
            continue
        chosen[question.pk] = given
        right = {pk for pk, o in options.items() if o.correct}
        if set(given) == right:
            correct += 1
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        problems["__all__"] = [_("Some answers are for questions that are not in this quiz.")]
    if problems:
        raise QuizError(problems)
    score = round(100 * correct / len(questions))
    passed = score >= lesson.pass_mark
    stored = {str(k): v for k, v in chosen.items()}
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update().filter(person=person, lesson=lesson).first()
        )
        if attempt is not None and attempt.passed:
            return QuizResult(
                score=attempt.score,
                passed=True,
                chosen={int(k): v for k, v in attempt.answers.items()},
                already_passed=True,
            )
        if attempt is None:
            try:
                with transaction.atomic():
                    QuizAttempt.objects.create(
                        person=person, lesson=lesson, score=score, passed=passed, answers=stored
                    )
            except IntegrityError:
                # The same answers sent twice at once: the first one counts.
                attempt = QuizAttempt.objects.get(person=person, lesson=lesson)
                return QuizResult(
                    score=attempt.score,
                    passed=attempt.passed,
                    chosen={int(k): v for k, v in attempt.answers.items()},
                    already_passed=attempt.passed,
                )
        else:
            QuizAttempt.objects.filter(pk=attempt.pk).update(
                score=score, passed=passed, answers=stored, tries=F("tries") + 1,
                updated_at=timezone.now(),
            )  # fmt: skip
        result = QuizResult(score=score, passed=passed, chosen=chosen)
        if passed:
            result.progress = lesson_complete(person=person, lesson=lesson)
        else:
            result.progress = lesson_complete(person=person, lesson=lesson, done=False)
    return result


# --- ratings and my list ---------------------------------------------------------------------------


def rating_set(*, person, module: Module, useful: bool) -> Rating:
    rating, _created = Rating.objects.update_or_create(
        person=person, module=module, defaults={"useful": useful}
    )
    return rating


def saved_set(*, person, module: Module, saved: bool) -> bool:
    if saved:
        _get_or_create(SavedModule, person=person, module=module)
    else:
        SavedModule.objects.filter(person=person, module=module).delete()
    return saved
