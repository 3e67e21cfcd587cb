"""Journey 6's export: on her phone a teacher opens Mijn ontwikkeling, sees her hours of this
school year against the budget of her collective agreement, and exports the PDF overview for her
bekwaamheidsdossier and all her data as JSON."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.services.certificates import certificates_issue
from samenleren.insights.selectors import contracts
from samenleren.insights.tests.factories import participants, past_activity
from samenleren.network.models import Function
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.e2e.ui import nl


def test_a_teacher_exports_her_development(page: Page, check_a11y, log_in, monkeypatch):
    monkeypatch.setattr(contracts, "contract", lambda app, name: None)
    region = RegionFactory(name="Zuid-Limburg")
    school = OrganisationFactory(region=region, name="Grotius College")
    teacher = UserFactory(email="fleur@grotius.example", first_name="Fleur", last_name="Hendriks")
    AffiliationFactory(person=teacher, organisation=school, function=Function.TEACHER)
    training = past_activity(region=region, title="Lasersnijden voor beginners", hours="6")
    registration = participants(activity=training, organisation=school, count=1, present=1)[0]
    registration.person = teacher
    registration.save(update_fields=["person"])
    certificates_issue(activity=training)

    log_in(page, "fleur@grotius.example")
    page.goto("/inzicht/mijn-ontwikkeling/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My development"))
    expect(
        page.get_by_text(nl("%(total)s of %(budget)s hours") % {"total": "6", "budget": "83"})
    ).to_be_visible()
    expect(page.get_by_role("link", name="Lasersnijden voor beginners")).to_be_visible()
    check_a11y(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=nl("Overview for your bekwaamheidsdossier (PDF)")).click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as json_download:
        page.get_by_role("link", name=nl("All your data (JSON)")).click()
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == "fleur@grotius.example"
    assert float(data["hours_this_school_year"]["total"]) == 6.0
    assert [c["activity_title"] for c in data["certificates"]] == ["Lasersnijden voor beginners"]
