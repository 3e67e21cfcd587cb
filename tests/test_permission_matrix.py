"""Every role against every view: who may see what. Grows with each capability."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "participant",
    "contact_own",
    "contact_other",
    "coordinator",
    "coordinator_other_region",
    "trainer",
    "partner",
    "steering",
    "superuser",
]

LOGIN = 302
OK = 200
NO = 403
GONE = 404

#                         anon   part  c_own c_oth coord c_oth train partn steer super
EVERYONE_SIGNED_IN = [LOGIN, OK, OK, OK, OK, OK, OK, OK, OK, OK]
COORDINATORS_ONLY = [LOGIN, NO, NO, NO, OK, OK, NO, NO, NO, NO]
ORGANISATION_EDITORS = [LOGIN, NO, OK, NO, OK, NO, NO, NO, NO, NO]
REGION_COORDINATOR = [LOGIN, NO, NO, NO, OK, GONE, NO, NO, NO, NO]
OWN_REGION_JOB = [LOGIN, GONE, GONE, GONE, OK, GONE, GONE, GONE, GONE, GONE]
ADMIN = [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK]
API_SIGNED_IN = [401, OK, OK, OK, OK, OK, OK, OK, OK, OK]
PUBLIC = [OK] * 10
ACTIVITY_MANAGERS = [LOGIN, NO, NO, NO, OK, NO, NO, NO, NO, NO]
ACTIVITY_RUNNERS = [LOGIN, NO, NO, NO, OK, NO, OK, NO, NO, NO]
OWNER_ONLY = [LOGIN, OK, GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE]
OWNER_AND_COORDINATOR = [LOGIN, OK, GONE, GONE, OK, GONE, GONE, GONE, GONE, GONE]

VIEWS = {
    "home": (lambda w: reverse("core:home"), PUBLIC),
    "profile": (lambda w: reverse("accounts:profile"), EVERYONE_SIGNED_IN),
    "api tokens": (lambda w: reverse("accounts:api_tokens"), EVERYONE_SIGNED_IN),
    "my organisations": (lambda w: reverse("network:my_organisations"), EVERYONE_SIGNED_IN),
    "beheer": (lambda w: reverse("network:beheer_home"), COORDINATORS_ONLY),
    "organisation list": (lambda w: reverse("network:organisation_list"), COORDINATORS_ONLY),
    "organisation create": (lambda w: reverse("network:organisation_create"), COORDINATORS_ONLY),
    "people list": (lambda w: reverse("network:people_list"), COORDINATORS_ONLY),
    "import": (lambda w: reverse("network:import_upload"), COORDINATORS_ONLY),
    "organisation detail": (
        lambda w: reverse("network:organisation_detail", args=[w["school"].pk]),
        EVERYONE_SIGNED_IN,
    ),
    "organisation edit": (
        lambda w: reverse("network:organisation_edit", args=[w["school"].pk]),
        ORGANISATION_EDITORS,
    ),
    "lab create": (
        lambda w: reverse("network:lab_create", args=[w["school"].pk]),
        ORGANISATION_EDITORS,
    ),
    "lab edit": (lambda w: reverse("network:lab_edit", args=[w["lab"].pk]), ORGANISATION_EDITORS),
    "person detail": (
        lambda w: reverse("network:person_detail", args=[w["teacher"].pk]),
        REGION_COORDINATOR,
    ),
    "import status": (
        lambda w: reverse("network:import_status", args=[w["job"].pk]),
        OWN_REGION_JOB,
    ),
    "django admin": (lambda w: reverse("admin:index"), ADMIN),
    # --- the training calendar ---
    "calendar": (lambda w: reverse("activities:calendar"), PUBLIC),
    "activity detail": (lambda w: reverse("activities:detail", args=[w["activity"].pk]), PUBLIC),
    "activity ics": (lambda w: reverse("activities:ics", args=[w["activity"].pk]), PUBLIC),
    "my registrations": (lambda w: reverse("activities:mine"), EVERYONE_SIGNED_IN),
    "my certificates": (lambda w: reverse("activities:my_certificates"), EVERYONE_SIGNED_IN),
    "manage activities": (lambda w: reverse("activities:manage_list"), COORDINATORS_ONLY),
    "create activity": (lambda w: reverse("activities:manage_create"), COORDINATORS_ONLY),
    "activity registrations": (
        lambda w: reverse("activities:manage_registrations", args=[w["activity"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "edit activity": (
        lambda w: reverse("activities:manage_edit", args=[w["activity"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "catering": (
        lambda w: reverse("activities:manage_catering", args=[w["activity"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "evaluation summary": (
        lambda w: reverse("activities:evaluation_summary", args=[w["activity"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "issue certificates": (
        lambda w: reverse("activities:certificates_manage", args=[w["activity"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "attendance": (
        lambda w: reverse("activities:attendance", args=[w["session"].pk]),
        ACTIVITY_RUNNERS,
    ),
    "participants": (
        lambda w: reverse("activities:participants", args=[w["activity"].pk]),
        ACTIVITY_RUNNERS,
    ),
    "check-in qr": (
        lambda w: reverse("activities:checkin_qr", args=[w["session"].pk]),
        ACTIVITY_RUNNERS,
    ),
    "evaluate": (lambda w: reverse("activities:evaluate", args=[w["registration"].pk]), OWNER_ONLY),
    "certificate pdf": (
        lambda w: reverse("activities:certificate_pdf", args=[w["certificate"].code]),
        OWNER_AND_COORDINATOR,
    ),
    "api me": (lambda w: "/api/v1/me", API_SIGNED_IN),
    "api organisations": (lambda w: "/api/v1/organisations", API_SIGNED_IN),
}


def answers_by_role(client, world, url: str) -> dict[str, int]:
    """The status code each role gets for a GET of `url` (the capabilities' matrices use it)."""
    answers = {}
    for role in ROLES:
        client.logout()
        person = world["people"][role]
        if person is not None:
            client.force_login(person)
        response = client.get(url)
        answers[role] = response.status_code
        if response.streaming:
            # Read to the end, which closes the response (and a streamed file) as a browser would.
            b"".join(response.streaming_content)
    return answers


def expected_by_role(expected: list[int]) -> dict[str, int]:
    return dict(zip(ROLES, expected, strict=True))


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_role_gets_exactly_the_expected_answer(client, world, view):
    url_for, expected = VIEWS[view]

    assert answers_by_role(client, world, url_for(world)) == expected_by_role(expected)
