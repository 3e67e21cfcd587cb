from django_tasks import task

from .mail import poll_mail_send, tipped_mail_send, waitlist_mail_send


@task()
def send_tipped_mail(*, campaign_course_id: int) -> None:
    tipped_mail_send(campaign_course_id=campaign_course_id)


@task()
def send_poll_mail(*, poll_id: int) -> None:
    poll_mail_send(poll_id=poll_id)


@task()
def send_waitlist_mail(*, activity_id: int) -> None:
    waitlist_mail_send(activity_id=activity_id)
