"""What insights keeps itself: the coordinator's text for the yearly report and the report runs.

Everything else insights shows is read from the other apps; it owns no figures.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenleren.activities.models import ActivityKind
from samenleren.core.models import TimeStampedModel
from samenleren.network.models import Region, Subregion


class ReportText(TimeStampedModel):
    """The coordinator's own words in the yearly report: one per region and school year."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="report_texts")
    school_year = models.PositiveIntegerField(
        _("school year"), help_text="The year in which the school year starts (1 August)."
    )
    text = models.TextField(_("text for the report"), blank=True, max_length=6000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("text of the yearly report")
        verbose_name_plural = _("texts of the yearly report")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "school_year"], name="report_text_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.school_year}/{self.school_year + 1}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportRun(TimeStampedModel):
    """One build of the yearly report (PDF and XLSX), made by a background task. The files are
    kept in the database: they are small, and only reachable through the permission check."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="report_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    subregion = models.ForeignKey(
        Subregion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, blank=True, choices=ActivityKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(max_length=80, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    xlsx = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        indexes = [models.Index(fields=["region", "-created_at"], name="report_run_region_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="report_run_period"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_run_progress"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.DONE, RunStatus.FAILED}
