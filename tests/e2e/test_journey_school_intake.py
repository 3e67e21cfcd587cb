"""Journey 3: the school question about the laser cutter.

The school contact of Maasoever Vakcollege (on her phone) puts into words, step by step, that
more colleagues should be able to use the laser cutter in the TechLab. The equipment register
shows that only the TOA can operate it, flagged as a risk; one action turns that into a
training question. The coordinator (at her desk) finds it in the region view, with a workshop
from the calendar that teaches the laser cutter as a suggestion, and the school question next
to it.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.tests.factories import ActivityFactory, SessionFactory
from samenleren.network.models import EquipmentKind, Function, Role, SkillLevel
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    EquipmentSkillFactory,
    LabFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)
from samenleren.schools.models import Intake, IntakeStatus, NeedStatus, TrainingNeed
from tests.e2e.conftest import DESKTOP
from tests.e2e.ui import field, nl

AIM = "Meer collega's kunnen met de lasersnijder in ons TechLab werken."
MACHINE = "Lasersnijder (Trotec Speedy 300)"


def _world():
    region = RegionFactory(name="Zuid-Limburg")
    school = OrganisationFactory(region=region, name="Maasoever Vakcollege", city="Maastricht")
    lab = LabFactory(organisation=school, name="TechLab Maasoever")
    laser = EquipmentFactory(
        lab=lab, kind=EquipmentKind.LASER_CUTTER, brand="Trotec", model_name="Speedy 300"
    )
    contact = UserFactory(
        email="contact@maasoever.example", first_name="Marieke", last_name="Bemelmans"
    )
    AffiliationFactory(person=contact, organisation=school, function=Function.TEAM_LEADER)
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=school)
    toa = UserFactory(first_name="Jean-Pierre", last_name="Mertens")
    AffiliationFactory(person=toa, organisation=school, function=Function.TOA)
    EquipmentSkillFactory(person=toa, equipment=laser, level=SkillLevel.INSTRUCT)
    coordinator = coordinator_of(
        region, email="linda@zuid-limburg.example", first_name="Linda", last_name="Verlinden"
    )
    workshop = ActivityFactory(
        region=region,
        title="Online workshop: lesideeën met de lasersnijder",
        summary="Een uur vol voorbeelden om de lasersnijder in je lessen te gebruiken.",
        sessions=0,
    )
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=21)
    SessionFactory(activity=workshop, starts_at=start, ends_at=start + timedelta(hours=1))
    return school, laser, contact, coordinator


def test_the_laser_cutter_question_becomes_training_demand_the_coordinator_sees(
    page: Page, check_a11y, log_in, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    school, laser, contact, coordinator = _world()

    # 1. The school page: the laser cutter depends on one person.
    log_in(page, contact.email)
    page.goto(f"/beheer/organisaties/{school.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maasoever Vakcollege")
    row = page.locator(f"#apparaat-{laser.pk}")
    expect(row).to_contain_text("Jean-Pierre Mertens")
    expect(row).to_contain_text(nl("At risk"))
    expect(row).to_contain_text(nl("Only one person can use it."))
    check_a11y(page)

    # 2. The guided question, step by step, with examples at each step.
    page.get_by_role("button", name=nl("Ask a new school question"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Aim"))
    expect(
        page.get_by_text(nl("More colleagues can work with the laser cutter in our TechLab."))
    ).to_be_visible()
    check_a11y(page)
    # Skipping ahead with an empty step: a clear message, nothing saved.
    page.get_by_role("button", name=nl("Save and continue"), exact=True).click()
    expect(page.get_by_text(nl("Fill in this step before you go on."))).to_be_visible()
    check_a11y(page)
    field(page, nl("What do you want to achieve?")).fill(AIM)
    field(page, nl("Is it about a machine in your lab?")).select_option(
        label=f"{MACHINE} – TechLab Maasoever"
    )
    page.get_by_role("button", name=nl("Save and continue"), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Target group"))
    check_a11y(page)
    field(page, nl("Who is it for?")).fill("De zes docenten BWI en PIE en onze tweede TOA.")
    page.get_by_role("button", name=nl("Save and continue"), exact=True).click()
    # Wait for the next step before reloading: a reload during the form's own navigation fails.
    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Current situation"))

    # A reload keeps what was saved: the draft lives in the database, not in the browser.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Current situation"))
    check_a11y(page)
    field(page, nl("How is it now?")).fill(
        "Alleen onze TOA kan de lasersnijder bedienen. Als hij ziek is, vallen de "
        "praktijklessen uit."
    )
    page.get_by_role("button", name=nl("Save and continue"), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Desired situation"))
    check_a11y(page)
    field(page, nl("How should it be?")).fill(
        "Minstens vier collega's werken zelfstandig en veilig met de lasersnijder."
    )
    page.get_by_role("button", name=nl("Save and continue"), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Preferred forms"))
    check_a11y(page)
    page.get_by_label(nl("Training"), exact=True).check()
    page.get_by_label(nl("Visit to another school or company"), exact=True).check()
    page.get_by_role("button", name=nl("Save and continue"), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(nl("Urgency"))
    check_a11y(page)
    page.get_by_label(nl("This term"), exact=True).check()
    page.get_by_role("button", name=nl("Save and see the summary"), exact=True).click()

    # 3. The summary to confirm, then off to the coordinators.
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Summary of your school question"))
    expect(page.locator("dl.details")).to_contain_text(AIM)
    expect(page.locator("dl.details")).to_contain_text(MACHINE)
    check_a11y(page)
    page.get_by_role("button", name=nl("Send the question to the coordinators"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AIM)
    expect(page.locator("main p .tag")).to_have_text(nl("New"))
    check_a11y(page)
    intake = Intake.objects.get()
    assert (intake.status, intake.equipment, intake.preferred_forms) == (
        IntakeStatus.NEW,
        laser,
        ["training", "visit"],
    )

    # 4. The equipment register: one operator, at risk; one action makes it training demand.
    page.goto(f"/scholen/labs/{laser.lab_id}/apparatuur/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("TechLab Maasoever")
    row = page.locator(f"#apparaat-{laser.pk}")
    expect(row).to_contain_text("Jean-Pierre Mertens")
    expect(row).to_contain_text(nl("At risk"))
    check_a11y(page)
    row.get_by_role("button", name=re.compile(re.escape(MACHINE))).click()
    expect(page.locator(".messages")).to_contain_text(
        nl(
            "The training question for the %(machine)s has been passed on to the "
            "coordinators. They look for a training and let you know."
        )
        % {"machine": MACHINE}
    )
    expect(page.locator(f"#apparaat-{laser.pk}")).to_contain_text(
        nl("Training question: %(status)s") % {"status": "Open"}
    )
    check_a11y(page)
    need = TrainingNeed.objects.get()
    assert (need.organisation, need.equipment, need.status, need.created_by) == (
        school,
        laser,
        NeedStatus.OPEN,
        contact,
    )

    # 5. The coordinator, at her desk, finds the question and the training demand.
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    log_in(page, coordinator.email)
    page.goto("/scholen/regio/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Schools and labs in %(region)s") % {"region": "Zuid-Limburg"}
    )
    needs = page.locator("#opleidingsvragen + p")
    expect(needs).to_have_text(
        nl("%(open)s open, %(progress)s in progress, %(done)s done.")
        % {"open": 1, "progress": 0, "done": 0}
    )
    card = page.locator(".card", has=page.get_by_role("heading", name=MACHINE))
    expect(card).to_contain_text("Maasoever Vakcollege")
    expect(card).to_contain_text(nl("Only one person can use it."))
    expect(
        card.get_by_role("link", name="Online workshop: lesideeën met de lasersnijder")
    ).to_be_visible()
    expect(page.get_by_role("link", name=AIM)).to_be_visible()
    check_a11y(page)

    # The to-do: the coordinator takes it on.
    card.get_by_role("link", name=MACHINE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MACHINE)
    check_a11y(page)
    field(page, nl("Status")).select_option(label=nl("In progress"))
    page.get_by_role("button", name=nl("Save status"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(nl("The status has been changed."))
    check_a11y(page)
    assert TrainingNeed.objects.get().status == NeedStatus.IN_PROGRESS


def test_the_other_pages_of_schools_and_labs_are_accessible(
    page: Page, check_a11y, log_in, settings
):
    """Not part of the journey: every other page of the capability, each checked with axe."""
    settings.MFA_REQUIRED_FOR_STAFF = False
    school, laser, contact, coordinator = _world()
    from samenleren.activities.models import Activity
    from samenleren.schools.tests.factories import IntakeFactory, TrainingNeedFactory

    intake = IntakeFactory(organisation=school, aim=AIM, equipment=laser, created_by=contact)
    need = TrainingNeedFactory(equipment=laser)
    workshop = Activity.objects.get()
    other = OrganisationFactory(region=school.region, name="Vmbo De Mijnzetel", city="Heerlen")
    EquipmentFactory(lab=LabFactory(organisation=other, name="TechLab De Mijnzetel"))

    log_in(page, coordinator.email)
    pages = [
        "/scholen/labs/?soort=laser_cutter",
        "/scholen/labs/?soort=robot_arm",
        f"/scholen/techlab-tour/?labs={laser.lab_id}&labs={other.labs.get().pk}"
        "&datum=2026-03-04&start=09:00&minuten=45",
        "/scholen/techlab-tour/?labs=&datum=2026-03-04&start=09:00&minuten=45",
        f"/scholen/organisaties/{school.pk}/bezoeken/",
        "/scholen/regio/schoolvragen/",
        f"/scholen/schoolvraag/{intake.pk}/",
        f"/scholen/schoolvraag/{intake.pk}/antwoorden/",
        "/scholen/regio/opleidingsvragen/",
        f"/scholen/opleidingsvragen/{need.pk}/",
        f"/scholen/activiteiten/{workshop.pk}/apparatuur/",
        f"/scholen/organisaties/{school.pk}/gegevens/",
        f"/scholen/labs/{laser.lab_id}/apparatuur/nieuw/",
        f"/scholen/apparatuur/{laser.pk}/bewerken/",
    ]
    for url in pages:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_a11y(page)
    page.goto(f"/scholen/organisaties/{school.pk}/bezoeken/")
    page.get_by_role("button", name=nl("Save visit"), exact=True).click()
    expect(page.locator(".errorlist").first).to_be_visible()
    check_a11y(page)
