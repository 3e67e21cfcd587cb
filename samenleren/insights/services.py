"""The few writes of insights: the report text, starting and building a yearly report, and the
audit log entry of every export."""

import logging

from django.db import transaction
from django.utils import timezone, translation

from samenleren.core.services import audit_log
from samenleren.network.models import Region

from .models import ReportRun, ReportText, RunStatus
from .selectors.period import ReportFilter

logger = logging.getLogger(__name__)


def report_text_save(*, actor, region: Region, school_year: int, text: str) -> ReportText:
    with transaction.atomic():
        report_text, _created = ReportText.objects.update_or_create(
            region=region,
            school_year=school_year,
            defaults={"text": text.strip(), "updated_by": actor},
        )
        audit_log(
            actor=actor,
            action="insights.report_text_saved",
            target=report_text,
            school_year=school_year,
        )
    return report_text


def report_text_of(*, region: Region, school_year: int) -> str:
    found = ReportText.objects.filter(region=region, school_year=school_year).first()
    return found.text if found else ""


def report_run_start(*, actor, f: ReportFilter) -> ReportRun:
    """Record the run and build it in the background once the transaction is committed."""
    with transaction.atomic():
        run = ReportRun.objects.create(
            region=f.region,
            requested_by=actor,
            start=f.start,
            end=f.end,
            subregion=f.subregion,
            kind=f.kind,
        )
        audit_log(actor=actor, action="insights.report_requested", target=run, **f.describe())
        from .tasks import build_report_run

        transaction.on_commit(lambda: build_report_run.enqueue(run_id=run.pk))
    return run


def report_run_build(*, run_id: int) -> None:
    """Build the files of a run, saving the progress as it goes (the page polls it)."""
    from .report import build_report

    run = (
        ReportRun.objects.select_related("region", "subregion", "requested_by")
        .defer("pdf", "xlsx")
        .get(pk=run_id)
    )
    if run.is_finished:
        return
    ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, progress=1)

    def progress(percent: int, step: str) -> None:
        ReportRun.objects.filter(pk=run.pk).update(progress=min(percent, 99), step=step)

    f = ReportFilter(
        region=run.region, start=run.start, end=run.end, subregion=run.subregion, kind=run.kind
    )
    language = getattr(run.requested_by, "preferred_language", None) or "nl"
    text = report_text_of(region=run.region, school_year=f.school_year_start)
    try:
        with translation.override(language):
            pdf, xlsx = build_report(f, text=text, language=language, progress=progress)
    except Exception as error:  # the page must say it failed, whatever went wrong
        logger.exception("yearly report %s failed", run.pk)
        ReportRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        progress=100,
        step="",
        pdf=pdf,
        xlsx=xlsx,
        finished_at=timezone.now(),
    )


def export_log(*, actor, what: str, file_format: str, **details) -> None:
    """Every export (tables, reports, personal data) is written to the audit log."""
    audit_log(
        actor=actor,
        action="insights.export",
        target=f"{what}.{file_format}",
        what=what,
        format=file_format,
        **details,
    )
