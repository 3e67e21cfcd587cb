"""Issue 6, one click further: a question on the board becomes a school question or an
interest campaign.

The coordinator (at her desk) reads a teacher's question about the laser cutter, turns it into
a draft school question for the teacher's school and confirms; the school contact gets a mail
and completes it. A second question, about a CNC course, becomes an interest campaign with a
course from the catalogue. Both questions are then marked as taken further.
"""

import re

from django.core import mail
from django.utils.text import capfirst
from playwright.sync_api import Page, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.community.models import QuestionStatus
from samenleren.community.tests.factories import QuestionFactory
from samenleren.demand.models import Campaign
from samenleren.demand.tests.factories import ExternalCourseFactory
from samenleren.network.models import Function, Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)
from samenleren.schools.models import Intake, IntakeStatus
from tests.e2e.conftest import DESKTOP
from tests.e2e.ui import field, nl

LASER = "Wie kan onze collega's leren werken met de lasersnijder? Nu kan alleen onze TOA het."
CNC = "Zijn er meer scholen die een cursus CNC-frezen voor docenten willen? Dan kan het dichtbij."


def test_a_question_becomes_a_school_question_and_another_an_interest_campaign(
    page: Page, check_a11y, log_in, last_mail_link, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    page.set_viewport_size(DESKTOP)
    region = RegionFactory(name="Zuid-Limburg")
    school = OrganisationFactory(region=region, name="Maasoever Vakcollege", city="Maastricht")
    contact = UserFactory(email="contact@maasoever.example", first_name="Marieke")
    AffiliationFactory(person=contact, organisation=school, function=Function.TEAM_LEADER)
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=school)
    teacher = AffiliationFactory(organisation=school).person
    coordinator = coordinator_of(region, email="linda@zuid-limburg.example", first_name="Linda")
    laser = QuestionFactory(region=region, organisation=school, author=teacher, text=LASER)
    cnc = QuestionFactory(region=region, organisation=school, author=teacher, text=CNC)
    ExternalCourseFactory(region=region, title="CNC-frezen voor docenten")

    log_in(page, coordinator.email)
    page.goto(laser.get_absolute_url())
    check_a11y(page)
    page.get_by_role("link", name=nl("School question (draft)"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Make a school question from a question")
    )
    check_a11y(page)
    expect(field(page, nl("For which school"))).to_have_value(str(school.pk))
    page.get_by_role("button", name=nl("Make a draft school question"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"{laser.get_absolute_url()}$"))
    expect(page.locator(".messages, .alert").first).to_be_visible()
    check_a11y(page)
    intake = Intake.objects.get()
    assert (intake.status, intake.aim) == (IntakeStatus.DRAFT, LASER)

    page.goto(cnc.get_absolute_url())
    page.get_by_role("link", name=nl("Interest campaign"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Make an interest campaign from a question")
    )
    check_a11y(page)
    field(page, capfirst(nl("for whom"))).fill("Docenten en TOA's PIE")
    page.get_by_label("CNC-frezen voor docenten").check()
    page.get_by_role("button", name=nl("Make the campaign"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page)
    campaign = Campaign.objects.get()
    assert campaign.description == CNC

    for question in (laser, cnc):
        question.refresh_from_db()
        assert question.status == QuestionStatus.CONVERTED

    # The school contact follows the link in her mail and carries on with the draft.
    assert [m.to for m in mail.outbox if "Maasoever" in m.subject] == [[contact.email]]
    link = last_mail_link(r"/scholen/schoolvraag/\d+/samenvatting/")  # the path: SITE_URL differs
    page.context.clear_cookies()
    log_in(page, contact.email)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page)
