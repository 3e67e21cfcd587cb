"""Writing modules: save, lessons and their order, quiz questions, publish."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log
from samenleren.network.models import Profile

from ..models import Lesson, LessonKind, Module, Option, Question, Theme
from ..validators import parse_video_url, sanitise_html
from .badges import badge_class_ensure

UP, DOWN = "up", "down"


def unique_slug(model, title: str, *, instance_pk: int | None = None) -> str:
    base = slugify(title)[:60] or "module"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def themes_from_names(names: Iterable[str]) -> list[Theme]:
    """Existing themes by name (case-insensitive), new ones made for the rest."""
    result = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        theme = Theme.objects.filter(name__iexact=name).first()
        if theme is None:
            theme = Theme.objects.create(name=name[:80], slug=unique_slug(Theme, name))
        result.append(theme)
    return result


@transaction.atomic
def module_save(
    *,
    module: Module,
    actor,
    themes: Iterable[Theme] | None = None,
    profiles: Iterable[Profile] | None = None,
) -> Module:
    """Create or change a module (its fields set by the caller), with its themes and profiles."""
    creating = module.pk is None
    if not module.slug:
        module.slug = unique_slug(Module, module.title, instance_pk=module.pk)
    if creating and module.created_by_id is None and actor is not None:
        module.created_by = actor
    theme_list = list(themes) if themes is not None else None
    module.refresh_search_text(
        themes=[t.name for t in theme_list] if theme_list is not None else None
    )
    module.full_clean()
    module.save()
    if theme_list is not None:
        module.themes.set(theme_list)
    if profiles is not None:
        module.profiles.set(profiles)
    audit_log(
        actor=actor,
        action="learning.module_created" if creating else "learning.module_changed",
        target=module,
    )
    return module


def module_publish(*, module: Module, actor, publish: bool = True) -> Module:
    """Publish (a module needs at least one lesson, and every quiz its questions) or withdraw."""
    with transaction.atomic():
        if publish:
            lessons = list(module.lessons.all())
            if not lessons:
                raise ValidationError(_("Add at least one lesson before you publish the module."))
            empty = [
                lesson.title
                for lesson in lessons
                if lesson.kind == LessonKind.QUIZ and not lesson.questions.exists()
            ]
            if empty:
                raise ValidationError(
                    _("Give every quiz at least one question first: %(titles)s.")
                    % {"titles": ", ".join(empty)}
                )
            Module.objects.filter(pk=module.pk).update(
                is_published=True, published_at=module.published_at or timezone.now()
            )
            badge_class_ensure(module=module)
        else:
            Module.objects.filter(pk=module.pk).update(is_published=False)
        audit_log(
            actor=actor,
            action="learning.module_published" if publish else "learning.module_withdrawn",
            target=module,
        )
    module.refresh_from_db()
    return module


def lesson_prepare(lesson: Lesson) -> None:
    """Derive what is stored from what the author gave: the embed URL, clean HTML."""
    lesson.body = sanitise_html(lesson.body)
    if lesson.kind == LessonKind.VIDEO and lesson.video_url:
        lesson.embed_url = parse_video_url(lesson.video_url).embed_url
    else:
        lesson.embed_url = ""


@transaction.atomic
def lesson_save(*, lesson: Lesson, actor) -> Lesson:
    creating = lesson.pk is None
    if creating:
        last = lesson.module.lessons.order_by("-position").first()
        lesson.position = (last.position + 1) if last else 1
    lesson_prepare(lesson)
    lesson.full_clean()
    lesson.save()
    audit_log(
        actor=actor,
        action="learning.lesson_created" if creating else "learning.lesson_changed",
        target=lesson,
        module=lesson.module_id,
    )
    return lesson


def _renumber(lessons: list[Lesson]) -> None:
    for number, item in enumerate(lessons, start=1):
        if item.position != number:
            Lesson.objects.filter(pk=item.pk).update(position=number)
            item.position = number


def lesson_move(*, lesson: Lesson, direction: str, actor) -> None:
    """Move a lesson one place up or down; the first cannot go up, the last not down."""
    if direction not in {UP, DOWN}:
        raise ValidationError(_("Choose up or down."))
    with transaction.atomic():
        Module.objects.select_for_update().filter(pk=lesson.module_id).first()
        lessons = list(Lesson.objects.filter(module_id=lesson.module_id).order_by("position", "pk"))
        index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
        target = index - 1 if direction == UP else index + 1
        if 0 <= target < len(lessons):
            lessons[index], lessons[target] = lessons[target], lessons[index]
        _renumber(lessons)
        audit_log(actor=actor, action="learning.lesson_moved", target=lesson, direction=direction)


def lesson_delete(*, lesson: Lesson, actor) -> None:
    with transaction.atomic():
        module_id = lesson.module_id
        audit_log(actor=actor, action="learning.lesson_deleted", target=lesson, module=module_id)
        lesson.delete()
        _renumber(list(Lesson.objects.filter(module_id=module_id).order_by("position", "pk")))


def check_options(*, multiple: bool, options: list[dict]) -> list[str]:
    """What is wrong with a question's options (empty when they are fine)."""
    problems = []
    if len(options) < 2:
        problems.append(_("Give at least two answers."))
    right = sum(1 for o in options if o.get("correct"))
    if right == 0:
        problems.append(_("Mark at least one answer as right."))
    elif not multiple and right > 1:
        problems.append(
            _("Only one answer can be right; tick “more than one answer is right” otherwise.")
        )
    return problems


@transaction.atomic
def question_save(
    *, lesson: Lesson, text: str, multiple: bool, options: list[dict], actor, question=None
) -> Question:
    """Add or replace a quiz question with its options ({text, correct, feedback})."""
    options = [o for o in options if (o.get("text") or "").strip()]
    problems = check_options(multiple=multiple, options=options)
    if problems:
        raise ValidationError(problems)
    if question is None:
        last = lesson.questions.order_by("-position").first()
        question = Question(lesson=lesson, position=(last.position + 1) if last else 1)
    question.text = text.strip()
    question.multiple = multiple
    question.full_clean()
    question.save()
    question.options.all().delete()
    Option.objects.bulk_create(
        Option(
            question=question,
            position=number,
            text=o["text"].strip(),
            correct=bool(o.get("correct")),
            feedback=(o.get("feedback") or "").strip(),
        )
        for number, o in enumerate(options, start=1)
    )
    audit_log(actor=actor, action="learning.question_saved", target=question, lesson=lesson.pk)
    return question


def question_delete(*, question: Question, actor) -> None:
    with transaction.atomic():
        audit_log(actor=actor, action="learning.question_deleted", target=question)
        question.delete()


def modules_reindex(*, batch_size: int = 500) -> tuple[int, int]:
    """Recompute every module's search text with the current analyser; (changed, total)."""
    changed, total = [], 0
    for module in Module.objects.prefetch_related("themes").iterator(chunk_size=batch_size):
        total += 1
        before = module.search_text
        module.refresh_search_text(themes=[t.name for t in module.themes.all()])
        if module.search_text != before:
            changed.append(module)
    Module.objects.bulk_update(changed, ["search_text"], batch_size=batch_size)
    return len(changed), total
