"""Netflixleren in the API: the catalogue, one module, saving progress and recommendations.
Progress goes through the same service as the lesson player (learning.services.progress), so
completion, study hours and badges happen exactly once."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from samenleren.learning.selectors import (
    CatalogueFilters,
    access_module,
    catalogue_modules,
    lesson_not_in_module_message,
    module_state,
    recommendations_for,
)
from samenleren.learning.services.progress import lesson_complete

from ..pagination import Paged
from ..schemas import ErrorOut
from ..schemas_activities import ValidationErrorOut
from ..schemas_learning import (
    ModuleDetailOut,
    ModuleFilters,
    ModuleOut,
    ProgressIn,
    ProgressResultOut,
    RecommendationOut,
)

router = Router(tags=["learning"])


@router.get(
    "/modules",
    response=list[ModuleOut],
    summary="Netflixleren: published modules (search, filters; paged)",
    description=(
        '`search` finds Dutch word forms ("modules" finds "module"). Newest first, '
        "or by title when searching. Unpublished modules are never listed."
    ),
)
@paginate(Paged)
def module_list(request: HttpRequest, filters: Query[ModuleFilters]):
    return catalogue_modules(
        user=request.user,
        filters=CatalogueFilters(
            search=filters.search.strip(),
            profile=filters.profile or "",
            theme=filters.theme or "",
            level=filters.level or "",
            provider=filters.provider or "",
            duration=filters.duration or "",
        ),
    )


def _detail(request: HttpRequest, module) -> dict:
    state = module_state(user=request.user, module=module)
    progress = state.progress
    return {
        "id": module.pk,
        "title": module.title,
        "summary": module.summary,
        "duration_minutes": module.duration_minutes,
        "level": module.level,
        "study_hours": float(module.study_hours),
        "provider": module.provider,
        "language": module.language,
        "profiles": [p.code for p in module.profiles.all()],
        "themes": [t.name for t in module.themes.all()],
        "url": reverse("learning:module", args=[module.pk]),
        "published": module.is_published,
        "lessons": [
            {
                "id": item.lesson.pk,
                "position": item.number,
                "title": item.lesson.title,
                "kind": item.lesson.kind,
                "minutes": item.lesson.minutes,
                "done": item.done,
            }
            for item in state.lessons
        ],
        "progress": (
            {
                "percent": progress.percent,
                "completed_at": progress.completed_at,
                "last_lesson_id": progress.last_lesson_id,
            }
            if progress
            else None
        ),
        "saved": state.saved,
    }


@router.get(
    "/modules/{module_id}",
    response={200: ModuleDetailOut, 404: ErrorOut},
    summary="One module with its lessons and your progress",
    description="Unpublished modules are found only by the people who may edit them.",
)
def module_get(request: HttpRequest, module_id: int):
    module = access_module(user=request.user, pk=module_id)
    return _detail(request, module)


@router.post(
    "/modules/{module_id}/progress",
    response={
        200: ProgressResultOut,
        400: ValidationErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    summary="Save progress in a lesson (done, or a position in a video)",
    description=(
        "Marks the lesson done (`done`, default true) and/or stores `position` in seconds. When "
        "every lesson is done the module is completed once: its study hours are added to your "
        "record and the badge is issued. A quiz is done only by passing it on the site (400). "
        "A module you cannot see answers 404; a lesson of another module answers 422; nothing "
        "is written then."
    ),
)
def progress_save(request: HttpRequest, module_id: int, payload: ProgressIn):
    module = access_module(user=request.user, pk=module_id)
    lesson = module.lessons.filter(pk=payload.lesson_id).first()
    if lesson is None:
        message = lesson_not_in_module_message()
        return Status(
            422, {"detail": message, "errors": [{"field": "lesson_id", "message": message}]}
        )
    result = lesson_complete(
        person=request.user, lesson=lesson, done=payload.done, position=payload.position
    )
    return {
        "module_id": module.pk,
        "lesson_id": lesson.pk,
        "percent": result.progress.percent,
        "completed": result.progress.completed_at is not None,
        "completed_now": result.completed_now,
        "next_lesson_id": result.next_lesson.pk if result.next_lesson else None,
        "badge_urls": [request.build_absolute_uri(b.url) for b in result.badges],
    }


@router.get(
    "/me/recommendations",
    response=list[RecommendationOut],
    summary="Modules recommended for you, each with the reason",
    description=(
        "Combines what people who did your modules also did, similar content (themes, "
        "profiles, words), what is popular with your vmbo profile, and overall popularity."
    ),
)
def my_recommendations(request: HttpRequest, limit: int = Query(10, ge=1, le=30)):
    return [
        {"module": item.module, "reason": item.reason, "reason_kind": item.reason_kind}
        for item in recommendations_for(user=request.user, limit=limit)
    ]
