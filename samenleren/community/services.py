"""Writes of the question board and the learning networks.

Every write validates first and raises ValidationError with a Dutch (translatable) message,
inside one transaction: nothing is half-written. Mail goes out after the commit (tasks.py).
Posting (questions, answers, discussion posts, contact messages) is rate limited per person.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenleren.core.services import audit_log
from samenleren.core.text import search_document

from .files import check_upload
from .matching import document_terms, synonyms_changed
from .models import (
    MAX_TEXT,
    MAX_TITLE,
    OPEN_STATUSES,
    Answer,
    Expertise,
    Follow,
    HelpfulMark,
    Material,
    MaterialUse,
    Membership,
    MeToo,
    Network,
    NetworkMeeting,
    Post,
    Question,
    QuestionSource,
    QuestionStatus,
    Report,
    Synonym,
    Thread,
    Topic,
    Visibility,
    known_tags,
)

RATE_WINDOW_SECONDS = 600


def _mail_after_commit(kind: str, person_ids, **data) -> None:
    from .tasks import send_community_mail

    ids = sorted(set(person_ids))

    def send() -> None:
        for person_id in ids:
            send_community_mail.enqueue(kind=kind, person_id=person_id, **data)

    if ids:
        transaction.on_commit(send)


# --- checks ------------------------------------------------------------------------------------


def rate_limit_check(*, person) -> None:
    """At most COMMUNITY_POST_LIMIT posts per person per ten minutes (counted in the cache)."""
    if person is None:
        return
    limit = getattr(settings, "COMMUNITY_POST_LIMIT", 10)
    window = int(timezone.now().timestamp() // RATE_WINDOW_SECONDS)
    key = f"community:posts:{person.pk}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS * 2)
        count = 1
    if count > limit:
        raise ValidationError(
            _(
                "You have posted %(limit)s messages in a few minutes. Please wait ten minutes "
                "and try again."
            )
            % {"limit": limit},
            code="rate_limited",
        )


def clean_text(
    value: str | None, *, field: str, required: bool = True, limit: int = MAX_TEXT
) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Write something first: this field is empty.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _(
                    "This text is %(length)s characters long; at most %(limit)s are allowed. "
                    "Shorten it, or share a longer document as material."
                )
                % {"length": len(text), "limit": limit}
            }
        )
    return text


def clean_tags(tags) -> list[str]:
    known = known_tags()
    wanted = [str(t).strip() for t in (tags or []) if str(t).strip()]
    unknown = [t for t in wanted if t not in known]
    if unknown:
        raise ValidationError(
            {
                "tags": _("Unknown tag: %(tags)s. Choose from: %(known)s.")
                % {"tags": ", ".join(unknown), "known": ", ".join(known)}
            }
        )
    return list(dict.fromkeys(wanted))


def _index(question: Question) -> None:
    terms = document_terms(question.title, question.text)
    question.terms = " ".join(terms)
    question.search_text = search_document(question.title, question.text, compounds=True)


# --- questions ---------------------------------------------------------------------------------


@transaction.atomic
def question_create(
    *,
    author,
    region,
    text: str,
    title: str = "",
    tags=(),
    visibility: str = Visibility.REGION,
    organisation=None,
    source: str = QuestionSource.ASKED,
    source_key: str | None = None,
    check_rate: bool = True,
) -> Question:
    errors: dict[str, list[str]] = {}
    values = {}
    for field, value, kwargs in (
        ("text", text, {}),
        ("title", title, {"required": False, "limit": MAX_TITLE}),
    ):
        try:
            values[field] = clean_text(value, field=field, **kwargs)
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        values["tags"] = clean_tags(tags)
    except ValidationError as error:
        errors.update(error.message_dict)
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who may see the question.")]
    if organisation is not None and organisation.region_id != region.pk:
        errors["organisation"] = [_("This organisation is not in the region.")]
    if errors:
        raise ValidationError(errors)
    if check_rate:
        rate_limit_check(person=author)
    question = Question(
        region=region,
        author=author,
        organisation=organisation,
        visibility=visibility,
        source=source,
        source_key=source_key,
        **values,
    )
    _index(question)
    question.save()
    if author is not None:
        Follow.objects.get_or_create(question=question, person=author)
    audit_log(actor=author, action="question.create", target=question, question_id=question.pk)
    return question


def question_metoo(*, question: Question, person, organisation=None, join: bool = True) -> bool:
    """'Ik ook': join a question (and follow it), or leave it again. Returns whether joined."""
    with transaction.atomic():
        if join:
            try:
                with transaction.atomic():
                    MeToo.objects.create(
                        question=question, person=person, organisation=organisation
                    )
            except IntegrityError:
                return True
            Follow.objects.get_or_create(question=question, person=person)
            Question.objects.filter(pk=question.pk).update(metoo_count=F("metoo_count") + 1)
            return True
        deleted, _rows = MeToo.objects.filter(question=question, person=person).delete()
        if deleted:
            Question.objects.filter(pk=question.pk).update(metoo_count=F("metoo_count") - 1)
        return False


def question_follow(*, question: Question, person, follow: bool = True) -> None:
    if follow:
        Follow.objects.get_or_create(question=question, person=person)
    else:
        Follow.objects.filter(question=question, person=person).delete()


@transaction.atomic
def answer_create(*, question: Question, author, text: str) -> Answer:
    text = clean_text(text, field="text")
    if question.is_hidden:
        raise ValidationError(_("This question is hidden; it cannot be answered."))
    rate_limit_check(person=author)
    answer = Answer.objects.create(question=question, author=author, text=text)
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
    from .selectors import follower_ids

    _mail_after_commit(
        "answer",
        follower_ids(question=question) - {author.pk},
        question_id=question.pk,
        answer_id=answer.pk,
    )
    audit_log(actor=author, action="answer.create", target=question, answer_id=answer.pk)
    return answer


def answer_mark_helpful(*, answer: Answer, person, helpful: bool = True) -> None:
    with transaction.atomic():
        if helpful:
            try:
                with transaction.atomic():
                    HelpfulMark.objects.create(answer=answer, person=person)
            except IntegrityError:
                return
            Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") + 1)
        else:
            deleted, _rows = HelpfulMark.objects.filter(answer=answer, person=person).delete()
            if deleted:
                Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") - 1)


@transaction.atomic
def report_create(*, reporter, reason: str, question=None, answer=None) -> Report:
    reason = clean_text(reason, field="reason", limit=500)
    rate_limit_check(person=reporter)
    return Report.objects.create(reporter=reporter, reason=reason, question=question, answer=answer)


@transaction.atomic
def question_hide(*, actor, question: Question, hidden: bool = True) -> Question:
    question.hidden_at = timezone.now() if hidden else None
    question.hidden_by = actor if hidden else None
    question.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
    Report.objects.filter(question=question, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    audit_log(actor=actor, action="question.hide" if hidden else "question.show", target=question)
    return question


@transaction.atomic
def answer_hide(*, actor, answer: Answer, hidden: bool = True) -> Answer:
    answer.hidden_at = timezone.now() if hidden else None
    answer.save(update_fields=["hidden_at", "updated_at"])
    Report.objects.filter(answer=answer, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    audit_log(
        actor=actor, action="answer.hide" if hidden else "answer.show", target=answer.question
    )
    return answer


def report_dismiss(*, actor, report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now())


@transaction.atomic
def question_status_set(*, actor, question: Question, status: str) -> Question:
    if status not in QuestionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    question.status = status
    question.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="question.status", target=question, status=status)
    return question


@transaction.atomic
def question_edit(*, actor, question: Question, text: str, title: str = "", tags=()) -> Question:
    question.text = clean_text(text, field="text")
    question.title = clean_text(title, field="title", required=False, limit=MAX_TITLE)
    question.tags = clean_tags(tags)
    _index(question)
    question.save(update_fields=["text", "title", "tags", "terms", "search_text", "updated_at"])
    return question


# --- conversion --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    kind: str
    label: str
    url_name: str


BUILT_IN_CONVERSIONS = [
    Conversion("activity", gettext_lazy("Calendar activity (draft)"), "community:convert_activity"),
    Conversion("topic", gettext_lazy("Topic for a learning network"), "community:convert_topic"),
]


def conversions() -> list[Conversion]:
    """What a question can become: ours, plus what other apps list in
    settings.COMMUNITY_CONVERSIONS as (kind, label, url_name). Each target view gets
    `?question=<id>` and calls `question_mark_converted` when it has made its object."""
    extra = [Conversion(*entry) for entry in getattr(settings, "COMMUNITY_CONVERSIONS", [])]
    return [*BUILT_IN_CONVERSIONS, *extra]


@transaction.atomic
def question_mark_converted(*, question: Question, kind: str, target_url: str, actor) -> Question:
    """Called by whatever the question became (an activity, an intake, a campaign, a topic)."""
    question.status = QuestionStatus.CONVERTED
    question.converted_kind = kind[:40]
    question.converted_url = target_url[:300]
    question.save(update_fields=["status", "converted_kind", "converted_url", "updated_at"])
    audit_log(actor=actor, action="question.convert", target=question, kind=kind, url=target_url)
    return question


@transaction.atomic
def question_convert_activity(*, actor, question: Question, kind: str, starts_at: datetime):
    """A draft calendar activity from a question (the coordinator then edits and publishes)."""
    from samenleren.activities.models import Activity, ActivityKind
    from samenleren.activities.services.activity import activity_save

    if kind not in {ActivityKind.NETWORK_MEETING, ActivityKind.TRAINING}:
        raise ValidationError({"kind": _("Choose a network meeting or a training.")})
    activity = Activity(
        region=question.region,
        title=question.headline[:200],
        kind=kind,
        summary=_("Made from a question on the question board."),
        description=question.text,
        capacity=20,
    )
    activity_save(
        actor=actor,
        activity=activity,
        sessions=[{"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2)}],
    )
    question_mark_converted(
        question=question,
        kind="activity",
        target_url=reverse("activities:manage_edit", args=[activity.pk]),
        actor=actor,
    )
    return activity


@transaction.atomic
def question_convert_topic(*, actor, question: Question, network: Network | None = None) -> Topic:
    if network is not None and network.region_id != question.region_id:
        raise ValidationError({"network": _("Choose a network of the question's region.")})
    topic = Topic.objects.create(
        region=question.region,
        network=network,
        question=question,
        title=question.headline[:MAX_TITLE],
        text=question.text,
        created_by=actor,
    )
    target = network.get_absolute_url() if network else reverse("community:clusters")
    question_mark_converted(question=question, kind="topic", target_url=target, actor=actor)
    return topic


# --- follow-up questions from the calendar ------------------------------------------------------


def follow_ups_import(*, region=None, now: datetime | None = None) -> int:
    """Follow-up questions from activity evaluations become questions, once each (the
    evaluation's id is the question's source key). No names: they are the school's questions."""
    from samenleren.activities.selectors.attendance import follow_up_questions
    from samenleren.network.models import Region

    regions = [region] if region is not None else list(Region.objects.all())
    created = 0
    for each in regions:
        evaluations = follow_up_questions(region=each)
        done = set(
            Question.objects.filter(source_key__startswith="evaluation:").values_list(
                "source_key", flat=True
            )
        )
        for evaluation in evaluations:
            key = f"evaluation:{evaluation.pk}"
            if key in done:
                continue
            activity = evaluation.registration.activity
            try:
                with transaction.atomic():
                    question_create(
                        author=None,
                        region=each,
                        organisation=evaluation.registration.organisation,
                        title=_("Follow-up question after %(title)s") % {"title": activity.title},
                        text=evaluation.follow_up_question[:MAX_TEXT],
                        source=QuestionSource.EVALUATION,
                        source_key=key,
                        check_rate=False,
                    )
            except (IntegrityError, ValidationError):
                continue
            created += 1
    return created


def meeting_follow_ups_request(*, now: datetime | None = None) -> int:
    """After a network meeting has ended, its members are asked (once) by mail for their
    follow-up questions. Returns the number of meetings handled."""
    from samenleren.activities.models import ActivityStatus

    now = now or timezone.now()
    meetings = (
        NetworkMeeting.objects.filter(follow_up_requested_at__isnull=True)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .annotate(last_end=Max("activity__sessions__ends_at"))
        .filter(last_end__lt=now, last_end__gte=now - timedelta(days=30))
    )
    handled = 0
    for meeting in meetings:
        with transaction.atomic():
            claimed = NetworkMeeting.objects.filter(
                pk=meeting.pk, follow_up_requested_at__isnull=True
            ).update(follow_up_requested_at=now)
            if not claimed:
                continue
            members = Membership.objects.filter(network_id=meeting.network_id).values_list(
                "person_id", flat=True
            )
            _mail_after_commit("follow_up", members, meeting_id=meeting.pk)
        handled += 1
    return handled


@transaction.atomic
def meeting_follow_up_submit(*, meeting: NetworkMeeting, person, text: str, organisation=None):
    """A member's follow-up question after a meeting enters the board (one per member)."""
    key = f"meeting:{meeting.pk}:{person.pk}"
    existing = Question.objects.filter(source_key=key).first()
    if existing is not None:
        raise ValidationError(
            _("You have already sent a follow-up question for this meeting. Ask more on the board.")
        )
    return question_create(
        author=person,
        region=meeting.network.region,
        organisation=organisation,
        title=_("Follow-up question after %(title)s") % {"title": meeting.activity.title},
        text=text,
        source=QuestionSource.MEETING,
        source_key=key,
    )


@dataclass
class CommunityTick:
    follow_ups_imported: int = 0
    meetings_asked: int = 0


def community_tick(*, now: datetime | None = None) -> CommunityTick:
    return CommunityTick(
        follow_ups_imported=follow_ups_import(now=now),
        meetings_asked=meeting_follow_ups_request(now=now),
    )


# --- synonyms, expertise, contact ---------------------------------------------------------------


@transaction.atomic
def synonym_save(*, actor, region, words: str, synonym: Synonym | None = None) -> Synonym:
    words = clean_text(words, field="words", limit=500)
    phrases = [p.strip() for p in words.split("~") if p.strip()]
    if len(phrases) < 2:
        raise ValidationError({"words": _('Give at least two words or phrases, separated by "~".')})
    synonym = synonym or Synonym(region=region)
    synonym.words = " ~ ".join(phrases)
    synonym.save()
    audit_log(actor=actor, action="synonym.save", target=synonym)
    transaction.on_commit(synonyms_changed)
    return synonym


@transaction.atomic
def synonym_delete(*, actor, synonym: Synonym) -> None:
    audit_log(actor=actor, action="synonym.delete", target=synonym)
    synonym.delete()
    transaction.on_commit(synonyms_changed)


def expertise_save(*, person, text: str) -> Expertise | None:
    text = clean_text(text, field="text", required=False, limit=500)
    if not text:
        Expertise.objects.filter(person=person).delete()
        return None
    expertise, _created = Expertise.objects.update_or_create(
        person=person, defaults={"text": text, "terms": " ".join(document_terms(text))}
    )
    return expertise


@transaction.atomic
def contact_send(*, sender, helper, question: Question, message: str) -> None:
    """A message to someone who can help, by mail through the platform; the helper's address
    is never shown to the sender."""
    message = clean_text(message, field="message", limit=2000)
    rate_limit_check(person=sender)
    audit_log(actor=sender, action="community.contact", target=question, helper_id=helper.pk)
    _mail_after_commit(
        "contact", [helper.pk], question_id=question.pk, sender_id=sender.pk, message=message
    )


# --- learning networks -------------------------------------------------------------------------


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
    from .models import Licence

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
    text = clean_text(text, field="text")
    rate_limit_check(person=author)
    post = Post.objects.create(thread=thread, author=author, text=text)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, updated_at=timezone.now()
    )
    return post


@transaction.atomic
def post_hide(*, actor, post: Post) -> None:
    post.hidden_at = timezone.now()
    post.save(update_fields=["hidden_at", "updated_at"])
    audit_log(actor=actor, action="post.hide", target=post.thread)


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)
