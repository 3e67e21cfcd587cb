from django_tasks import task

from .mail import community_mail_send


@task()
def send_community_mail(*, kind: str, person_id: int, **data) -> None:
    community_mail_send(kind=kind, person_id=person_id, **data)
