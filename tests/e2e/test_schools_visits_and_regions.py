"""The coordinator's week, on her phone: she corrects a visit she logged (a later reminder),
removes one logged by mistake, switches between her two regions in the lab finder, and turns a
board question into a school question for a school that has no school contact yet."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from samenleren.community.tests.factories import QuestionFactory
from samenleren.network.models import EquipmentKind, Role
from samenleren.network.tests.factories import (
    EquipmentFactory,
    LabFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)
from samenleren.schools.models import Intake, Visit
from samenleren.schools.tests.factories import VisitFactory
from tests.e2e.ui import field, nl


def test_the_coordinator_edits_and_removes_visits_and_switches_region(
    page: Page, check_a11y, log_in, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    south = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    north = RegionFactory(name="Noord-Limburg", slug="noord-limburg")
    school = OrganisationFactory(region=south, name="Maasoever Vakcollege")
    EquipmentFactory(
        lab=LabFactory(organisation=school, name="TechLab Maasoever"),
        kind=EquipmentKind.LASER_CUTTER,
    )
    EquipmentFactory(
        lab=LabFactory(
            organisation=OrganisationFactory(region=north, name="Venlo College"),
            name="TechLab Venlo",
        ),
        kind=EquipmentKind.LASER_CUTTER,
    )
    coordinator = coordinator_of(south, email="linda@limburg.example")
    RoleAssignmentFactory(
        person=coordinator, role=Role.COORDINATOR, organisation=None, region=north
    )
    today = timezone.localdate()
    kept = VisitFactory(
        organisation=school,
        author=coordinator,
        visited_on=today - timedelta(days=2),
        who="De TOA",
        remind_on=today + timedelta(days=5),
    )
    mistake = VisitFactory(
        organisation=school, author=coordinator, visited_on=today - timedelta(days=1)
    )

    log_in(page, coordinator.email)

    # 1. A later reminder for the visit of two days ago.
    page.goto(f"/scholen/organisaties/{school.pk}/bezoeken/")
    check_a11y(page)
    page.locator(f"#bezoek-{kept.pk}").get_by_role("link", name=nl("Edit")).click()
    check_a11y(page)
    later = today + timedelta(days=12)
    field(page, nl("reminder on").capitalize()).fill(later.isoformat())
    page.get_by_role("button", name=nl("Save changes"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        nl("Your changes to the visit have been saved.")
    )
    kept.refresh_from_db()
    assert kept.remind_on == later

    # A reminder date that has passed is refused with the reason at the field.
    page.goto(f"/scholen/bezoeken/{kept.pk}/bewerken/")
    field(page, nl("reminder on").capitalize()).fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name=nl("Save changes"), exact=True).click()
    expect(page.locator("#id_remind_on_errors")).to_be_visible()
    check_a11y(page)

    # 2. The visit logged by mistake: removed after confirming.
    page.goto(f"/scholen/organisaties/{school.pk}/bezoeken/")
    page.locator(f"#bezoek-{mistake.pk}").get_by_role("link", name=nl("Remove")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Remove the visit?"))
    check_a11y(page)
    page.get_by_role("button", name=nl("Yes, remove the visit"), exact=True).click()
    expect(page.locator(".messages")).to_be_visible()
    assert list(Visit.objects.values_list("pk", flat=True)) == [kept.pk]

    # 3. The lab finder opens on the first region by name; she switches to Zuid-Limburg.
    page.goto("/scholen/labs/")
    expect(page.get_by_text("TechLab Venlo")).to_be_visible()
    page.get_by_role(
        "navigation", name=nl("You coordinate more than one region. Choose which one you see:")
    ).get_by_role("link", name="Zuid-Limburg").click()
    expect(page.get_by_text("TechLab Maasoever")).to_be_visible()
    expect(page.get_by_text("TechLab Venlo")).to_have_count(0)
    check_a11y(page)

    # 4. A board question for a school without a school contact: she is told nobody was mailed.
    question = QuestionFactory(region=south, organisation=school, text="Wie leert ons lassen?")
    page.goto(f"/scholen/regio/schoolvragen/uit-vraag/?question={question.pk}")
    check_a11y(page)
    page.get_by_role("button", name=nl("Make a draft school question"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Maasoever Vakcollege")
    expect(
        page.locator(".messages").get_by_role("link", name="Mensen van Maasoever Vakcollege")
    ).to_be_visible()
    check_a11y(page)
    assert Intake.objects.filter(organisation=school).count() == 1
