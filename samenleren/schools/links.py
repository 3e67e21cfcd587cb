"""What can answer a school question: an activity, an e-learning module, a learning network or
an interest campaign. An answer keeps a snapshot of the title and the address, so a link stays
readable whatever happens to the object later.

Reading community and demand is a documented exception: an intake is answered by anything.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from samenleren.activities.models import Activity, ActivityStatus, Session
from samenleren.community.models import Network
from samenleren.demand.models import Campaign
from samenleren.learning.models import Module
from samenleren.network.models import Region

from .models import IntakeAnswerKind

LIMIT = 50


@dataclass(frozen=True)
class Candidate:
    kind: str
    object_id: int
    title: str
    url: str


def _choosable(kind: str, region: Region) -> tuple[QuerySet, str] | None:
    """What a coordinator may link for a school in this region, and the field with its title."""
    if kind == IntakeAnswerKind.ACTIVITY:
        return (
            Activity.objects.filter(region=region).exclude(status=ActivityStatus.DRAFT),
            "title",
        )
    if kind == IntakeAnswerKind.MODULE:
        return Module.objects.filter(is_published=True), "title"
    if kind == IntakeAnswerKind.NETWORK:
        return Network.objects.filter(region=region), "name"
    if kind == IntakeAnswerKind.CAMPAIGN:
        return Campaign.objects.filter(region=region), "title"
    return None


def _candidate(kind: str, obj, title_field: str) -> Candidate:
    if kind == IntakeAnswerKind.ACTIVITY:
        url = reverse("activities:detail", args=[obj.pk])
    elif kind == IntakeAnswerKind.MODULE:
        url = reverse("learning:module", args=[obj.pk])
    else:
        url = obj.get_absolute_url()
    return Candidate(kind, obj.pk, getattr(obj, title_field), url)


def candidates(*, kind: str, region: Region, search: str = "") -> list[Candidate]:
    """What a coordinator can choose from, searched by title: the region's upcoming published
    activities, published modules, the region's networks and campaigns."""
    found = _choosable(kind, region)
    if found is None:
        return []
    qs, title_field = found
    if kind == IntakeAnswerKind.ACTIVITY:
        upcoming = Session.objects.filter(ends_at__gte=timezone.now()).values("activity_id")
        qs = qs.filter(status=ActivityStatus.PUBLISHED, pk__in=upcoming)
    for word in search.split():
        qs = qs.filter(**{f"{title_field}__icontains": word})
    return [_candidate(kind, obj, title_field) for obj in qs.order_by(title_field)[:LIMIT]]


def candidate(*, kind: str, object_id: int, region: Region) -> Candidate | None:
    """One object to link, checked to exist and to be choosable for a school in this region."""
    found = _choosable(kind, region)
    if found is None:
        return None
    qs, title_field = found
    obj = qs.filter(pk=object_id).first()
    return _candidate(kind, obj, title_field) if obj else None


def modules_matching(*, words: list[str], limit: int = 5) -> list[Candidate]:
    """Published e-learning modules whose title names one of the words."""
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word)
    modules = Module.objects.filter(condition, is_published=True).order_by("title")[:limit]
    return [_candidate(IntakeAnswerKind.MODULE, module, "title") for module in modules]
