"""Schemas of Netflixleren's endpoints: modules, progress and recommendations."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from samenleren.learning.models import LessonKind, Level
from samenleren.network.models import ProfileCode


class ModuleFilters(Schema):
    search: str = Field(
        "", max_length=200, description="Words from the title, summary or themes (Dutch stemming)."
    )
    profile: ProfileCode | None = Field(None, description="A vmbo profile code, e.g. PIE.")
    theme: str | None = Field(None, max_length=80, description="A theme's short name (slug).")
    level: Level | None = None
    provider: str | None = Field(None, max_length=200)
    duration: Literal["kort", "middel", "lang"] | None = Field(
        None, description="kort: up to 30 minutes; middel: 31 to 120; lang: longer."
    )


class ModuleFields(Schema):
    id: int
    title: str
    summary: str
    duration_minutes: int
    level: Level
    study_hours: float
    provider: str
    language: str
    profiles: list[str]
    themes: list[str]
    url: str


class ModuleOut(ModuleFields):
    @staticmethod
    def resolve_profiles(obj) -> list[str]:
        return [p.code for p in obj.profiles.all()]

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [t.name for t in obj.themes.all()]

    @staticmethod
    def resolve_study_hours(obj) -> float:
        return float(obj.study_hours)

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("learning:module", args=[obj.pk])


class LessonOut(Schema):
    id: int
    position: int
    title: str
    kind: LessonKind
    minutes: int
    done: bool


class ProgressOut(Schema):
    percent: int
    completed_at: datetime | None
    last_lesson_id: int | None


class ModuleDetailOut(ModuleFields):
    published: bool
    lessons: list[LessonOut]
    progress: ProgressOut | None
    saved: bool


class ProgressIn(Schema):
    lesson_id: int = Field(description="A lesson of this module.")
    done: bool = Field(
        True, description="Mark the lesson as done (quizzes: answer them on the site)."
    )
    position: int | None = Field(
        None, ge=0, le=86400, description="Where the person is in a video, in seconds."
    )


class ProgressResultOut(Schema):
    module_id: int
    lesson_id: int
    percent: int
    completed: bool
    completed_now: bool
    next_lesson_id: int | None
    badge_urls: list[str]


class RecommendationOut(Schema):
    module: ModuleOut
    reason: str = Field(description="Why it is recommended, in the person's language.")
    reason_kind: Literal["because", "profile_popular", "profile", "popular"]
