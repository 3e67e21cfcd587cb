"""The import workflow: small files at once, large ones as a background task with progress."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.core.tabular import TabularError, read_table

from .imports import ALIASES, APPLIERS, CHECKERS, Problem, missing_columns
from .models import ImportJob, ImportStatus, Region


@dataclass
class ImportOutcome:
    job: ImportJob | None = None  # set when the import runs in the background
    created: int = 0
    updated: int = 0
    problems: list[Problem] | None = None


def import_start(
    *, actor: User, region: Region, kind: str, filename: str, data: bytes
) -> ImportOutcome:
    """Read and check the file. Raises ValidationError when the file as a whole is unusable."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
    try:
        table = read_table(name=filename, data=data, aliases=ALIASES[kind])
    except TabularError as error:
        raise ValidationError(str(error)) from error
    missing = missing_columns(table.header, kind)
    if missing:
        raise ValidationError(
            _(
                "These required columns are missing: %(columns)s. The first row must hold the "
                "column names."
            )
            % {"columns": ", ".join(missing)}
        )
    if not table.rows:
        raise ValidationError(_("The file has column names but no rows."))
    if len(table.rows) > settings.IMPORT_INLINE_MAX_ROWS:
        job = ImportJob.objects.create(
            region=region,
            created_by=actor,
            kind=kind,
            filename=filename[:200],
            rows=table.rows,
            total=len(table.rows),
        )
        from .tasks import import_job_run

        transaction.on_commit(lambda: import_job_run.enqueue(job_id=job.pk))
        return ImportOutcome(job=job)
    checked = CHECKERS[kind](region=region, rows=table.rows)
    if not checked.ok:
        return ImportOutcome(problems=checked.problems)
    created, updated = APPLIERS[kind](actor=actor, region=region, clean=checked.clean)
    return ImportOutcome(created=created, updated=updated)


def import_job_process(*, job_id: int) -> None:
    """Check every row (progress saved as it goes), then write all rows in one transaction."""
    job = ImportJob.objects.select_related("region", "created_by").get(pk=job_id)
    if job.is_finished:
        return
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, processed=0)

    def progress(done: int) -> None:
        if done % 100 == 0 or done == job.total:
            ImportJob.objects.filter(pk=job.pk).update(processed=done)

    checked = CHECKERS[job.kind](region=job.region, rows=job.rows, progress=progress)
    if not checked.ok:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, errors=[p.as_dict() for p in checked.problems], rows=[]
        )
        return
    try:
        created, updated = APPLIERS[job.kind](
            actor=job.created_by, region=job.region, clean=checked.clean
        )
    except IntegrityError:
        # Someone changed the same records while the import ran; nothing of it was written.
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            errors=[
                Problem(
                    0, "", _("The data changed while importing. Start the import again.")
                ).as_dict()
            ],
        )
        return
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE, created_count=created, updated_count=updated, rows=[]
    )
