"""Netflixleren: every role against every learning view (see tests/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from samenleren.learning.services.progress import lesson_complete
from samenleren.learning.tests.factories import (
    LearningPathFactory,
    ModuleFactory,
    PathItemFactory,
)
from samenleren.network.models import Organisation, Role
from tests.test_permission_matrix import (
    API_SIGNED_IN,
    COORDINATORS_ONLY,
    EVERYONE_SIGNED_IN,
    GONE,
    LOGIN,
    NO,
    OK,
    PUBLIC,
    answers_by_role,
    expected_by_role,
)

pytestmark = pytest.mark.django_db

#                  anon   part  c_own c_oth coord c_oth train partn steer super
AUTHORS = [LOGIN, NO, NO, NO, OK, OK, OK, NO, NO, NO]
MODULE_EDITORS = [LOGIN, NO, NO, NO, OK, NO, OK, NO, NO, NO]
DRAFT_READERS = [LOGIN, GONE, GONE, GONE, OK, GONE, OK, GONE, GONE, GONE]
THIS_REGION_COORDINATOR = [LOGIN, NO, NO, NO, OK, NO, NO, NO, NO, NO]

VIEWS = {
    "learning home": (lambda w: reverse("learning:home"), EVERYONE_SIGNED_IN),
    "catalogue": (lambda w: reverse("learning:catalogue") + "?q=lassen", EVERYONE_SIGNED_IN),
    "my learning": (lambda w: reverse("learning:mine"), EVERYONE_SIGNED_IN),
    "my learning csv": (lambda w: reverse("learning:mine_export"), EVERYONE_SIGNED_IN),
    "module": (lambda w: reverse("learning:module", args=[w["module"].pk]), EVERYONE_SIGNED_IN),
    "lesson": (
        lambda w: reverse("learning:lesson", args=[w["module"].pk, w["lesson"].pk]),
        EVERYONE_SIGNED_IN,
    ),
    "draft module preview": (
        lambda w: reverse("learning:module", args=[w["draft"].pk]),
        DRAFT_READERS,
    ),
    "draft lesson preview": (
        lambda w: reverse("learning:lesson", args=[w["draft"].pk, w["draft"].lessons.first().pk]),
        DRAFT_READERS,
    ),
    "learning path": (lambda w: reverse("learning:path", args=[w["path"].pk]), EVERYONE_SIGNED_IN),
    "badge page": (lambda w: reverse("learning:badge", args=[w["assertion"].uuid]), PUBLIC),
    "assertion json": (
        lambda w: reverse("learning:assertion_json", args=[w["assertion"].uuid]),
        PUBLIC,
    ),
    "badge class json": (
        lambda w: reverse("learning:badge_class_json", args=[w["assertion"].badge_id]),
        PUBLIC,
    ),
    "badge image": (
        lambda w: reverse("learning:badge_image", args=[w["assertion"].badge_id]),
        PUBLIC,
    ),
    "issuer json": (
        lambda w: reverse("learning:issuer_json", args=[w["module"].region.slug]),
        PUBLIC,
    ),
    "revoke badge": (
        lambda w: reverse("learning:badge_revoke", args=[w["assertion"].uuid]),
        THIS_REGION_COORDINATOR,
    ),
    "issued badges": (lambda w: reverse("learning:manage_badges"), COORDINATORS_ONLY),
    "manage modules": (lambda w: reverse("learning:manage_list"), AUTHORS),
    "learning paths": (lambda w: reverse("learning:manage_paths"), COORDINATORS_ONLY),
    "edit learning path": (
        lambda w: reverse("learning:manage_path", args=[w["path"].pk]),
        THIS_REGION_COORDINATOR,
    ),
    "new module": (lambda w: reverse("learning:manage_create"), AUTHORS),
    "import module": (lambda w: reverse("learning:manage_import"), AUTHORS),
    "edit module": (
        lambda w: reverse("learning:manage_module", args=[w["module"].pk]),
        MODULE_EDITORS,
    ),
    "export module": (
        lambda w: reverse("learning:manage_export", args=[w["module"].pk]),
        MODULE_EDITORS,
    ),
    "export module with files": (
        lambda w: reverse("learning:manage_export_zip", args=[w["module"].pk]),
        MODULE_EDITORS,
    ),
    "new lesson": (
        lambda w: reverse("learning:lesson_create", args=[w["module"].pk]) + "?soort=text",
        MODULE_EDITORS,
    ),
    "edit lesson": (
        lambda w: reverse("learning:lesson_edit", args=[w["module"].pk, w["lesson"].pk]),
        MODULE_EDITORS,
    ),
    "api modules": (lambda w: "/api/v1/modules", API_SIGNED_IN),
    "api module": (lambda w: f"/api/v1/modules/{w['module'].pk}", API_SIGNED_IN),
    "api recommendations": (lambda w: "/api/v1/me/recommendations", API_SIGNED_IN),
}


@pytest.fixture
def learning_world(world):
    region = world["activity"].region
    company = Organisation.objects.get(
        role_assignments__role=Role.TRAINER, role_assignments__person=world["people"]["trainer"]
    )
    module = ModuleFactory(region=region, provider_organisation=company, lessons=2)
    draft = ModuleFactory(
        region=region,
        provider_organisation=company,
        is_published=False,
        published_at=None,
        lessons=1,
    )
    path = LearningPathFactory(region=region)
    PathItemFactory(path=path, module=module)
    teacher = world["teacher"]
    for lesson in module.lessons.all():
        result = lesson_complete(person=teacher, lesson=lesson)
    return {
        **world,
        "module": module,
        "lesson": module.lessons.first(),
        "draft": draft,
        "path": path,
        "assertion": result.badges[0],
    }


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_role_gets_exactly_the_expected_answer(client, learning_world, view):
    url_for, expected = VIEWS[view]

    assert answers_by_role(client, learning_world, url_for(learning_world)) == expected_by_role(
        expected
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("participant", 404),
        ("coordinator", 200),
        ("trainer", 200),
        ("coordinator_other_region", 404),
    ],
)
def test_progress_on_a_draft_through_the_api_only_for_its_authors(
    client, learning_world, role, status
):
    draft = learning_world["draft"]
    client.force_login(learning_world["people"][role])

    response = client.post(
        f"/api/v1/modules/{draft.pk}/progress",
        {"lesson_id": draft.lessons.get().pk},
        content_type="application/json",
    )

    assert response.status_code == status
