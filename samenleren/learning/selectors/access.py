"""The access_* checks (the only way views fetch protected learning objects) and the lists
authors and coordinators manage."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samenleren.network.models import Organisation
from samenleren.network.selectors import roles_of

from ..models import (
    BadgeAssertion,
    BadgeClass,
    LearningPath,
    Lesson,
    Module,
    PathItem,
)

# --- access_* ---------------------------------------------------------------------------------


def can_author(user) -> bool:
    roles = roles_of(user)
    return roles.is_coordinator or roles.is_trainer


def _editable(user) -> Q:
    roles = roles_of(user)
    return Q(region_id__in=roles.coordinator_regions) | Q(
        provider_organisation_id__in=roles.trainer_organisations
    )


def can_edit_module(user, module: Module) -> bool:
    roles = roles_of(user)
    return (
        module.region_id in roles.coordinator_regions
        or module.provider_organisation_id in roles.trainer_organisations
    )


def visible_modules(user) -> QuerySet[Module]:
    """Published modules, and the unpublished ones the person may edit (to preview them)."""
    if not user.is_authenticated:
        return Module.objects.none()
    return Module.objects.filter(Q(is_published=True) | _editable(user))


def access_module(*, user, pk: int) -> Module:
    module = visible_modules(user).select_related("region").filter(pk=pk).first()
    if module is None:
        raise Http404
    return module


def access_module_edit(*, user, pk: int) -> Module:
    module = Module.objects.select_related("region").filter(pk=pk).first()
    if module is None:
        raise Http404
    if not can_edit_module(user, module):
        raise PermissionDenied
    return module


def lesson_not_in_module_message() -> str:
    return _("This lesson is not part of this module.")


def access_lesson(*, module: Module, pk: int) -> Lesson:
    lesson = Lesson.objects.filter(module=module, pk=pk).first()
    if lesson is None:
        raise Http404
    return lesson


def access_path(*, user, pk: int) -> LearningPath:
    path = LearningPath.objects.select_related("region").filter(pk=pk).first()
    if path is None or not (
        path.is_published or path.region_id in roles_of(user).coordinator_regions
    ):
        raise Http404
    return path


def access_path_edit(*, user, pk: int) -> LearningPath:
    path = LearningPath.objects.select_related("region").filter(pk=pk).first()
    if path is None:
        raise Http404
    if path.region_id not in roles_of(user).coordinator_regions:
        raise PermissionDenied
    return path


def paths_to_manage(*, user) -> QuerySet[LearningPath]:
    return (
        LearningPath.objects.filter(region_id__in=roles_of(user).coordinator_regions)
        .annotate(module_count=Count("items"))
        .order_by("is_published", "title")
    )


def path_items(*, path: LearningPath) -> list[PathItem]:
    return list(
        PathItem.objects.filter(path=path).select_related("module").order_by("position", "pk")
    )


def modules_for_path(*, path: LearningPath) -> QuerySet[Module]:
    """Modules of the path's region that are not in it yet."""
    return (
        Module.objects.filter(region_id=path.region_id)
        .exclude(path_items__path=path)
        .order_by("title")
    )


def access_assertion(*, uuid) -> BadgeAssertion:
    """Public: anyone with the link may verify a badge (that is the point of hosting it)."""
    assertion = (
        BadgeAssertion.objects.select_related(
            "badge", "badge__module", "badge__path", "badge__module__region", "person"
        )
        .filter(uuid=uuid)
        .first()
    )
    if assertion is None:
        raise Http404
    return assertion


def access_assertion_revoke(*, user, uuid) -> BadgeAssertion:
    assertion = access_assertion(uuid=uuid)
    if assertion.badge.region.pk not in roles_of(user).coordinator_regions:
        raise PermissionDenied
    return assertion


def access_badge_class(*, pk: int) -> BadgeClass:
    """Public once its module or path is published (or someone holds it)."""
    badge = (
        BadgeClass.objects.select_related("module__region", "path__region").filter(pk=pk).first()
    )
    if badge is None:
        raise Http404
    owner = badge.module or badge.path
    if not owner.is_published and not badge.assertions.exists():
        raise Http404
    return badge


def authoring_regions(user) -> list[tuple[int, int | None]]:
    """Where a new module may go: (region id, provider organisation id) pairs."""
    roles = roles_of(user)
    pairs = [(region_id, None) for region_id in sorted(roles.coordinator_regions)]
    for org in Organisation.objects.filter(pk__in=roles.trainer_organisations).order_by("pk"):
        pairs.append((org.region_id, org.pk))
    return pairs


def modules_to_manage(*, user, search: str = "") -> QuerySet[Module]:
    queryset = Module.objects.filter(_editable(user)).annotate(lesson_count=Count("lessons"))
    if search:
        queryset = queryset.filter(title__icontains=search)
    return queryset.order_by("is_published", "title")


def assertions_to_manage(*, user) -> QuerySet[BadgeAssertion]:
    regions = roles_of(user).coordinator_regions
    return (
        BadgeAssertion.objects.filter(
            Q(badge__module__region_id__in=regions) | Q(badge__path__region_id__in=regions)
        )
        .select_related("badge", "person")
        .prefetch_related(Prefetch("badge__module"))
        .order_by("-issued_on")
    )
