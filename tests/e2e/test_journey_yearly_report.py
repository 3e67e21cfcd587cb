"""Journey 7: the coordinators prepare the yearly report for the funder in minutes. A coordinator
opens the dashboard, narrows the filters, reads charts and tables, writes the report text, builds
the yearly report and downloads the PDF and the Excel file, which open. The dashboard shows the
figures of every capability: e-learning hours, pledges, open questions, school intakes."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from samenleren.community.tests.factories import QuestionFactory
from samenleren.demand.tests.factories import CampaignCourseFactory, PledgeFactory
from samenleren.insights.tests.factories import participants, past_activity
from samenleren.learning.tests.factories import ModuleFactory, completed
from samenleren.network.models import OrganisationKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    OrganisationFactory,
    RegionFactory,
    SubregionFactory,
    coordinator_of,
)
from samenleren.schools.tests.factories import IntakeFactory
from tests.e2e.conftest import DESKTOP
from tests.e2e.ui import field, nl


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_a_coordinator_builds_the_yearly_report(page: Page, check_a11y, log_in, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    parkstad = SubregionFactory(region=region, name="Parkstad")
    SubregionFactory(region=region, name="Westelijke Mijnstreek")
    grotius = OrganisationFactory(
        region=region,
        name="Grotius College",
        subregion=parkstad,
        staff_count=140,
        kind=OrganisationKind.VO,
    )
    other = OrganisationFactory(region=region, name="Sintermeertencollege", subregion=parkstad)
    training = past_activity(region=region, title="Omgaan met korte lontjes")
    participants(activity=training, organisation=grotius, count=12, present=10)
    participants(activity=training, organisation=other, count=7, present=7)
    # learning: five Grotius teachers completed a two-hour module
    module = ModuleFactory(region=region, title="Domotica in de klas", study_hours=Decimal("2"))
    for _n in range(5):
        completed(AffiliationFactory(organisation=grotius).person, module)
    # demand: three colleagues pledged for a course in a campaign of the region
    course = CampaignCourseFactory(campaign__region=region)
    PledgeFactory.create_batch(3, campaign_course=course, organisation=grotius)
    # community: two open questions on the board; schools: one intake, a machine at risk
    QuestionFactory.create_batch(2, region=region, organisation=grotius)
    IntakeFactory(organisation=grotius)
    EquipmentFactory(lab__organisation=other)
    coordinator_of(region, email="linda@zuid-limburg.example", first_name="Linda")

    log_in(page, "linda@zuid-limburg.example")
    page.goto("/inzicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Insights %(region)s") % {"region": "Zuid-Limburg"}
    )
    expect(page.locator("svg.chart").first).to_be_visible()

    def figures(title: str, row: str):
        table = page.get_by_role("table", name=nl(title))
        return table.get_by_role("row", name=nl(row)).get_by_role("cell")

    expect(
        figures("Hours of professional development delivered", "E-learning (modules completed)")
    ).to_have_text(["5", "10"])
    expect(figures("Demand and supply", "Pledges for courses")).to_have_text(["3"])
    expect(figures("Open questions and how long they wait", "Less than 2 weeks")).to_have_text(
        ["2"]
    )
    expect(figures("School intakes by status", "Total")).to_have_text(["1"])
    expect(
        page.get_by_role("table", name=nl("Equipment at risk")).get_by_role(
            "row", name="Sintermeertencollege"
        )
    ).to_contain_text(nl("Nobody at the school has said they can use it."))
    check_a11y(page)

    field(page, nl("Subregion")).select_option(label="Parkstad")
    page.get_by_role("button", name=nl("Show"), exact=True).click()
    table = page.get_by_role("table", name=nl("Reach per school and organisation"))
    expect(table.get_by_role("row", name="Grotius College")).to_contain_text("12")
    check_a11y(page)

    page.get_by_role("link", name=nl("Yearly report"), exact=True).click()
    field(page, nl("text for the report").capitalize()).fill(
        "Dit jaar vonden de scholen in Parkstad elkaar rond omgaan met korte lontjes."
    )
    page.get_by_role("button", name=nl("Save the text")).click()
    expect(page.get_by_text(nl("The text of the yearly report is saved."))).to_be_visible()
    check_a11y(page)

    page.get_by_role("button", name=nl("Build the yearly report (PDF and Excel)")).click()
    expect(page.get_by_text(nl("The yearly report is ready."))).to_be_visible()
    check_a11y(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=nl("Download PDF")).click()
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"Zuid-Limburg" in pdf
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name=nl("Download Excel")).click()
    workbook = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    with translation.override("nl"):
        assert workbook.sheetnames[0] == translation.pgettext("yearly report", "Introduction")
    reach = workbook[workbook.sheetnames[2]]
    assert [row[:2] for row in reach.iter_rows(min_row=2, values_only=True)][:2] == [
        ("Grotius College", 12),
        ("Sintermeertencollege", 7),
    ]
