"""School intake (schoolvraag), visits, what answers a question, which activities teach which
machines, and the training demand that comes from a machine only one person can use.

The labs, their equipment and who can use it live in the network (Lab, Equipment,
EquipmentSkill); this app adds the workflows around them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samenleren.activities.models import Activity
from samenleren.core.models import TimeStampedModel
from samenleren.network.models import Equipment, EquipmentKind, Organisation


class SchoolLevel(models.TextChoices):
    PO = "po", _("Primary education (po)")
    VMBO_BB = "vmbo_bb", _("vmbo basic (basis)")
    VMBO_KB = "vmbo_kb", _("vmbo advanced (kader)")
    VMBO_GT = "vmbo_gt", _("vmbo mixed/theoretical (gemengd/theoretisch)")
    HAVO_VWO = "havo_vwo", _("havo/vwo")
    MBO = "mbo", _("Vocational (mbo)")


class SchoolDetails(TimeStampedModel):
    """What the school page needs beyond the network's organisation: the levels it offers."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="school_details"
    )
    levels = models.JSONField(_("levels offered"), default=list, blank=True)

    class Meta:
        verbose_name = _("school details")
        verbose_name_plural = _("school details")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def level_labels(self) -> list[str]:
        labels = dict(SchoolLevel.choices)
        return [str(labels[code]) for code in self.levels if code in labels]


class IntakeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NEW = "new", _("New")
    IN_CONVERSATION = "in_conversation", _("In conversation")
    WORKED_OUT = "worked_out", _("Worked out")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", pgettext_lazy("school question", "Closed")


# Which status a coordinator may move a submitted question to. Forward one step, or one step
# back when a conversation reopens; closing is possible from every open status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    IntakeStatus.NEW: (IntakeStatus.IN_CONVERSATION, IntakeStatus.CLOSED),
    IntakeStatus.IN_CONVERSATION: (IntakeStatus.WORKED_OUT, IntakeStatus.CLOSED),
    IntakeStatus.WORKED_OUT: (
        IntakeStatus.ANSWERED,
        IntakeStatus.IN_CONVERSATION,
        IntakeStatus.CLOSED,
    ),
    IntakeStatus.ANSWERED: (IntakeStatus.CLOSED, IntakeStatus.WORKED_OUT),
    IntakeStatus.CLOSED: (IntakeStatus.IN_CONVERSATION,),
}
SUBMITTED = [s for s in IntakeStatus.values if s != IntakeStatus.DRAFT]


class PreferredForm(models.TextChoices):
    TRAINING = "training", _("Training")
    NETWORK = "network", _("Learning network")
    ELEARNING = "elearning", _("E-learning")
    VISIT = "visit", _("Visit to another school or company")
    COACHING = "coaching", _("Coaching on the job")


class Urgency(models.TextChoices):
    THIS_MONTH = "this_month", _("Within a month")
    THIS_TERM = "this_term", _("This term")
    THIS_YEAR = "this_year", _("This school year")
    NEXT_YEAR = "next_year", _("Next school year")


class Intake(TimeStampedModel):
    """A school's professionalisation question. Filled in over several steps: every step saves
    the draft, so nothing is lost on a reload; submitting turns the draft into a new question."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="intakes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.DRAFT
    )
    aim = models.TextField(_("aim"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    current_situation = models.TextField(_("current situation"), blank=True)
    desired_situation = models.TextField(_("desired situation"), blank=True)
    preferred_forms = models.JSONField(_("preferred forms"), default=list, blank=True)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, blank=True)
    equipment = models.ForeignKey(
        Equipment,
        verbose_name=_("about this machine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # A draft a coordinator made from a question on the board: its school contacts are mailed to
    # complete it. `contacts_told_at` is when they were (at creation, or by `schools_tick` once
    # the school has a contact); empty while the school has none.
    from_question = models.BooleanField(_("made from a board question"), default=False)
    contacts_told_at = models.DateTimeField(_("school contacts told"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("school question")
        verbose_name_plural = _("school questions")
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="intake_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        text = " ".join(self.aim.split())
        if not text:
            return str(_("Question without an aim yet"))
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def form_labels(self) -> list[str]:
        labels = dict(PreferredForm.choices)
        return [str(labels[code]) for code in self.preferred_forms if code in labels]

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())


class IntakeAnswerKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    MODULE = "module", _("E-learning module")
    NETWORK = "network", _("Learning network")
    CAMPAIGN = "campaign", _("Interest campaign")


class IntakeAnswer(TimeStampedModel):
    """Something that answers the question: an activity, a module, a network or a campaign.
    Stored as kind + id with a snapshot of the title and address, so that it stays readable
    when the other app changes (or, while the apps are built, does not exist yet)."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(_("kind"), max_length=20, choices=IntakeAnswerKind.choices)
    object_id = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=250)
    url = models.CharField(_("address"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer to a school question")
        verbose_name_plural = _("answers to school questions")
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "kind", "object_id"], name="intake_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Visit(TimeStampedModel):
    """A coordinator's visit to (or call with) a school, with what was agreed and a reminder."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.CASCADE, related_name="visits"
    )
    intake = models.ForeignKey(
        Intake,
        verbose_name=_("about the question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visited_on = models.DateField(_("date"))
    who = models.CharField(_("spoke with"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    next_step = models.CharField(_("next step"), max_length=250, blank=True)
    remind_on = models.DateField(_("reminder on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["remind_on", "reminder_sent_at"])]

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.visited_on:%d-%m-%Y}"


class ActivityTeaches(models.Model):
    """A coordinator's statement that an activity teaches a kind of machine. A certificate of
    such an activity confirms a person's skill on that kind of machine."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of machine"), max_length=20, choices=EquipmentKind.choices)

    class Meta:
        verbose_name = _("machine taught by an activity")
        verbose_name_plural = _("machines taught by activities")
        constraints = [
            models.UniqueConstraint(fields=["activity", "kind"], name="activity_teaches_once"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.get_kind_display()}"


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("training need", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class TrainingNeed(TimeStampedModel):
    """Training demand from a bus-factor risk: a to-do for the region's coordinators."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.CASCADE, related_name="+"
    )
    equipment = models.ForeignKey(
        Equipment,
        verbose_name=_("machine"),
        on_delete=models.CASCADE,
        related_name="training_needs",
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        constraints = [
            # One live to-do per machine: pressing the button twice makes no second one.
            models.UniqueConstraint(
                fields=["equipment"],
                condition=~Q(status="done"),
                name="training_need_one_open_per_machine",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.equipment.label} – {self.organisation.name}"
