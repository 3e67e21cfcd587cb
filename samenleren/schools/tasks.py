from django_tasks import task

from .mail import (
    intake_prepared_mail_send,
    intake_submitted_mail_send,
    intakes_prepared_mail_send,
    visit_reminder_mail_send,
)


@task()
def send_visit_reminder(*, visit_id: int) -> None:
    visit_reminder_mail_send(visit_id=visit_id)


@task()
def send_intake_submitted(*, intake_id: int, person_id: int) -> None:
    intake_submitted_mail_send(intake_id=intake_id, person_id=person_id)


@task()
def send_intake_prepared(*, intake_id: int, person_id: int) -> None:
    intake_prepared_mail_send(intake_id=intake_id, person_id=person_id)


@task()
def send_intakes_prepared(*, organisation_id: int, person_id: int, intake_ids: list[int]) -> None:
    intakes_prepared_mail_send(
        organisation_id=organisation_id, person_id=person_id, intake_ids=intake_ids
    )
