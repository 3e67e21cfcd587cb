"""What can answer a school question, found in the other capabilities.

Activities are read directly. Modules (learning), networks (community) and campaigns (demand)
are built at the same time as this app; their models are looked up lazily by name, and a kind
is only offered once its app has the model. An answer keeps a snapshot of the title and the
address, so a link stays readable whatever happens to the other app later.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q
from django.utils import timezone

from samenleren.activities.models import Activity, ActivityStatus, Session

from .models import IntakeAnswerKind

# kind -> (app label, model name, candidate title fields)
OTHER_APPS = {
    IntakeAnswerKind.MODULE: ("learning", "Module", ("title", "name")),
    IntakeAnswerKind.NETWORK: ("community", "Network", ("name", "title")),
    IntakeAnswerKind.CAMPAIGN: ("demand", "Campaign", ("title", "name")),
}
LIMIT = 50


@dataclass(frozen=True)
class Candidate:
    kind: str
    object_id: int
    title: str
    url: str


def model_for(kind: str) -> type[Model] | None:
    """The other app's model for this kind, or None while it does not exist."""
    if kind not in OTHER_APPS:
        return None
    app_label, model_name, _fields = OTHER_APPS[kind]
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _title_field(model: type[Model], kind: str) -> str | None:
    for name in OTHER_APPS[kind][2]:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return name
    return None


def available_kinds() -> list[tuple[str, str]]:
    """The kinds a coordinator can link now: activities always, the others once they exist."""
    return [
        (value, label)
        for value, label in IntakeAnswerKind.choices
        if value == IntakeAnswerKind.ACTIVITY or model_for(value) is not None
    ]


def _url_of(obj) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    if getter is None:
        return ""
    try:
        return str(getter())
    except Exception:  # noqa: BLE001 - another app's URL may not be routed yet
        return ""


def _activity_url(activity: Activity) -> str:
    from django.urls import reverse

    return reverse("activities:detail", args=[activity.pk])


def candidates(*, kind: str, region, search: str = "") -> list[Candidate]:
    """What a coordinator can choose from: the region's upcoming published activities, or the
    other app's objects (searched by title)."""
    if kind == IntakeAnswerKind.ACTIVITY:
        upcoming = Session.objects.filter(ends_at__gte=timezone.now()).values("activity_id")
        qs = Activity.objects.filter(
            region=region, status=ActivityStatus.PUBLISHED, pk__in=upcoming
        ).order_by("title")
        for word in search.split():
            qs = qs.filter(title__icontains=word)
        return [Candidate(kind, a.pk, a.title, _activity_url(a)) for a in qs[:LIMIT]]
    model = model_for(kind)
    if model is None:
        return []
    title_field = _title_field(model, kind)
    qs = model._default_manager.all()
    if title_field:
        for word in search.split():
            qs = qs.filter(**{f"{title_field}__icontains": word})
        qs = qs.order_by(title_field)
    return [
        Candidate(
            kind,
            obj.pk,
            str(getattr(obj, title_field)) if title_field else str(obj),
            _url_of(obj),
        )
        for obj in qs[:LIMIT]
    ]


def candidate(*, kind: str, object_id: int, region) -> Candidate | None:
    """One object to link, checked to exist (and, for activities, to be in the region)."""
    if kind == IntakeAnswerKind.ACTIVITY:
        activity = (
            Activity.objects.filter(pk=object_id, region=region)
            .exclude(status=ActivityStatus.DRAFT)
            .first()
        )
        return (
            Candidate(kind, activity.pk, activity.title, _activity_url(activity))
            if activity
            else None
        )
    model = model_for(kind)
    if model is None:
        return None
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        return None
    title_field = _title_field(model, kind)
    return Candidate(
        kind, obj.pk, str(getattr(obj, title_field)) if title_field else str(obj), _url_of(obj)
    )


def modules_matching(*, words: list[str], limit: int = 5) -> list[Candidate]:
    """E-learning modules whose title names one of the words (lazily; [] without the app)."""
    model = model_for(IntakeAnswerKind.MODULE)
    if model is None or not words:
        return []
    title_field = _title_field(model, IntakeAnswerKind.MODULE)
    if title_field is None:
        return []
    condition = Q()
    for word in words:
        condition |= Q(**{f"{title_field}__icontains": word})
    return [
        Candidate(IntakeAnswerKind.MODULE, obj.pk, str(getattr(obj, title_field)), _url_of(obj))
        for obj in model._default_manager.filter(condition).order_by(title_field)[:limit]
    ]
