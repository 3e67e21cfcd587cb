"""The question board (vraagbaak) and learning networks: questions, answers, synonyms for
matching, networks with members, meetings, materials and a discussion."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenleren.core.models import TimeStampedModel
from samenleren.network.models import Organisation, Profile, Region

MAX_TEXT = 5000
MAX_TITLE = 200
# A short reason a moderator may give when hiding something ("persoonsgegevens", "reclame").
MAX_HIDDEN_REASON = 200


class Theme(models.TextChoices):
    """Themes a question or network can be tagged with, next to the ten vmbo profiles."""

    MATERIALS = "lesmateriaal", _("Teaching materials")
    MACHINES = "machines", _("Machines and lab equipment")
    SAFETY = "veiligheid", _("Safety")
    BEHAVIOUR = "gedrag", _("Behaviour and classroom management")
    CAREERS = "lob", _("Career guidance (LOB)")
    INTERNSHIP = "stage", _("Internships")
    ENERGY = "energie", _("Energy and sustainability")
    PRIMARY = "techniek-po", _("Technology in primary school")
    DIGITAL = "digitaal", _("Digital skills and programming")
    ASSESSMENT = "toetsing", _("Assessment and exams")
    COOPERATION = "samenwerking", _("Working with companies and mbo")


def known_tags() -> dict[str, str]:
    """Every tag a question may carry: the vmbo profiles and the themes, code -> label."""
    from samenleren.network.models import ProfileCode

    return {**dict(ProfileCode.choices), **dict(Theme.choices)}


class Visibility(models.TextChoices):
    REGION = "region", _("Everyone in the region")
    ANONYMOUS = "anonymous", _("Everyone in the region, without my name")
    COORDINATORS = "coordinators", _("Only the coordinators")


class QuestionStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CONVERTED = "converted", _("Converted")


OPEN_STATUSES = (QuestionStatus.NEW, QuestionStatus.IN_PROGRESS)


class QuestionSource(models.TextChoices):
    ASKED = "asked", _("Asked on the board")
    EVALUATION = "evaluation", _("Follow-up question from an evaluation")
    MEETING = "meeting", _("Follow-up question after a network meeting")
    IMPORT = "import", _("Imported")
    API = "api", _("Through the API")


class Question(TimeStampedModel):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="questions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("school or organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE, blank=True)
    text = models.TextField(_("question"), max_length=MAX_TEXT)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    visibility = models.CharField(
        _("who may see it"), max_length=12, choices=Visibility.choices, default=Visibility.REGION
    )
    status = models.CharField(
        _("status"), max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    source = models.CharField(
        _("source"), max_length=12, choices=QuestionSource.choices, default=QuestionSource.ASKED
    )
    # "evaluation:<id>" or "meeting:<activity id>:<person id>": makes importing idempotent.
    source_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=MAX_HIDDEN_REASON, blank=True
    )
    converted_kind = models.CharField(_("converted into"), max_length=40, blank=True)
    converted_url = models.CharField(_("link"), max_length=300, blank=True)
    metoo_count = models.PositiveIntegerField(_("me too"), default=0)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    # The analysed text (stems, compound parts; repeats kept) the matcher indexes.
    terms = models.TextField(editable=False, default="")
    # Unique stems between spaces, for the list search (as the calendar does).
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            models.Index(fields=["region", "updated_at"], name="question_region_updated"),
            models.Index(fields=["region", "status"], name="question_region_status"),
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def headline(self) -> str:
        if self.title:
            return self.title
        text = " ".join(self.text.split())
        return text if len(text) <= 90 else text[:87].rstrip() + "…"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def get_absolute_url(self) -> str:
        return reverse("community:question", args=[self.pk])

    @property
    def url(self) -> str:
        return self.get_absolute_url()

    def tag_labels(self) -> list[str]:
        labels = known_tags()
        return [str(labels.get(tag, tag)) for tag in self.tags]


class MeToo(models.Model):
    """'Ik ook': someone has the same question and joins it instead of asking again."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="metoos")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_metoos"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="metoo_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.question_id}"


class Follow(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.question_id}"


class Answer(TimeStampedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="community_answers",
    )
    text = models.TextField(_("answer"), max_length=MAX_TEXT)
    helpful_count = models.PositiveIntegerField(_("helpful"), default=0)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=MAX_HIDDEN_REASON, blank=True
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")


class HelpfulMark(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="helpful_marks")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "person"], name="helpful_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.answer_id}"


class Report(models.Model):
    """Someone flags a question or an answer for the coordinators."""

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="report_one_target",
            ),
        ]

    def __str__(self) -> str:
        return self.reason[:80]


class Synonym(TimeStampedModel):
    """A group of words that mean the same here, for matching: "lasercutter ~ lasersnijder".
    Without a region it counts everywhere."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="synonyms",
    )
    words = models.CharField(
        _("words that mean the same"),
        max_length=500,
        help_text=_(
            'Separate them with "~", e.g. "lasercutter ~ lasersnijder ~ lasersnijmachine".'
        ),
    )

    class Meta:
        ordering = ["words"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.words

    @property
    def phrases(self) -> list[str]:
        return [p.strip() for p in self.words.split("~") if p.strip()]


class Expertise(TimeStampedModel):
    """What a person says they know, for 'people who can help' (shown only if findable)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_expertise"
    )
    text = models.CharField(
        _("what I know about"),
        max_length=500,
        help_text=_("For example: lasersnijder, 3D-printen, LOB in het vmbo, warmtepompen."),
    )
    terms = models.TextField(editable=False, default="")


class Network(TimeStampedModel):
    """A learning network: e.g. all PIE teachers of the region."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="networks"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=MAX_TEXT, blank=True)
    profile = models.ForeignKey(
        Profile,
        verbose_name=_("vmbo profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    member_count = models.PositiveIntegerField(_("members"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="network_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:network", args=[self.pk])

    @property
    def url(self) -> str:
        return self.get_absolute_url()


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships"
    )
    is_moderator = models.BooleanField(_("moderator"), default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_moderator", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.network_id}"


class NetworkMeeting(models.Model):
    """A meeting of a network is a calendar activity (kind network meeting)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, related_name="network_meeting"
    )
    follow_up_requested_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.network_id} – {self.activity_id}"


class Topic(TimeStampedModel):
    """A subject for a network's agenda, often made from a question."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="network_topics")
    network = models.ForeignKey(
        Network,
        verbose_name=_("learning network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    text = models.TextField(_("description"), max_length=MAX_TEXT, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("network topic")
        verbose_name_plural = _("network topics")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("Creative Commons BY (credit the author)")
    CC_BY_SA = "cc-by-sa", _("Creative Commons BY-SA (credit, share alike)")
    CC_BY_NC = "cc-by-nc", _("Creative Commons BY-NC (credit, not commercial)")
    CC0 = "cc0", _("Public domain (CC0)")
    OWN = "own", _("Own material, only for this network")
    LINK = "link", _("See the linked site")


class Material(TimeStampedModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    description = models.TextField(_("description"), max_length=MAX_TEXT, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="community/materials/%Y/", blank=True)
    file_type = models.CharField(_("file type"), max_length=8, blank=True)
    file_size = models.PositiveIntegerField(_("size"), default=0)
    licence = models.CharField(_("licence"), max_length=10, choices=Licence.choices)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    use_count = models.PositiveIntegerField(_("we use this too"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="material_link_or_file"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MaterialUse(models.Model):
    """'Wij gebruiken dit ook.'"""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="uses")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["material", "person"], name="material_use_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.material_id}"


class Thread(TimeStampedModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("subject"), max_length=MAX_TITLE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    post_count = models.PositiveIntegerField(default=0)
    # A hidden discussion is left out of every list; only the moderators and its author open it.
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=MAX_HIDDEN_REASON, blank=True
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self) -> str:
        return self.title


class Post(TimeStampedModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("message"), max_length=MAX_TEXT)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=MAX_HIDDEN_REASON, blank=True
    )

    class Meta:
        ordering = ["created_at", "pk"]
