"""Every role against every view of the school intake and the TechLabs."""

import pytest
from django.urls import reverse

from samenleren.community.tests.factories import QuestionFactory
from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import EquipmentFactory, EquipmentSkillFactory
from samenleren.schools.tests.factories import (
    DraftIntakeFactory,
    IntakeAnswerFactory,
    IntakeFactory,
    TrainingNeedFactory,
    VisitFactory,
)
from tests.test_permission_matrix import (
    COORDINATORS_ONLY,
    EVERYONE_SIGNED_IN,
    GONE,
    LOGIN,
    NO,
    OK,
    ORGANISATION_EDITORS,
    ROLES,
    answers_by_role,
    expected_by_role,
)

pytestmark = pytest.mark.django_db

#                     anon   part  c_own c_oth coord c_oth train partn steer super
SCHOOL_INSIDE = [LOGIN, OK, OK, NO, OK, NO, NO, NO, NO, NO]
CONTACT_OWN_ONLY = [LOGIN, NO, OK, NO, NO, NO, NO, NO, NO, NO]
INTAKE_READERS = [LOGIN, NO, OK, NO, OK, NO, NO, NO, NO, NO]
REGION_COORDINATOR = [LOGIN, NO, NO, NO, OK, NO, NO, NO, NO, NO]
# The matrix' participant works at the school; most others have no affiliation at all and are
# asked to add their organisation first (a page, not a refusal).
LAB_FINDER = EVERYONE_SIGNED_IN
# `?regio=<slug>` of the world's region: coordinators of another region get a 404, never its
# labs; for people who coordinate nothing the parameter changes nothing.
LAB_FINDER_IN_REGION = [LOGIN, OK, OK, OK, OK, GONE, OK, OK, OK, OK]
REGION_PAGE_IN_REGION = [LOGIN, NO, NO, NO, OK, GONE, NO, NO, NO, NO]
# The tour's PDF plans what the planner plans: a lab of the world's region is on the sheet of
# whoever plans in that region; everyone else is sent back to the planner (302), which says why
# (no school yet, or not a lab of their region).
TOUR_PDF = [LOGIN, OK, 302, 302, OK, 302, 302, 302, 302, 302]
TOUR_PDF_IN_REGION = [LOGIN, OK, 302, 302, OK, GONE, 302, 302, 302, 302]
API_INSIDE = [401, OK, OK, 403, OK, 403, 403, 403, 403, 403]
API_COORDINATORS = [401, 403, 403, 403, OK, OK, 403, 403, 403, 403]
API_LABS = [401, OK, 400, 400, OK, OK, 400, 400, 400, 400]


def _plan(world) -> str:
    """A tour of the world's lab, as the planner's GET parameters."""
    return f"?labs={world['lab'].pk}&datum=2026-03-04&start=09:00&minuten=45"


VIEWS = {
    "region view": (lambda w: reverse("schools:region"), COORDINATORS_ONLY),
    "intake list": (lambda w: reverse("schools:intake_list"), COORDINATORS_ONLY),
    "training question list": (lambda w: reverse("schools:need_list"), COORDINATORS_ONLY),
    "training question": (
        lambda w: reverse("schools:need_detail", args=[w["need"].pk]),
        REGION_COORDINATOR,
    ),
    "levels": (
        lambda w: reverse("schools:details_edit", args=[w["school"].pk]),
        ORGANISATION_EDITORS,
    ),
    "visits": (
        lambda w: reverse("schools:school_visits", args=[w["school"].pk]),
        REGION_COORDINATOR,
    ),
    "visit edit": (
        lambda w: reverse("schools:visit_edit", args=[w["visit"].pk]),
        REGION_COORDINATOR,
    ),
    "visit remove (confirmation)": (
        lambda w: reverse("schools:visit_delete", args=[w["visit"].pk]),
        REGION_COORDINATOR,
    ),
    "intake detail": (
        lambda w: reverse("schools:intake_detail", args=[w["intake"].pk]),
        INTAKE_READERS,
    ),
    "intake step": (
        lambda w: reverse("schools:intake_step", args=[w["draft"].pk, "doel"]),
        CONTACT_OWN_ONLY,
    ),
    "intake summary": (
        lambda w: reverse("schools:intake_summary", args=[w["draft"].pk]),
        CONTACT_OWN_ONLY,
    ),
    "intake answers": (
        lambda w: reverse("schools:intake_answers", args=[w["intake"].pk]),
        REGION_COORDINATOR,
    ),
    "intake from a question": (
        lambda w: reverse("schools:intake_from_question") + f"?question={w['question'].pk}",
        # access_question_manage: other regions' coordinators and the superuser do not see it.
        [LOGIN, NO, NO, NO, OK, GONE, NO, NO, NO, GONE],
    ),
    "lab register": (
        lambda w: reverse("schools:lab_register", args=[w["lab"].pk]),
        SCHOOL_INSIDE,
    ),
    "add equipment": (
        lambda w: reverse("schools:equipment_create", args=[w["lab"].pk]),
        ORGANISATION_EDITORS,
    ),
    "edit equipment": (
        lambda w: reverse("schools:equipment_edit", args=[w["machine"].pk]),
        ORGANISATION_EDITORS,
    ),
    "activity teaches": (
        lambda w: reverse("schools:activity_teaches", args=[w["activity"].pk]),
        [LOGIN, NO, NO, NO, OK, NO, NO, NO, NO, NO],
    ),
    "lab finder": (lambda w: reverse("schools:lab_finder"), LAB_FINDER),
    "tour planner": (lambda w: reverse("schools:tour"), LAB_FINDER),
    "lab finder, region chosen": (
        lambda w: reverse("schools:lab_finder") + f"?regio={w['school'].region.slug}",
        LAB_FINDER_IN_REGION,
    ),
    "tour planner, region chosen": (
        lambda w: reverse("schools:tour") + f"?regio={w['school'].region.slug}",
        LAB_FINDER_IN_REGION,
    ),
    "tour pdf": (lambda w: reverse("schools:tour_pdf") + _plan(w), TOUR_PDF),
    "tour pdf, region chosen": (
        lambda w: reverse("schools:tour_pdf") + _plan(w) + f"&regio={w['school'].region.slug}",
        TOUR_PDF_IN_REGION,
    ),
    "region view, region chosen": (
        lambda w: reverse("schools:region") + f"?regio={w['school'].region.slug}",
        REGION_PAGE_IN_REGION,
    ),
    "api equipment": (
        lambda w: f"/api/v1/organisations/{w['school'].pk}/equipment",
        API_INSIDE,
    ),
    "api at risk": (lambda w: "/api/v1/equipment/at-risk", API_COORDINATORS),
    "api labs": (lambda w: "/api/v1/labs?equipment=laser_cutter", API_LABS),
}

# POSTs that write: the answer for each role (302: done and sent on).
POSTS = {
    "training question from a risk": (
        lambda w: reverse("schools:need_create", args=[w["machine"].pk]),
        {},
        [LOGIN, NO, 302, NO, 302, NO, NO, NO, NO, NO],
    ),
    "remove equipment": (
        lambda w: reverse("schools:equipment_remove", args=[w["spare"].pk]),
        {},
        [LOGIN, NO, 302, NO, 302, NO, NO, NO, NO, NO],
    ),
    "status change": (
        lambda w: reverse("schools:intake_status", args=[w["intake"].pk]),
        {"status": "closed"},
        [LOGIN, NO, NO, NO, 302, NO, NO, NO, NO, NO],
    ),
    "visit edit": (
        lambda w: reverse("schools:visit_edit", args=[w["visit"].pk]),
        {"visited_on": "2026-03-04", "who": "De TOA en de teamleider"},
        [LOGIN, NO, NO, NO, 302, NO, NO, NO, NO, NO],
    ),
    "visit remove": (
        lambda w: reverse("schools:visit_delete", args=[w["visit"].pk]),
        {},
        [LOGIN, NO, NO, NO, 302, NO, NO, NO, NO, NO],
    ),
    "skill remove": (
        lambda w: reverse("schools:skill_remove", args=[w["skill"].pk]),
        {},
        [LOGIN, 302, 302, NO, NO, NO, NO, NO, NO, NO],
    ),
}


@pytest.fixture
def school_world(world):
    school = world["school"]
    machine = EquipmentFactory(lab=world["lab"], kind=EquipmentKind.LASER_CUTTER)
    return {
        **world,
        "machine": machine,
        "spare": EquipmentFactory(lab=world["lab"], kind=EquipmentKind.PLOTTER),
        "skill": EquipmentSkillFactory(person=world["teacher"], equipment=machine),
        "intake": IntakeAnswerFactory(intake=IntakeFactory(organisation=school)).intake,
        "draft": DraftIntakeFactory(organisation=school),
        "visit": VisitFactory(organisation=school, author=world["people"]["coordinator"]),
        "question": QuestionFactory(region=school.region, organisation=school),
        "need": TrainingNeedFactory(
            equipment=EquipmentFactory(lab=world["lab"], kind=EquipmentKind.VR_SET)
        ),
    }


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_role_gets_exactly_the_expected_answer(client, school_world, view):
    url_for, expected = VIEWS[view]

    assert answers_by_role(client, school_world, url_for(school_world)) == expected_by_role(
        expected
    )


@pytest.mark.parametrize("action", list(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_write_only_what_it_should(client, school_world, action, role):
    url_for, data, expected = POSTS[action]
    person = school_world["people"][role]
    if person is not None:
        client.force_login(person)

    response = client.post(url_for(school_world), data)

    assert response.status_code == expected[ROLES.index(role)]
