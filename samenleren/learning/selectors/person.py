"""A person's learning: the contract other apps read (learning_hours_*, modules_in_progress,
badges_of, completions_of, completions_matching) and "Mijn leren"."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from ..models import (
    BadgeAssertion,
    Module,
    ModuleProgress,
)

# --- a person's learning (the contract other apps read) -------------------------------------------


def _completed_between(start: date, end: date) -> QuerySet[ModuleProgress]:
    return ModuleProgress.objects.filter(
        completed_at__isnull=False, completed_at__date__gte=start, completed_at__date__lte=end
    )


def learning_hours_of(*, person, start: date, end: date) -> Decimal:
    """Study hours of the modules the person completed in [start, end]."""
    total = _completed_between(start, end).filter(person=person).aggregate(h=Sum("hours_awarded"))
    return total["h"] or Decimal("0")


def _people_filter(people) -> Q:
    if isinstance(people, QuerySet):
        return Q(person__in=people)
    return Q(person_id__in=[getattr(p, "pk", p) for p in people])


def learning_hours_by_person(*, people, start: date, end: date) -> dict[int, Decimal]:
    """Person id -> study hours completed in [start, end], in one query (people without
    completed modules are left out)."""
    rows = (
        _completed_between(start, end)
        .filter(_people_filter(people))
        .values("person_id")
        .annotate(h=Sum("hours_awarded"))
        .order_by()
    )
    return {row["person_id"]: row["h"] for row in rows}


def learning_hours_total(*, people, start: date, end: date) -> Decimal:
    total = (
        _completed_between(start, end)
        .filter(_people_filter(people))
        .aggregate(h=Sum("hours_awarded"))
    )
    return total["h"] or Decimal("0")


def modules_in_progress(*, person) -> list[ModuleProgress]:
    """Started, not completed; each with .module.title, .percent and .url (continue there)."""
    return list(
        ModuleProgress.objects.filter(person=person, completed_at__isnull=True)
        .select_related("module")
        .order_by("-updated_at")
    )


def badges_of(*, person) -> QuerySet[BadgeAssertion]:
    """Each with .title, .issued_on, .url (the public badge page) and .revoked."""
    return BadgeAssertion.objects.filter(person=person).select_related("badge")


def completions_of(*, person) -> QuerySet[ModuleProgress]:
    """Completed modules, newest first, annotated with .title and .study_hours (the hours
    awarded at completion) next to .completed_at."""
    return (
        ModuleProgress.objects.filter(person=person, completed_at__isnull=False)
        .annotate(title=F("module__title"), study_hours=F("hours_awarded"))
        .select_related("module")
        .order_by("-completed_at")
    )


def completions_matching(*, terms: list[str]) -> list[tuple[int, str]]:
    """(person id, module title) of completed modules whose analysed text holds any of the
    given stems (as produced by core.text.analyse). For suggesting people who can help."""
    stems = [t.strip() for t in terms if t and t.strip()]
    if not stems:
        return []
    condition = Q()
    for stem in stems:
        condition |= Q(module__search_text__contains=f" {stem} ")
    return list(
        ModuleProgress.objects.filter(condition, completed_at__isnull=False)
        .order_by("person_id", "module__title")
        .values_list("person_id", "module__title")
    )


def learning_summary(*, person) -> dict:
    totals = ModuleProgress.objects.filter(person=person, completed_at__isnull=False).aggregate(
        hours=Sum("hours_awarded"), modules=Count("pk")
    )
    return {"hours": totals["hours"] or Decimal("0"), "modules": totals["modules"]}


def saved_modules(*, person) -> QuerySet[Module]:
    return Module.objects.filter(is_published=True, saved_by__person=person).order_by(
        "-saved_by__created_at"
    )
