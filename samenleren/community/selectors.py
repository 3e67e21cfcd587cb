"""Reads of the question board and the learning networks, and the access_* checks.

Who sees what: a question is seen by the people of its region (through where they work or a
role there), except "only the coordinators" questions, which only the asker and the region's
coordinators see; hidden questions only the coordinators and the asker. The asker's name is
hidden from peers for anonymous questions (coordinators see it).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from samenleren.accounts.models import User
from samenleren.core.text import analyse, fold, split_compound
from samenleren.network.models import Affiliation, EquipmentKind, EquipmentSkill, Region
from samenleren.network.selectors import roles_of

from .matching import document_terms, get_matcher
from .models import (
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
    QuestionStatus,
    Report,
    Synonym,
    Thread,
    Topic,
    Visibility,
)

# --- regions and roles -------------------------------------------------------------------------


def regions_of(user) -> frozenset[int]:
    """The regions a person belongs to: where they work, hold a role, coordinate or steer."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_community_regions", None)
    if cached is not None:
        return cached
    roles = roles_of(user)
    ids = set(roles.coordinator_regions | roles.steering_regions)
    organisations = roles.contact_organisations | roles.trainer_organisations
    organisations |= roles.partner_organisations
    ids |= set(
        Affiliation.objects.filter(person=user, ended_on__isnull=True).values_list(
            "organisation__region_id", flat=True
        )
    )
    if organisations:
        from samenleren.network.models import Organisation

        ids |= set(
            Organisation.objects.filter(pk__in=organisations).values_list("region_id", flat=True)
        )
    result = frozenset(ids)
    user._community_regions = result
    return result


def home_region(user) -> Region | None:
    """The region a person asks in: the first of theirs (most people have one)."""
    ids = regions_of(user)
    return Region.objects.filter(pk__in=ids).order_by("name").first() if ids else None


def access_board_region(*, user, slug: str | None = None) -> Region:
    """The region whose board the person sees (signed in, belonging to a region)."""
    if not user.is_authenticated:
        raise PermissionDenied
    ids = regions_of(user)
    regions = Region.objects.filter(pk__in=ids).order_by("name")
    region = regions.filter(slug=slug).first() if slug else regions.first()
    if region is None:
        raise Http404
    return region


def is_coordinator(user, region_id: int) -> bool:
    return region_id in roles_of(user).coordinator_regions


def visible_questions(*, user, region: Region) -> QuerySet[Question]:
    """The questions of the region this person may see."""
    qs = Question.objects.filter(region=region)
    if is_coordinator(user, region.pk):
        return qs
    mine = Q(author=user) if user.is_authenticated else Q(pk__in=[])
    return qs.filter((Q(hidden_at__isnull=True) & ~Q(visibility=Visibility.COORDINATORS)) | mine)


def access_question(*, user, pk: int) -> Question:
    if not user.is_authenticated:
        raise PermissionDenied
    question = (
        Question.objects.select_related("region", "organisation", "author", "hidden_by")
        .filter(pk=pk)
        .first()
    )
    if question is None or question.region_id not in regions_of(user):
        raise Http404
    if is_coordinator(user, question.region_id) or question.author_id == user.pk:
        return question
    if question.is_hidden or question.visibility == Visibility.COORDINATORS:
        raise Http404
    return question


def access_question_manage(*, user, pk: int) -> Question:
    question = access_question(user=user, pk=pk)
    if not is_coordinator(user, question.region_id):
        raise PermissionDenied
    return question


def access_answer(*, user, pk: int) -> Answer:
    answer = Answer.objects.select_related("question").filter(pk=pk).first()
    if answer is None:
        raise Http404
    access_question(user=user, pk=answer.question_id)
    if answer.hidden_at and not is_coordinator(user, answer.question.region_id):
        raise Http404
    return answer


def access_answer_moderate(*, user, pk: int) -> Answer:
    """An answer this person may hide or show again: the region's coordinators (as for
    questions)."""
    answer = access_answer(user=user, pk=pk)
    if not is_coordinator(user, answer.question.region_id):
        raise PermissionDenied
    return answer


def shows_author(*, user, question: Question) -> bool:
    if question.author_id is None:
        return False
    if question.visibility == Visibility.REGION:
        return True
    return question.author_id == user.pk or is_coordinator(user, question.region_id)


# --- the board ---------------------------------------------------------------------------------


def question_list(
    *,
    user,
    region: Region,
    search: str = "",
    status: str = "",
    tag: str = "",
    mine: bool = False,
) -> QuerySet[Question]:
    qs = visible_questions(user=user, region=region).select_related("organisation", "author")
    if search:
        qs = qs.filter(_search_condition(search))
    if status:
        qs = qs.filter(status=status)
    if tag:
        qs = qs.filter(tags__icontains=f'"{tag}"')
    if mine:
        qs = qs.filter(Q(author=user) | Q(metoos__person=user) | Q(follows__person=user)).distinct()
    return qs


def _search_condition(search: str) -> Q:
    """Every word must be found: as itself, or (a compound) as all of its parts, so that
    "freesmachine" finds "CNC-frezen op de machine" and "lasersnijder" finds "laser snijden"."""
    condition = Q()
    for word in search.split()[:12]:
        terms = analyse(word, compounds=True)
        if not terms:
            continue
        if split_compound(fold(word)):
            whole, parts = terms[0], terms[1:]
            either = Q(search_text__contains=f" {whole} ")
            together = Q()
            for part in parts:
                together &= Q(search_text__contains=f" {part} ")
            condition &= either | together
        else:
            for term in terms:
                condition &= Q(search_text__contains=f" {term} ")
    return condition


@dataclass(frozen=True)
class Similar:
    question: Question
    score: float


def similar_questions(
    *, user, region: Region, text: str, limit: int = 5, exclude_id: int | None = None
) -> list[Similar]:
    """Questions like `text` that this person may see, best first, with the matcher's score."""
    limit = max(1, min(limit, 50))
    ranked = get_matcher().similar(text, region=region, limit=limit * 3, exclude_id=exclude_id)
    if not ranked:
        return []
    scores = dict(ranked)
    found = {
        q.pk: q
        for q in visible_questions(user=user, region=region)
        .filter(pk__in=scores, hidden_at__isnull=True)
        .select_related("organisation")
    }
    result = [Similar(found[pk], score) for pk, score in ranked if pk in found]
    return result[:limit]


@dataclass
class QuestionPage:
    question: Question
    answers: list[Answer]
    shows_author: bool
    metoo: bool
    following: bool
    helpful: set[int]
    is_coordinator: bool


def question_page(*, user, question: Question) -> QuestionPage:
    coordinator = is_coordinator(user, question.region_id)
    answers = question.answers.select_related("author", "hidden_by")
    if not coordinator:
        # Hidden answers: only the coordinators, and their author (who is told why).
        answers = answers.filter(Q(hidden_at__isnull=True) | Q(author=user))
    answers = list(answers)
    helpful = set(
        HelpfulMark.objects.filter(person=user, answer__in=answers).values_list(
            "answer_id", flat=True
        )
    )
    return QuestionPage(
        question=question,
        answers=answers,
        shows_author=shows_author(user=user, question=question),
        metoo=MeToo.objects.filter(question=question, person=user).exists(),
        following=Follow.objects.filter(question=question, person=user).exists(),
        helpful=helpful,
        is_coordinator=coordinator,
    )


def follower_ids(*, question: Question) -> set[int]:
    ids = set(Follow.objects.filter(question=question).values_list("person_id", flat=True))
    if question.author_id:
        ids.add(question.author_id)
    return ids


def open_reports(*, region: Region) -> QuerySet[Report]:
    return (
        Report.objects.filter(resolved_at__isnull=True)
        .filter(Q(question__region=region) | Q(answer__question__region=region))
        .select_related("question", "answer__question")
    )


def synonyms_for(*, region: Region) -> QuerySet[Synonym]:
    return Synonym.objects.filter(Q(region__isnull=True) | Q(region=region))


# --- contracts for other apps (see the brief) --------------------------------------------------


def open_questions(*, region, organisation=None) -> QuerySet[Question]:
    """New or in-progress, not hidden questions of a region (optionally one organisation)."""
    qs = Question.objects.filter(region=region, status__in=OPEN_STATUSES, hidden_at__isnull=True)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


def questions_of(*, person) -> QuerySet[Question]:
    return Question.objects.filter(author=person).select_related("region", "organisation")


def networks_of(*, person) -> QuerySet[Network]:
    return Network.objects.filter(memberships__person=person).order_by("name")


# --- people who can help -----------------------------------------------------------------------

# Words that name a kind of machine, next to its Dutch label (written for this project).
EQUIPMENT_WORDS = {
    EquipmentKind.LASER_CUTTER: "lasersnijder lasercutter lasersnijmachine",
    EquipmentKind.PRINTER_3D: "3d-printer 3d-printen",
    EquipmentKind.CNC_MILL: "cnc freesmachine frezen",
    EquipmentKind.CNC_LATHE: "cnc draaibank draaien",
    EquipmentKind.PLASMA_CUTTER: "plasmasnijder plasma",
    EquipmentKind.ROBOT_ARM: "robotarm robot",
    EquipmentKind.VR_SET: "vr-bril virtual reality",
    EquipmentKind.PLOTTER: "snijplotter plotter vinylsnijder",
    EquipmentKind.WELDER: "lasapparaat lassen",
    EquipmentKind.LATHE: "draaibank draaien",
    EquipmentKind.HEAT_PUMP: "warmtepomp",
    EquipmentKind.SOLAR: "zonnepaneel zonnepanelen",
    EquipmentKind.HOME_AUTOMATION: "domotica",
    EquipmentKind.ELECTRONICS: "elektronica solderen soldeerstation",
    EquipmentKind.MICROCONTROLLER: "microcontroller microbit arduino",
}


@dataclass
class Helper:
    person: User
    reasons: list[str] = field(default_factory=list)
    score: int = 0


def _matching_kinds(terms: set[str]) -> list[str]:
    kinds = []
    for kind, words in EQUIPMENT_WORDS.items():
        own = set(analyse(words, compounds=True))
        whole = {analyse(w, compounds=True)[0] for w in words.split() if analyse(w, compounds=True)}
        if terms & whole or len(terms & own) >= 2:
            kinds.append(kind)
    return kinds


def helpers_for(*, question: Question, limit: int = 6) -> list[Helper]:
    """People who may help: attended a matching activity, completed a matching module, operate
    matching equipment, or said they know it. Only findable, active people, never the asker."""
    from django.utils.translation import gettext as _

    terms = set(document_terms(question.title, question.text))
    if not terms:
        return []
    people: dict[int, Helper] = {}
    findable = User.objects.filter(findable=True, is_active=True).exclude(pk=question.author_id)

    def add(person_id: int, reason: str, weight: int) -> None:
        helper = people.setdefault(person_id, Helper(person=None))  # type: ignore[arg-type]
        if reason not in helper.reasons:
            helper.reasons.append(reason)
            helper.score += weight

    # said they know
    for expertise in Expertise.objects.filter(person__in=findable).only("person_id", "terms"):
        if len(terms & set(expertise.terms.split())) >= 1:
            add(expertise.person_id, _("says they know about this"), 3)
    # operate equipment
    kinds = _matching_kinds(terms)
    if kinds:
        skills = EquipmentSkill.objects.filter(
            person__in=findable, equipment__kind__in=kinds
        ).select_related("equipment")
        for skill in skills[:50]:
            add(
                skill.person_id,
                _("works with: %(machine)s") % {"machine": skill.equipment.label},
                3,
            )
    # attended a matching activity
    from samenleren.activities.models import Activity, Attendance

    strong = [t for t in terms if len(t) >= 4][:8]
    if strong:
        matching = Q()
        for term in strong:
            matching |= Q(search_text__contains=f" {term} ")
        activities = Activity.objects.filter(matching, region=question.region_id)
        attended = (
            Attendance.objects.filter(
                present=True,
                registration__activity__in=activities,
                registration__person__in=findable,
            )
            .values_list("registration__person_id", "registration__activity__title")
            .distinct()[:50]
        )
        for person_id, title in attended:
            add(person_id, _("took part in: %(title)s") % {"title": title}, 2)
    # completed a matching module (Netflixleren; skipped while that app has no such selector)
    try:
        from samenleren.learning.selectors import completions_matching
    except ImportError:
        completions_matching = None
    if completions_matching is not None:
        for completion in list(completions_matching(terms=sorted(terms)))[:50]:
            person_id = getattr(completion, "person_id", None)
            if person_id is None or not findable.filter(pk=person_id).exists():
                continue
            module = getattr(completion, "module", None)
            title = getattr(module, "title", "") or getattr(completion, "title", "")
            add(person_id, _("completed: %(title)s") % {"title": title}, 2)
    if not people:
        return []
    users = {u.pk: u for u in User.objects.filter(pk__in=people)}
    result = []
    for person_id, helper in people.items():
        helper.person = users[person_id]
        result.append(helper)
    result.sort(key=lambda h: (-h.score, h.person.last_name, h.person.pk))
    return result[:limit]


def access_helper(*, user, question: Question, pk: int) -> User:
    """A person one may write to about a question: only a suggested, findable helper."""
    for helper in helpers_for(question=question, limit=50):
        if helper.person.pk == pk:
            return helper.person
    raise Http404


# --- clusters ----------------------------------------------------------------------------------


@dataclass
class Cluster:
    questions: list[Question]
    by_school: list[tuple[str, int]]
    by_tag: list[tuple[str, int]]
    terms: list[str]

    @property
    def schools(self) -> int:
        return len(self.by_school)


CLUSTER_LIMIT = 400
# Two questions are linked when each is among the other's top 5 and one of them scores the
# other at least this share of its score against itself. Measured with
# bench/community_clusters.py (docs/performance.md, "Question board: clusters"): one-sided
# links chained most of a board into one cluster; this rule keeps journey 4's three PIE
# questions together with a margin and holds up best on a fuller board.
CLUSTER_SHARE = 0.5


def clusters(
    *, region: Region, min_schools: int = 2, share: float = CLUSTER_SHARE
) -> list[Cluster]:
    """Groups of similar open questions from several schools: two questions are linked when
    each is among the other's five most similar and one of them scores the other at least
    `share` of its score against itself; linked groups are joined. Requiring both directions
    keeps a question that resembles many (a hub) from chaining unrelated groups together; a
    higher share links fewer questions. bench/community_clusters.py measures the choice."""
    questions = list(open_questions(region=region).select_related("organisation")[:CLUSTER_LIMIT])
    by_id = {q.pk: q for q in questions}
    parent = {pk: pk for pk in by_id}

    def find(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    matcher = get_matcher()
    likes: dict[int, set[int]] = {}
    for question in questions:
        ranked = matcher.similar(f"{question.title} {question.text}", region=region, limit=5)
        own = dict(ranked).get(question.pk) or (ranked[0][1] if ranked else 0)
        likes[question.pk] = {
            other: score / own if own else 0.0
            for other, score in ranked
            if other != question.pk and other in by_id
        }
    for pk, others in likes.items():
        for other, alike in others.items():
            back = likes[other].get(pk)
            if back is not None and max(alike, back) >= share:
                parent[find(other)] = find(pk)
    groups: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        groups[find(question.pk)].append(question)
    from samenleren.network.models import ProfileCode

    profiles = set(ProfileCode.values)
    result = []
    for members in groups.values():
        schools = Counter(q.organisation.name for q in members if q.organisation)
        if len(schools) < min_schools:
            continue
        tags = Counter(t for q in members for t in q.tags if t in profiles)
        common = Counter(t for q in members for t in set(q.terms.split()))
        result.append(
            Cluster(
                questions=sorted(members, key=lambda q: q.created_at, reverse=True),
                by_school=schools.most_common(),
                by_tag=tags.most_common(),
                terms=[t for t, n in common.most_common(5) if n > 1],
            )
        )
    result.sort(key=lambda c: (-c.schools, -len(c.questions)))
    return result


# --- learning networks -------------------------------------------------------------------------


def network_list(*, region: Region, search: str = "", profile: str = "") -> QuerySet[Network]:
    qs = Network.objects.filter(region=region).select_related("profile")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if profile:
        qs = qs.filter(profile__code=profile)
    return qs


def access_network(*, user, pk: int) -> Network:
    if not user.is_authenticated:
        raise PermissionDenied
    network = Network.objects.select_related("region", "profile").filter(pk=pk).first()
    if network is None or network.region_id not in regions_of(user):
        raise Http404
    return network


def membership_of(*, user, network: Network) -> Membership | None:
    return Membership.objects.filter(network=network, person=user).first()


def can_moderate(*, user, network: Network) -> bool:
    if is_coordinator(user, network.region_id):
        return True
    return Membership.objects.filter(network=network, person=user, is_moderator=True).exists()


def access_network_moderate(*, user, pk: int) -> Network:
    network = access_network(user=user, pk=pk)
    if not can_moderate(user=user, network=network):
        raise PermissionDenied
    return network


def access_network_member(*, user, pk: int) -> Network:
    network = access_network(user=user, pk=pk)
    if membership_of(user=user, network=network) is None and not is_coordinator(
        user, network.region_id
    ):
        raise PermissionDenied
    return network


def network_materials(*, network: Network, user, search: str = "") -> QuerySet[Material]:
    qs = network.materials.select_related("shared_by").annotate(
        used_by_me=Exists(MaterialUse.objects.filter(material=OuterRef("pk"), person=user))
    )
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(description__icontains=search))
    return qs


def network_meetings(*, network: Network) -> QuerySet[NetworkMeeting]:
    from django.db.models import Min

    return (
        network.meetings.select_related("activity")
        .annotate(first_start=Min("activity__sessions__starts_at"))
        .order_by("-first_start")
    )


def network_topics(*, user, network: Network) -> QuerySet[Topic]:
    """A network's topics; one made from a question that has since been hidden only for the
    region's coordinators (its title is the question's)."""
    topics = network.topics.all()
    if not is_coordinator(user, network.region_id):
        topics = topics.filter(Q(question__isnull=True) | Q(question__hidden_at__isnull=True))
    return topics


def network_threads(*, user, network: Network) -> QuerySet[Thread]:
    """A network's discussions; hidden ones only for its moderators (`can_moderate`). This is
    the only list of discussions: nothing else (search, home, exports, the API) shows them."""
    threads = network.threads.select_related("author")
    if not can_moderate(user=user, network=network):
        threads = threads.filter(hidden_at__isnull=True)
    return threads


def access_thread(*, user, pk: int) -> Thread:
    """A discussion of a network in the person's region; a hidden one only for the moderators
    and whoever started it (404 for everyone else, as if it were not there)."""
    thread = Thread.objects.select_related("network", "hidden_by").filter(pk=pk).first()
    if thread is None:
        raise Http404
    network = access_network(user=user, pk=thread.network_id)
    if (
        thread.hidden_at is not None
        and thread.author_id != user.pk
        and not can_moderate(user=user, network=network)
    ):
        raise Http404
    return thread


def access_thread_moderate(*, user, pk: int) -> Thread:
    """A discussion this person may hide or show again: the network's moderators and the
    region's coordinators (`can_moderate`), as for its posts."""
    thread = access_thread(user=user, pk=pk)
    if not can_moderate(user=user, network=thread.network):
        raise PermissionDenied
    return thread


@dataclass
class ThreadPage:
    posts: list[Post]
    moderator: bool
    member: bool


def thread_page(*, user, thread: Thread) -> ThreadPage:
    """A discussion as this person may read it. Hidden posts: only the moderators (the
    network's and the region's coordinators, `can_moderate`) and their author, who is told why;
    everyone else does not see them at all. In a hidden discussion (which only the moderators
    and whoever started it open) everyone but the moderators sees only their own posts."""
    moderator = can_moderate(user=user, network=thread.network)
    posts = thread.posts.select_related("author", "hidden_by")
    if not moderator:
        if thread.hidden_at is not None:
            posts = posts.filter(author=user)
        else:
            posts = posts.filter(Q(hidden_at__isnull=True) | Q(author=user))
    return ThreadPage(
        posts=list(posts),
        moderator=moderator,
        member=membership_of(user=user, network=thread.network) is not None,
    )


def access_post_moderate(*, user, pk: int) -> Post:
    """A discussion post this person may hide or show again: the network's moderators and the
    region's coordinators (`can_moderate`)."""
    post = Post.objects.select_related("thread__network").filter(pk=pk).first()
    if post is None:
        raise Http404
    network = access_network(user=user, pk=post.thread.network_id)
    if not can_moderate(user=user, network=network):
        raise PermissionDenied
    return post


def access_material(*, user, pk: int) -> Material:
    material = Material.objects.select_related("network").filter(pk=pk).first()
    if material is None:
        raise Http404
    access_network(user=user, pk=material.network_id)
    return material


def question_counts(*, region: Region) -> dict[str, int]:
    counts = Counter(
        Question.objects.filter(region=region, hidden_at__isnull=True).values_list(
            "status", flat=True
        )
    )
    return {status: counts.get(status, 0) for status in QuestionStatus.values}
