from django_tasks import task

from .services import report_run_build


@task()
def build_report_run(*, run_id: int) -> None:
    report_run_build(run_id=run_id)
