from django_tasks import task

from .mail import registration_mail_send


@task()
def send_registration_mail(*, registration_id: int, kind: str) -> None:
    registration_mail_send(registration_id=registration_id, kind=kind)
