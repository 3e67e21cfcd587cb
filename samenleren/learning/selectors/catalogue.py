"""The catalogue: search and filters, the rows of the home page, recommendations with their
reasons, and the state of a module or path for one person."""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils.translation import gettext as _

from samenleren.core.text import analyse
from samenleren.network.models import Affiliation, Profile

from ..models import (
    BadgeAssertion,
    LearningPath,
    Lesson,
    LessonProgress,
    Level,
    Module,
    ModuleProgress,
    PathItem,
    Rating,
    SavedModule,
    Theme,
)
from ..recommend import (
    BECAUSE,
    PROFILE_MATCH,
    PROFILE_POPULAR,
    ItemFeatures,
    Recommender,
)

ROW_SIZE = 12
SHORT, MEDIUM, LONG = "kort", "middel", "lang"
DURATIONS = {SHORT: (0, 30), MEDIUM: (31, 120), LONG: (121, None)}

# --- the catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    search: str = ""
    profile: str = ""
    theme: str = ""  # slug
    level: str = ""
    provider: str = ""
    duration: str = ""  # SHORT, MEDIUM, LONG

    @property
    def active(self) -> bool:
        return any(
            (self.search, self.profile, self.theme, self.level, self.provider, self.duration)
        )


def catalogue_modules(*, user, filters: CatalogueFilters) -> QuerySet[Module]:
    """Published modules matching the filters; a search finds Dutch word forms."""
    queryset = Module.objects.filter(is_published=True)
    if filters.profile:
        queryset = queryset.filter(profiles__code=filters.profile)
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.provider:
        queryset = queryset.filter(provider=filters.provider)
    if filters.duration in DURATIONS:
        low, high = DURATIONS[filters.duration]
        queryset = queryset.filter(duration_minutes__gte=low)
        if high is not None:
            queryset = queryset.filter(duration_minutes__lte=high)
    for stem in analyse(filters.search):
        queryset = queryset.filter(search_text__contains=f" {stem} ")
    ids = queryset.values("pk")
    order = ["title"] if filters.search else ["-published_at", "title"]
    return (
        Module.objects.filter(pk__in=ids)
        .prefetch_related("themes", "profiles")
        .order_by(*order, "pk")
    )


def filter_choices() -> dict:
    published = Module.objects.filter(is_published=True)
    return {
        "profiles": [
            (p.code, p.code) for p in Profile.objects.filter(modules__in=published).distinct()
        ],
        "themes": [
            (t.slug, t.name) for t in Theme.objects.filter(modules__in=published).distinct()
        ],
        "levels": list(Level.choices),
        "providers": [
            (p, p)
            for p in published.exclude(provider="")
            .order_by("provider")
            .values_list("provider", flat=True)
            .distinct()
        ],
    }


@dataclass
class Card:
    module: Module
    percent: int | None = None
    reason: str = ""
    url: str = ""


@dataclass
class Row:
    key: str
    title: str
    cards: list[Card] = field(default_factory=list)
    empty: str = ""


@dataclass(frozen=True)
class PersonContext:
    organisation_ids: frozenset[int]
    region_ids: frozenset[int]
    own_profiles: tuple[str, ...]
    school_profiles: tuple[str, ...]

    @property
    def profiles(self) -> tuple[str, ...]:
        return self.own_profiles or self.school_profiles


def person_context(person) -> PersonContext:
    """Where the person works and which profiles count, read once per request."""
    cached = getattr(person, "_learning_context", None)
    if cached is not None:
        return cached
    affiliations = list(
        Affiliation.objects.filter(person=person, ended_on__isnull=True)
        .select_related("organisation")
        .prefetch_related("profiles", "organisation__profiles")
    )
    own, school = {}, {}
    for affiliation in affiliations:
        own.update(dict.fromkeys(p.code for p in affiliation.profiles.all()))
        school.update(dict.fromkeys(p.code for p in affiliation.organisation.profiles.all()))
    context = PersonContext(
        organisation_ids=frozenset(a.organisation_id for a in affiliations),
        region_ids=frozenset(a.organisation.region_id for a in affiliations),
        own_profiles=tuple(own),
        school_profiles=tuple(school),
    )
    person._learning_context = context
    return context


def _cards(modules: list[Module], *, percents: dict[int, int] | None = None) -> list[Card]:
    percents = percents or {}
    return [Card(module=m, percent=percents.get(m.pk)) for m in modules]


def _popular_among(people: QuerySet, *, exclude: set[int], limit: int = ROW_SIZE) -> list[Module]:
    counted = (
        ModuleProgress.objects.filter(person__in=people, module__is_published=True)
        .exclude(module_id__in=exclude)
        .values("module_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by("-n", "module_id")[:limit]
    )
    order = [row["module_id"] for row in counted]
    modules = Module.objects.in_bulk(order)
    return [modules[pk] for pk in order if pk in modules]


def catalogue_rows(*, user) -> list[Row]:
    """The rows of the catalogue home, each already filled (an empty row is left out)."""
    context = person_context(user)
    progress = list(
        ModuleProgress.objects.filter(person=user, module__is_published=True)
        .select_related("module")
        .order_by("-updated_at")
    )
    completed = {p.module_id for p in progress if p.is_complete}
    started = {p.module_id for p in progress}
    rows = []

    in_progress = [p for p in progress if not p.is_complete]
    rows.append(
        Row(
            "continue",
            _("Continue watching"),
            [Card(module=p.module, percent=p.percent, url=p.url) for p in in_progress],
        )
    )
    newest = Module.objects.filter(is_published=True).exclude(pk__in=completed)
    rows.append(
        Row("new", _("New"), _cards(list(newest.order_by("-published_at", "pk")[:ROW_SIZE])))
    )

    for_profile = _popular_modules(
        Module.objects.filter(is_published=True, profiles__code__in=context.profiles)
        .exclude(pk__in=completed)
        .distinct()
    )
    title = _("For your profile") if context.own_profiles else _("For the profiles of your school")
    rows.append(Row("profile", title, _cards(for_profile)))

    colleagues = Affiliation.objects.filter(
        organisation_id__in=context.organisation_ids, ended_on__isnull=True
    ).exclude(person=user)
    at_school = _popular_among(colleagues.values("person_id"), exclude=completed)
    if at_school:
        rows.append(Row("school", _("Popular at your school"), _cards(at_school)))
    else:
        in_region = Affiliation.objects.filter(
            organisation__region_id__in=context.region_ids, ended_on__isnull=True
        ).exclude(person=user)
        people = in_region.values("person_id") if context.region_ids else None
        popular = (
            _popular_among(people, exclude=completed)
            if people is not None
            else _popular_modules(
                Module.objects.filter(is_published=True).exclude(pk__in=completed)
            )
        )
        rows.append(Row("region", _("Popular in the region"), _cards(popular)))

    last_completed = next((p for p in progress if p.is_complete), None)
    if last_completed is not None:
        recommender = current_recommender(user=user)
        similar = recommender.recommend(
            history=[last_completed.module_id], exclude=started, limit=ROW_SIZE
        )
        modules = Module.objects.in_bulk([r.module_id for r in similar])
        rows.append(
            Row(
                "because",
                _("Because you did %(title)s") % {"title": last_completed.module.title},
                _cards([modules[r.module_id] for r in similar if r.module_id in modules]),
            )
        )

    saved = Module.objects.filter(is_published=True, saved_by__person=user).order_by(
        "-saved_by__created_at"
    )
    rows.append(
        Row(
            "saved",
            _("My list"),
            _cards(list(saved[:ROW_SIZE]), percents={p.module_id: p.percent for p in progress}),
            empty=_("Save a module with “Add to my list” to find it here later."),
        )
    )
    return [row for row in rows if row.cards or row.empty]


def _popular_modules(queryset: QuerySet[Module], limit: int = ROW_SIZE) -> list[Module]:
    return list(
        Module.objects.filter(pk__in=queryset.values("pk"))
        .annotate(people=Count("progress"))
        .order_by("-people", "-published_at", "pk")[:limit]
    )


# --- recommendations ------------------------------------------------------------------------------


def _recommender_key() -> str:
    progress = ModuleProgress.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    modules = Module.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    state = f"{progress['n']}|{progress['last']}|{modules['n']}|{modules['last']}"
    return "learning:recommender:" + hashlib.sha256(state.encode()).hexdigest()[:32]


def build_recommender() -> Recommender:
    """The recommender over everyone's progress: four queries, however many people."""
    modules = Module.objects.filter(is_published=True).prefetch_related("profiles", "themes")
    items = {
        m.pk: ItemFeatures(
            id=m.pk,
            title=m.title,
            profiles=frozenset(p.code for p in m.profiles.all()),
            themes=frozenset(t.slug for t in m.themes.all()),
            stems=frozenset(m.search_text.split()),
        )
        for m in modules
    }
    histories: dict[int, list[int]] = {}
    for person_id, module_id in ModuleProgress.objects.order_by("updated_at").values_list(
        "person_id", "module_id"
    ):
        histories.setdefault(person_id, []).append(module_id)
    profile_counts: dict[str, dict[int, int]] = {}
    rows = (
        ModuleProgress.objects.filter(
            person__affiliations__ended_on__isnull=True,
            person__affiliations__profiles__isnull=False,
        )
        .values("module_id", code=F("person__affiliations__profiles__code"))
        .annotate(n=Count("person_id", distinct=True))
    )
    for row in rows:
        profile_counts.setdefault(row["code"], {})[row["module_id"]] = row["n"]
    return Recommender(items=items, histories=histories, profile_counts=profile_counts)


def current_recommender(*, user=None) -> Recommender:
    """Built once and cached until progress or the catalogue changes (and kept on the user
    object for the rest of the request)."""
    cached = getattr(user, "_learning_recommender", None)
    if cached is not None:
        return cached
    recommender = cache.get_or_set(_recommender_key(), build_recommender, timeout=15 * 60)
    if user is not None:
        user._learning_recommender = recommender
    return recommender


@dataclass
class Recommended:
    module: Module
    reason: str
    reason_kind: str


def reason_text(recommendation, modules: dict[int, Module]) -> str:
    if recommendation.reason == BECAUSE and recommendation.because_id in modules:
        return _("Because you did %(title)s") % {"title": modules[recommendation.because_id].title}
    if recommendation.reason == PROFILE_POPULAR:
        return _("Popular with %(profile)s teachers") % {"profile": recommendation.profile}
    if recommendation.reason == PROFILE_MATCH:
        return _("Fits your profile (%(profile)s)") % {"profile": recommendation.profile}
    return _("Popular in the region")


def recommendations_for(*, user, limit: int = 10) -> list[Recommended]:
    """Modules for this person, each with the reason why."""
    context = person_context(user)
    history = list(
        ModuleProgress.objects.filter(person=user)
        .order_by("updated_at")
        .values_list("module_id", flat=True)
    )
    recommender = current_recommender(user=user)
    result = recommender.recommend(history=history, profiles=context.profiles, limit=limit)
    wanted = {r.module_id for r in result} | {r.because_id for r in result if r.because_id}
    modules = Module.objects.in_bulk(wanted)
    return [
        Recommended(modules[r.module_id], reason_text(r, modules), r.reason)
        for r in result
        if r.module_id in modules
    ]


# --- a module and its lessons -------------------------------------------------------------------


@dataclass
class LessonState:
    lesson: Lesson
    done: bool
    number: int


@dataclass
class ModuleState:
    module: Module
    lessons: list[LessonState]
    progress: ModuleProgress | None
    saved: bool
    rating: Rating | None
    badge: BadgeAssertion | None
    paths: list[LearningPath]

    @property
    def percent(self) -> int:
        return self.progress.percent if self.progress else 0

    @property
    def next_lesson(self) -> Lesson | None:
        """Where to continue: the first lesson not done, else the first one."""
        for state in self.lessons:
            if not state.done:
                return state.lesson
        return self.lessons[0].lesson if self.lessons else None


def module_state(*, user, module: Module) -> ModuleState:
    lessons = list(module.lessons.all())
    done = set(
        LessonProgress.objects.filter(
            person=user, lesson__module=module, done_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    return ModuleState(
        module=module,
        lessons=[
            LessonState(lesson, lesson.pk in done, number)
            for number, lesson in enumerate(lessons, start=1)
        ],
        progress=ModuleProgress.objects.filter(person=user, module=module).first(),
        saved=SavedModule.objects.filter(person=user, module=module).exists(),
        rating=Rating.objects.filter(person=user, module=module).first(),
        badge=BadgeAssertion.objects.filter(person=user, badge__module=module).first(),
        paths=list(LearningPath.objects.filter(is_published=True, items__module=module)),
    )


def module_rating(*, module: Module) -> dict:
    return Rating.objects.filter(module=module).aggregate(
        useful=Count("pk", filter=Q(useful=True)), total=Count("pk")
    )


def quiz_questions(*, lesson: Lesson) -> list:
    return list(lesson.questions.prefetch_related("options"))


def path_state(*, user, path: LearningPath) -> list[tuple[Module, int, bool]]:
    items = list(PathItem.objects.filter(path=path).select_related("module").order_by("position"))
    progress = {
        p.module_id: p
        for p in ModuleProgress.objects.filter(person=user, module__in=[i.module for i in items])
    }
    return [
        (
            item.module,
            progress[item.module_id].percent if item.module_id in progress else 0,
            item.module_id in progress and progress[item.module_id].is_complete,
        )
        for item in items
    ]


def published_paths() -> QuerySet[LearningPath]:
    return LearningPath.objects.filter(is_published=True).annotate(module_count=Count("items"))
