"""Learning networks: networks and members, meetings, materials and the discussion."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..files import check_upload
from ..models import (
    MAX_TEXT,
    MAX_TITLE,
    Material,
    MaterialUse,
    Membership,
    Network,
    NetworkMeeting,
    Post,
    Thread,
    Topic,
)
from .checks import clean_tags, clean_text, rate_limit_check


def _recount_members(network: Network) -> None:
    Network.objects.filter(pk=network.pk).update(
        member_count=Coalesce(
            Subquery(
                Membership.objects.filter(network=OuterRef("pk"))
                .values("network")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        )
    )


@transaction.atomic
def network_save(
    *,
    actor,
    region,
    name: str,
    description: str = "",
    profile=None,
    theme: str = "",
    network: Network | None = None,
    questions=(),
) -> Network:
    name = clean_text(name, field="name", limit=150)
    description = clean_text(description, field="description", required=False)
    duplicate = Network.objects.filter(region=region, name__iexact=name)
    if network is not None:
        duplicate = duplicate.exclude(pk=network.pk)
    if duplicate.exists():
        raise ValidationError({"name": _("There is already a network with this name.")})
    created = network is None
    network = network or Network(region=region, created_by=actor)
    network.name, network.description, network.profile, network.theme = (
        name,
        description,
        profile,
        theme,
    )
    network.save()
    if created:
        Membership.objects.create(network=network, person=actor, is_moderator=True)
        # Everyone who asked one of the clustered questions is invited by being a topic.
        for question in questions:
            Topic.objects.create(
                region=region,
                network=network,
                question=question,
                title=question.headline[:MAX_TITLE],
                text=question.text,
                created_by=actor,
            )
        _recount_members(network)
    audit_log(actor=actor, action="network.create" if created else "network.update", target=network)
    return network


@transaction.atomic
def network_join(*, network: Network, person) -> None:
    Membership.objects.get_or_create(network=network, person=person)
    _recount_members(network)


@transaction.atomic
def network_leave(*, network: Network, person) -> None:
    membership = Membership.objects.filter(network=network, person=person).first()
    if membership is None:
        return
    if membership.is_moderator and not (
        Membership.objects.filter(network=network, is_moderator=True)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("You are the network's only moderator. Make someone else moderator first.")
        )
    membership.delete()
    _recount_members(network)


@transaction.atomic
def network_moderator_set(*, actor, network: Network, person_id: int, moderator: bool) -> None:
    membership = Membership.objects.filter(network=network, person_id=person_id).first()
    if membership is None:
        raise ValidationError(_("Only members can be moderators."))
    if not moderator and not (
        Membership.objects.filter(network=network, is_moderator=True)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(_("A network needs at least one moderator."))
    membership.is_moderator = moderator
    membership.save(update_fields=["is_moderator"])
    audit_log(actor=actor, action="network.moderator", target=network, person_id=person_id)


@transaction.atomic
def network_meeting_schedule(
    *,
    actor,
    network: Network,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    address: str = "",
    online_url: str = "",
    capacity: int = 30,
    publish: bool = True,
) -> NetworkMeeting:
    """A meeting is a calendar activity (network meeting) made by the calendar's own service,
    published at once unless `publish` is False."""
    from samenleren.activities.models import Activity, ActivityKind
    from samenleren.activities.services.activity import activity_publish, activity_save

    title = clean_text(title, field="title", limit=200)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    if not address and not online_url:
        raise ValidationError({"address": _("Give an address or an online link.")})
    activity = Activity(
        region=network.region,
        title=title,
        kind=ActivityKind.NETWORK_MEETING,
        summary=_("Meeting of the learning network %(name)s") % {"name": network.name},
        description=network.description,
        capacity=capacity,
    )
    activity_save(
        actor=actor,
        activity=activity,
        sessions=[
            {
                "starts_at": starts_at,
                "ends_at": ends_at,
                "address": address,
                "online_url": online_url,
            }
        ],
        profiles=[network.profile] if network.profile else None,
    )
    if publish:
        activity_publish(actor=actor, activity=activity)
    return NetworkMeeting.objects.create(network=network, activity=activity)


@transaction.atomic
def material_add(
    *,
    network: Network,
    person,
    title: str,
    licence: str,
    description: str = "",
    url: str = "",
    upload=None,
    tags=(),
) -> Material:
    from ..models import Licence

    errors: dict[str, list[str]] = {}
    try:
        title = clean_text(title, field="title", limit=MAX_TITLE)
    except ValidationError as error:
        errors.update(error.message_dict)
    if licence not in Licence.values:
        errors["licence"] = [_("Choose a licence.")]
    if not url and upload is None:
        errors["url"] = [_("Give a link or choose a file.")]
    file_type = ""
    if upload is not None:
        try:
            file_type = check_upload(upload)
        except ValidationError as error:
            errors["file"] = error.messages
    try:
        tags = clean_tags(tags)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    rate_limit_check(person=person)
    material = Material(
        network=network,
        title=title,
        description=(description or "").strip()[:MAX_TEXT],
        url=url,
        licence=licence,
        tags=tags,
        shared_by=person,
        file_type=file_type,
        file_size=upload.size if upload is not None else 0,
    )
    if upload is not None:
        material.file.save(upload.name, upload, save=False)
    material.save()
    return material


def material_use(*, material: Material, person, use: bool = True) -> None:
    with transaction.atomic():
        if use:
            try:
                with transaction.atomic():
                    MaterialUse.objects.create(material=material, person=person)
            except IntegrityError:
                return
            Material.objects.filter(pk=material.pk).update(use_count=F("use_count") + 1)
        elif MaterialUse.objects.filter(material=material, person=person).delete()[0]:
            Material.objects.filter(pk=material.pk).update(use_count=F("use_count") - 1)


@transaction.atomic
def thread_create(*, network: Network, author, title: str, text: str) -> Thread:
    errors = {}
    try:
        title = clean_text(title, field="title", limit=MAX_TITLE)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        text = clean_text(text, field="text")
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    rate_limit_check(person=author)
    thread = Thread.objects.create(network=network, title=title, author=author, post_count=1)
    Post.objects.create(thread=thread, author=author, text=text)
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author, text: str) -> Post:
    if thread.hidden_at is not None:
        raise ValidationError(_("This discussion is hidden; nobody can reply to it."))
    text = clean_text(text, field="text")
    rate_limit_check(person=author)
    post = Post.objects.create(thread=thread, author=author, text=text)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, updated_at=timezone.now()
    )
    return post
