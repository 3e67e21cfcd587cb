"""Demo Netflixleren: 27 modules, 3 learning paths and learning histories for the region's
people, so that every row of the catalogue is filled for the demo teacher.

Runs after the network demo. Idempotent: modules and paths are found by title, and people who
already have progress are left alone, so a second run changes nothing. Histories come from a
fixed random seed.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samenleren.accounts.models import User
from samenleren.network.models import Affiliation, Organisation, Profile, Region

from .demo_data import (
    MODULES,
    PATHS,
    TEACHER_ALMOST_DONE,
    TEACHER_COMPLETED,
    TEACHER_SAVED,
    TEACHER_STARTED,
    ModuleSpec,
)
from .models import (
    BadgeAssertion,
    LearningPath,
    Lesson,
    LessonKind,
    LessonProgress,
    Module,
    ModuleProgress,
    PathItem,
)
from .services.authoring import (
    lesson_save,
    module_publish,
    module_save,
    question_save,
    themes_from_names,
    unique_slug,
)
from .services.badges import badge_class_ensure, recipient_hash
from .services.progress import lesson_complete, quiz_submit, saved_set

SEED = 20241201
REGION_SLUG = "zuid-limburg"
TEACHER = "docent@demo.samenleren.example"
DEMO_EMAIL_DOMAINS = ("@samenleren.example", "@demo.samenleren.example")


def build(*, stdout) -> list[tuple[str, str, str]]:
    region = Region.objects.filter(slug=REGION_SLUG).first()
    coordinator = User.objects.filter(email="linda@samenleren.example").first()
    if region is None or coordinator is None:
        stdout.write("Netflixleren demo skipped: build the network demo first.\n")
        return []
    created = 0
    for index, spec in enumerate(MODULES):
        if Module.objects.filter(region=region, title=spec.title).exists():
            continue
        with transaction.atomic():
            _module(spec, index, region, coordinator)
        created += 1
    paths = _paths(region)
    histories = _histories(region)
    teacher = _teacher()
    stdout.write(
        f"Netflixleren: {created} modules nieuw, {len(MODULES) - created} bestonden al; "
        f"{paths} leerlijnen nieuw; leergeschiedenis voor {histories} mensen"
        f"{' en de demodocent' if teacher else ''}.\n"
    )
    return []


def _module(spec: ModuleSpec, index: int, region: Region, coordinator) -> Module:
    provider = Organisation.objects.filter(region=region, name=spec.provider).first()
    module = Module(
        region=region,
        title=spec.title,
        summary=spec.summary,
        duration_minutes=spec.minutes,
        level=spec.level,
        study_hours=Decimal(spec.hours),
        provider=spec.provider,
        provider_organisation=provider,
    )
    module_save(
        module=module,
        actor=coordinator,
        themes=themes_from_names(spec.themes),
        profiles=Profile.objects.filter(code__in=spec.profiles),
    )
    lessons = [
        Lesson(
            module=module,
            kind=LessonKind.TEXT,
            title="Waar gaat het om?",
            body=spec.intro,
            minutes=5,
        )
    ]
    if spec.video:
        lessons.append(
            Lesson(
                module=module,
                kind=LessonKind.VIDEO,
                title="Kijk: zo gaat het in de praktijk",
                video_url=f"https://www.youtube.com/watch?v={spec.video}",
                body="Kijk de video en let op hoe de docent de leerlingen begeleidt.",
                minutes=8,
            )
        )
    if spec.link[1]:
        lessons.append(
            Lesson(
                module=module,
                kind=LessonKind.LINK,
                title=spec.link[0],
                link_url=spec.link[1],
                minutes=10,
            )
        )
    lessons.append(
        Lesson(
            module=module,
            kind=LessonKind.TEXT,
            title="Aan de slag in je eigen les",
            body=spec.practice,
            minutes=10,
        )
    )
    if spec.quiz:
        lessons.append(
            Lesson(
                module=module,
                kind=LessonKind.QUIZ,
                title="Test jezelf",
                pass_mark=70,
                minutes=5,
                body="Beantwoord de vragen. Bij elk antwoord krijg je uitleg.",
            )
        )
    for lesson in lessons:
        lesson_save(lesson=lesson, actor=coordinator)
        if lesson.kind == LessonKind.QUIZ:
            for question in spec.quiz:
                question_save(
                    lesson=lesson,
                    text=question.text,
                    multiple=question.multiple,
                    options=[
                        {"text": t, "correct": c, "feedback": f} for t, c, f in question.options
                    ],
                    actor=coordinator,
                )
    module_publish(module=module, actor=coordinator)
    # Spread the publication dates over the last months, newest last in the list.
    published = timezone.now() - timedelta(days=4 * (len(MODULES) - index))
    Module.objects.filter(pk=module.pk).update(published_at=published)
    return module


def _paths(region: Region) -> int:
    created = 0
    for title, summary, titles in PATHS:
        if LearningPath.objects.filter(region=region, title=title).exists():
            continue
        with transaction.atomic():
            path = LearningPath.objects.create(
                region=region,
                title=title,
                slug=unique_slug(LearningPath, title),
                summary=summary,
                is_published=True,
            )
            modules = {m.title: m for m in Module.objects.filter(region=region, title__in=titles)}
            PathItem.objects.bulk_create(
                PathItem(path=path, module=modules[t], position=n)
                for n, t in enumerate(titles, start=1)
                if t in modules
            )
            badge_class_ensure(path=path)
        created += 1
    return created


def _histories(region: Region) -> int:
    """People of the region's schools did modules that fit their profiles, and some others.
    Written in bulk: this is history, not a journey through the services."""
    already = (
        ModuleProgress.objects.filter(module__region=region)
        .exclude(person__email__endswith=DEMO_EMAIL_DOMAINS[0])
        .exclude(person__email__endswith=DEMO_EMAIL_DOMAINS[1])
    )
    if already.exists():
        # Written once: people added later by other demos keep an empty history.
        return 0
    rng = random.Random(SEED)
    modules = list(
        Module.objects.filter(region=region, is_published=True)
        .prefetch_related("profiles", "themes", "lessons")
        .order_by("pk")
    )
    if not modules:
        return 0
    people = list(
        User.objects.filter(
            affiliations__organisation__region=region, affiliations__ended_on__isnull=True
        )
        .exclude(email__endswith=DEMO_EMAIL_DOMAINS[0])
        .exclude(email__endswith=DEMO_EMAIL_DOMAINS[1])
        .distinct()
        .order_by("pk")
    )
    profiles_of: dict[int, set[str]] = {}
    for person_id, code in Affiliation.objects.filter(
        person__in=people, ended_on__isnull=True, profiles__isnull=False
    ).values_list("person_id", "profiles__code"):
        profiles_of.setdefault(person_id, set()).add(code)
    popularity = {m.pk: rng.random() for m in modules}
    now = timezone.now()
    progress_rows, lesson_rows, badge_rows = [], [], []
    badge_of = {m.pk: badge_class_ensure(module=m) for m in modules}
    done_people = 0
    for person in people:
        mine = profiles_of.get(person.pk, set())
        weights = []
        for module in modules:
            codes = {p.code for p in module.profiles.all()}
            fit = 3.0 if mine & codes else (1.2 if not codes else 0.3)
            weights.append(fit * (0.3 + popularity[module.pk]))
        count = rng.choice([0, 1, 2, 2, 3, 3, 4, 5, 6])
        chosen = []
        for _ in range(count):
            pick = rng.choices(modules, weights=weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        completes = [rng.random() < 0.7 for _ in chosen]
        days = [rng.randint(1, 150) for _ in chosen]
        if not chosen:
            continue
        done_people += 1
        for module, complete, ago in zip(chosen, completes, days, strict=True):
            lessons = list(module.lessons.all())
            done = lessons if complete else lessons[: max(1, len(lessons) // 2)]
            when = now - timedelta(days=ago)
            progress_rows.append(
                ModuleProgress(
                    person=person,
                    module=module,
                    percent=100 if complete else 100 * len(done) // len(lessons),
                    last_lesson=lessons[-1] if complete else lessons[len(done)],
                    completed_at=when if complete else None,
                    hours_awarded=module.study_hours if complete else Decimal("0"),
                )
            )
            lesson_rows += [
                LessonProgress(person=person, lesson=lesson, done_at=when) for lesson in done
            ]
            if complete:
                salt = f"{rng.getrandbits(64):016x}"
                badge_rows.append(
                    BadgeAssertion(
                        badge=badge_of[module.pk],
                        person=person,
                        salt=salt,
                        recipient_hash=recipient_hash(email=person.email, salt=salt),
                        issued_on=when,
                    )
                )
    with transaction.atomic():
        ModuleProgress.objects.bulk_create(progress_rows, ignore_conflicts=True)
        LessonProgress.objects.bulk_create(lesson_rows, ignore_conflicts=True)
        BadgeAssertion.objects.bulk_create(badge_rows, ignore_conflicts=True)
    return done_people


def _teacher() -> bool:
    """The demo teacher: two modules done, one a quiz away from done, one just started, two
    saved for later."""
    teacher = User.objects.filter(email=TEACHER).first()
    if teacher is None or ModuleProgress.objects.filter(person=teacher).exists():
        return False
    modules = {m.title: m for m in Module.objects.filter(is_published=True)}
    with transaction.atomic():
        for title in TEACHER_COMPLETED:
            for lesson in modules[title].lessons.all():
                if lesson.kind == LessonKind.QUIZ:
                    answers = {
                        q.pk: [o.pk for o in q.options.all() if o.correct]
                        for q in lesson.questions.prefetch_related("options")
                    }
                    quiz_submit(person=teacher, lesson=lesson, answers=answers)
                else:
                    lesson_complete(person=teacher, lesson=lesson)
        almost = list(modules[TEACHER_ALMOST_DONE].lessons.all())
        for lesson in almost[:-1]:
            lesson_complete(person=teacher, lesson=lesson)
        lesson_complete(person=teacher, lesson=modules[TEACHER_STARTED].lessons.first())
        for title in TEACHER_SAVED:
            saved_set(person=teacher, module=modules[title], saved=True)
    # Yesterday evening, so "continue" shows the module that is almost done first.
    ModuleProgress.objects.filter(person=teacher, module=modules[TEACHER_STARTED]).update(
        updated_at=timezone.now() - timedelta(days=3)
    )
    return True
