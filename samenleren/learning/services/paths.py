"""Learning paths: a coordinator's ordered list of modules, with its own badge."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..models import LearningPath, Module, PathItem
from .authoring import DOWN, UP, unique_slug
from .badges import badge_class_ensure


@transaction.atomic
def path_save(*, path: LearningPath, actor) -> LearningPath:
    creating = path.pk is None
    if not path.slug:
        path.slug = unique_slug(LearningPath, path.title)
    path.full_clean()
    path.save()
    audit_log(
        actor=actor,
        action="learning.path_created" if creating else "learning.path_changed",
        target=path,
    )
    return path


def _renumber(path: LearningPath, items: list[PathItem]) -> None:
    for number, item in enumerate(items, start=1):
        if item.position != number:
            PathItem.objects.filter(pk=item.pk).update(position=number)


def path_module_add(*, path: LearningPath, module: Module, actor) -> None:
    """Add a module of the same region at the end; a module is in a path once."""
    if module.region_id != path.region_id:
        raise ValidationError({"module": _("Choose a module of this region.")})
    with transaction.atomic():
        LearningPath.objects.select_for_update().filter(pk=path.pk).first()
        if PathItem.objects.filter(path=path, module=module).exists():
            raise ValidationError({"module": _("This module is already in the learning path.")})
        last = PathItem.objects.filter(path=path).order_by("-position").first()
        PathItem.objects.create(
            path=path, module=module, position=(last.position + 1) if last else 1
        )
        audit_log(actor=actor, action="learning.path_module_added", target=path, module=module.pk)


def path_module_move(*, path: LearningPath, item_pk: int, direction: str, actor) -> None:
    if direction not in {UP, DOWN}:
        raise ValidationError(_("Choose up or down."))
    with transaction.atomic():
        LearningPath.objects.select_for_update().filter(pk=path.pk).first()
        items = list(PathItem.objects.filter(path=path).order_by("position", "pk"))
        index = next((i for i, item in enumerate(items) if item.pk == item_pk), None)
        if index is None:
            raise ValidationError(_("This module is not in the learning path."))
        target = index - 1 if direction == UP else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        _renumber(path, items)
        audit_log(actor=actor, action="learning.path_module_moved", target=path, item=item_pk)


def path_module_remove(*, path: LearningPath, item_pk: int, actor) -> None:
    with transaction.atomic():
        deleted, _count = PathItem.objects.filter(path=path, pk=item_pk).delete()
        if not deleted:
            raise ValidationError(_("This module is not in the learning path."))
        _renumber(path, list(PathItem.objects.filter(path=path).order_by("position", "pk")))
        audit_log(actor=actor, action="learning.path_module_removed", target=path, item=item_pk)


def path_publish(*, path: LearningPath, actor, publish: bool = True) -> LearningPath:
    """Publish (with at least two published modules) or withdraw a learning path."""
    with transaction.atomic():
        if publish:
            modules = Module.objects.filter(path_items__path=path)
            if modules.count() < 2:
                raise ValidationError(_("A learning path needs at least two modules."))
            if modules.filter(is_published=False).exists():
                raise ValidationError(_("Publish every module of the learning path first."))
            badge_class_ensure(path=path)
        LearningPath.objects.filter(pk=path.pk).update(is_published=publish)
        audit_log(
            actor=actor,
            action="learning.path_published" if publish else "learning.path_withdrawn",
            target=path,
        )
    path.refresh_from_db()
    return path
