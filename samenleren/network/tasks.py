from django_tasks import task

from .importing import import_job_process


@task()
def import_job_run(*, job_id: int) -> None:
    import_job_process(job_id=job_id)
