"""Interest campaigns (belangstellingspeiling): an external course catalogue, campaigns with
pledges that tip a course into a regional group, the date poll and the school holidays it avoids.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenleren.activities.models import Activity
from samenleren.core.models import TimeStampedModel
from samenleren.network.models import EquipmentKind, Organisation, Profile, Region


class ExternalCourse(TimeStampedModel):
    """A course of an external provider (e.g. bijscholingvmbo.nl) that normally runs at a
    central location. Each region keeps its own catalogue (imported or typed in)."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="external_courses"
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    profiles = models.ManyToManyField(
        Profile, verbose_name=_("vmbo profiles"), blank=True, related_name="external_courses"
    )
    days = models.PositiveSmallIntegerField(
        _("number of days"), default=1, validators=[MinValueValidator(1)]
    )
    hours = models.DecimalField(
        _("study hours"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("6"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    location_name = models.CharField(_("central location"), max_length=120)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    price = models.DecimalField(
        _("price per participant (euro)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    min_participants = models.PositiveIntegerField(
        _("minimum participants"), validators=[MinValueValidator(1)]
    )
    second_group_at = models.PositiveIntegerField(
        _("second group from"),
        null=True,
        blank=True,
        help_text=_("With this many participants the provider runs a second group."),
    )
    equipment = models.JSONField(
        _("required equipment"),
        default=list,
        blank=True,
        help_text=_("The machines the venue needs for this course."),
    )
    url = models.URLField(_("web page"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("external course")
        verbose_name_plural = _("external courses")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "title", "provider"], name="external_course_unique"
            ),
            models.CheckConstraint(
                condition=Q(second_group_at__isnull=True)
                | Q(second_group_at__gt=models.F("min_participants")),
                name="external_course_second_group_above_minimum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    @property
    def coordinates(self) -> tuple[float, float]:
        return (float(self.latitude), float(self.longitude))

    @property
    def equipment_labels(self) -> list[str]:
        labels = dict(EquipmentKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.equipment]


class Campaign(TimeStampedModel):
    """A belangstellingspeiling: a set of courses, a period and an audience, with a public page."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="campaigns"
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("for whom"),
        max_length=300,
        help_text=_("E.g. teachers and TOAs of technical vmbo profiles."),
    )
    description = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    courses = models.ManyToManyField(
        ExternalCourse, through="CampaignCourse", related_name="campaigns"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("interest campaign")
        verbose_name_plural = _("interest campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("demand:campaign", args=[self.pk])

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def has_closed(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.closes_on


class CampaignCourse(models.Model):
    """A course in a campaign: what people pledge for, and what tips."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="campaign_courses"
    )
    course = models.ForeignKey(
        ExternalCourse, on_delete=models.PROTECT, related_name="campaign_courses"
    )
    # Set once, under the row lock, by the pledge that reaches the minimum (see docs/demand.md).
    tipped_at = models.DateTimeField(_("tipped"), null=True, blank=True)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("calendar activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["course__title"]
        verbose_name = _("course in a campaign")
        verbose_name_plural = _("courses in a campaign")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "course"], name="campaign_course_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} – {self.campaign.title}"


class Pledge(TimeStampedModel):
    """A person's interest in a course of a campaign, with their preferences."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledges"
    )
    campaign_course = models.ForeignKey(
        CampaignCourse, on_delete=models.CASCADE, related_name="pledges"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("school or organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    months = models.JSONField(_("preferred months"), default=list, blank=True)
    weekdays = models.JSONField(_("preferred weekdays"), default=list, blank=True)
    max_travel_minutes = models.PositiveIntegerField(
        _("most travel time (minutes, one way)"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "campaign_course"],
                condition=Q(withdrawn_at__isnull=True),
                name="pledge_one_active_per_person",
            ),
        ]
        indexes = [models.Index(fields=["campaign_course", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.campaign_course}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class UnnamedPledge(TimeStampedModel):
    """A school contact's pledge for a number of colleagues not yet named. When a colleague of
    that school pledges in their own name, one of these places is taken over (the count goes
    down), so nobody is counted twice."""

    campaign_course = models.ForeignKey(
        CampaignCourse, on_delete=models.CASCADE, related_name="unnamed_pledges"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveIntegerField(_("number of colleagues"))
    pledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pledge for colleagues")
        verbose_name_plural = _("pledges for colleagues")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_course", "organisation"], name="unnamed_pledge_one_per_school"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.count} – {self.campaign_course}"


class SchoolHoliday(models.Model):
    """A school holiday of the region (the government's holiday region it belongs to)."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="school_holidays"
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="holiday_period_ordered"
            ),
            models.UniqueConstraint(fields=["region", "name", "starts_on"], name="holiday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d-%m-%Y} – {self.ends_on:%d-%m-%Y})"


class DatePoll(TimeStampedModel):
    """When a course has tipped, the pledgers choose a date."""

    campaign_course = models.OneToOneField(
        CampaignCourse, on_delete=models.CASCADE, related_name="poll"
    )
    deadline = models.DateTimeField(_("answer before"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")

    def __str__(self) -> str:
        return str(self.campaign_course)

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.deadline


class PollOption(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="poll_option_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["poll", "date", "starts_at"], name="poll_option_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("If need be")
    NO = "no", _("No")


class PollAnswer(models.Model):
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=5, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "person"], name="poll_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.option} = {self.answer}"


class WaitlistAlert(models.Model):
    """Once-only bookkeeping: the coordinators were told that this activity's waiting list
    passed the threshold."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="+")
    waiting = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.activity}: {self.waiting}"
