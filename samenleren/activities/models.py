"""The training calendar: activities, their sessions, registrations and what follows them."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samenleren.core.models import TimeStampedModel
from samenleren.core.text import search_document
from samenleren.network.models import Lab, Organisation, Profile, Region


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    MEET_GREET = "meet_greet", _("Meet & greet")
    ONLINE_WORKSHOP = "online_workshop", _("Online workshop")
    FESTIVAL = "festival", _("Festival")
    VISIT = "visit", _("Visit or excursion")


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Level(models.TextChoices):
    PO = "po", _("Primary (po)")
    VO = "vo", _("Secondary (vo/vmbo)")
    MBO = "mbo", _("Vocational (mbo)")


class Activity(TimeStampedModel):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="organised_activities",
    )
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    provider_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provided_activities",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="trained_activities",
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    min_participants = models.PositiveIntegerField(_("minimum participants"), null=True, blank=True)
    go_no_go_on = models.DateField(
        _("go/no-go date"),
        null=True,
        blank=True,
        help_text=_("The day you decide whether there are enough participants."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(
        _("cancel until"),
        null=True,
        blank=True,
        help_text=_("Participants can cancel themselves until then. Empty: until the start."),
    )
    claim_hours = models.PositiveIntegerField(
        _("hours to claim a freed place"),
        default=48,
        help_text=_(
            "How long the next person on the waiting list has to take a freed place. "
            "0: the place is given at once."
        ),
    )
    promotion_stop_hours = models.PositiveIntegerField(
        _("stop offering freed places (hours before the start)"), default=24
    )
    requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("By a coordinator or the participant's school contact."),
    )
    quota_release_at = models.DateTimeField(
        _("release school quotas on"),
        null=True,
        blank=True,
        help_text=_("Until then, places reserved per school are kept for that school."),
    )
    target_profiles = models.ManyToManyField(
        Profile, verbose_name=_("for profiles"), blank=True, related_name="activities"
    )
    target_functions = models.JSONField(_("for functions"), default=list, blank=True)
    target_levels = models.JSONField(_("for levels"), default=list, blank=True)
    price = models.DecimalField(
        _("price (euro)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    catering = models.BooleanField(_("catering"), default=False)
    catering_at = models.TimeField(_("catering at"), null=True, blank=True)
    catering_note = models.CharField(_("catering"), max_length=200, blank=True)
    certificate_min_percent = models.PositiveIntegerField(
        _("minimum attendance for a certificate (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_participants__isnull=True)
                | Q(min_participants__lte=models.F("capacity")),
                name="activity_minimum_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__lt=models.F("registration_closes_at")),
                name="activity_registration_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ActivityStatus.PUBLISHED

    def refresh_search_text(self) -> None:
        """Store the stemmed words the calendar search looks in (call before saving)."""
        self.search_text = search_document(
            self.title, self.summary, self.description, self.provider
        )

    @property
    def is_cancelled(self) -> bool:
        return self.status == ActivityStatus.CANCELLED


class Session(models.Model):
    """One meeting of an activity. A registration is for all sessions of the activity, except
    the ones it marked as not attending (SessionAbsence). A session may have fewer places than
    the activity (`capacity`); see docs/locking.md for how places are counted."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Organisation,
        verbose_name=_("at organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_sessions",
    )
    lab = models.ForeignKey(
        Lab,
        verbose_name=_("in lab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to registered participants.")
    )
    study_hours = models.DecimalField(
        _("study hours"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    capacity = models.PositiveIntegerField(
        _("places in this session"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Only when this session has fewer places than the activity, for example a smaller "
            "room. Empty: the places of the activity."
        ),
    )
    checkin_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["ends_at"])]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="session_capacity_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.activity.title}, {local:%d-%m-%Y %H:%M}"

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not (self.venue_id or self.address)

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at


class SchoolQuota(models.Model):
    """Places kept for one school until the activity's release moment."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="quotas")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.CASCADE, related_name="+"
    )
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("school quota")
        verbose_name_plural = _("school quotas")
        constraints = [
            models.UniqueConstraint(fields=["activity", "organisation"], name="quota_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.places}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationQuestion(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    choices = models.TextField(_("choices, one per line"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Registered")
    OFFERED = "offered", _("Place offered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    REJECTED = "rejected", _("Not approved")
    EXPIRED = "expired", _("Offer expired")


# A registration in one of these states holds a place: they are what capacity is counted from.
SEAT_HOLDING = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
)
# A registration in one of these states is "current": a person has at most one per activity.
CURRENT = (*SEAT_HOLDING, RegistrationStatus.WAITLISTED)


class Registration(TimeStampedModel):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("school or organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    function = models.CharField(_("function"), max_length=20, blank=True)
    diet = models.CharField(_("diet and allergies"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offered_until = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=Q(status__in=[s.value for s in CURRENT]),
                name="registration_one_current_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offered_until__isnull=False),
                name="registration_offer_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["activity", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.activity} ({self.get_status_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class SessionAbsence(models.Model):
    """A registered participant tells in advance that they will miss one session."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="absences"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="absences")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="absence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.registration.person} absent from {self.session}"


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"))
    method = models.CharField(max_length=10, default="list")  # "qr" or "list"
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.registration.person} at {self.session}: {self.present}"


class Evaluation(TimeStampedModel):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation"
    )
    rating = models.PositiveSmallIntegerField(
        _("how valuable was it?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.TextField(_("what was useful?"), blank=True)
    improve = models.TextField(_("what could be better?"), blank=True)
    follow_up_question = models.TextField(
        _("your follow-up question"),
        blank=True,
        help_text=_("What would you like to learn or ask next? We collect these questions."),
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")


class Certificate(models.Model):
    """Proof of participation. Keeps its own copy of names, dates and hours, so it stays valid
    and readable after the activity is edited, archived or deleted."""

    registration = models.OneToOneField(
        Registration, null=True, on_delete=models.SET_NULL, related_name="certificate"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        Region,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Kept so the region's coordinators can still reach it after the activity is gone.",
    )
    person_name = models.CharField(max_length=250)
    activity_title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    region_name = models.CharField(max_length=120)
    first_day = models.DateField()
    last_day = models.DateField()
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    sessions_attended = models.PositiveIntegerField()
    sessions_total = models.PositiveIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.person_name} – {self.activity_title}"


class CalendarFeed(models.Model):
    """A personal iCal feed URL. Only the token's hash is stored; a new token revokes the old."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.person}"


class MailLog(models.Model):
    """Which time-based mail went to whom, so a reminder is sent once and only once."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="maillog_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to registration {self.registration_id}"
