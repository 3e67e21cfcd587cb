import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samenleren.activities.services.certificates import certificates_issue
from samenleren.core.models import AuditEntry
from samenleren.insights.exports import _xlsx_value
from samenleren.insights.models import ReportRun, ReportText, RunStatus
from samenleren.insights.selectors.period import ReportFilter
from samenleren.network.models import Function, OrganisationKind, Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)

from .factories import participants, past_activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False


@pytest.fixture
def world():
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    college = OrganisationFactory(region=region, name="Grotius College", staff_count=80)
    other = OrganisationFactory(region=region, name='=HYPERLINK("x")')
    training = past_activity(region=region, title="Omgaan met korte lontjes")
    named = participants(
        activity=training,
        organisation=college,
        count=3,
        present=3,
        show_name_to_school=True,
        first_name="Fleur",
    )
    participants(activity=training, organisation=college, count=6, present=4, first_name="Geheim")
    participants(activity=training, organisation=other, count=7, present=7)
    return {
        "region": region,
        "college": college,
        "training": training,
        "named": named,
        "coordinator": coordinator_of(region),
        "contact": RoleAssignmentFactory(organisation=college).person,
    }


def test_the_dashboard_shows_charts_and_tables_with_hidden_small_groups(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("insights:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="chart"' in html
    assert '<caption id="caption-reach_organisation">' in html
    assert 'scope="col"' in html
    assert "Grotius College" in html
    assert "style=" not in html


def test_a_bad_period_shows_the_error_and_the_default_figures(client, world):
    client.force_login(world["coordinator"])
    response = client.get(
        reverse("insights:dashboard"), {"start": "2026-05-01", "end": "2026-01-01"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["end"]
    assert response.context["filter"] == ReportFilter.school_year(region=world["region"])


def test_the_csv_export_is_excel_ready_safe_and_logged(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("insights:export", args=["reach_organisation", "csv"]))

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].split(";")[:3] == ["Organisatie", "Mensen", "Aanmeldingen"]
    assert lines[1].startswith('"\'=HYPERLINK(""x"")";7;')
    assert "Grotius College;9;" in text
    entry = AuditEntry.objects.get(action="insights.export")
    assert (entry.actor, entry.target) == (world["coordinator"], "reach_organisation.csv")


def test_the_xlsx_export_holds_the_same_cells(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("insights:export", args=["reach_organisation", "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Organisatie", "Mensen")
    assert rows[2][:3] == ("Grotius College", 9, 9)
    assert AuditEntry.objects.filter(action="insights.export").count() == 1


def test_an_unknown_table_or_format_is_not_found(client, world):
    client.force_login(world["coordinator"])

    assert client.get(reverse("insights:export", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("insights:export", args=["hours", "exe"])).status_code == 404


def test_the_coordinator_writes_the_text_and_builds_the_report(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["coordinator"])
    url = reverse("insights:report")
    client.post(url, {"regio": "zuid-limburg", "action": "text", "text": "Een mooi jaar."})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"regio": "zuid-limburg", "action": "build"})

    run = ReportRun.objects.get()
    assert response.url == reverse("insights:report_run", args=[run.pk])
    assert (run.status, run.progress) == (RunStatus.DONE, 100)
    assert ReportText.objects.get().text == "Een mooi jaar."
    pdf = client.get(reverse("insights:report_download", args=[run.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("insights:report_download", args=[run.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames[0] == "Inleiding"
    assert (
        workbook["Inleiding"]["A1"].value
        == f"Jaarverslag Zuid-Limburg {run.start.year}/{run.start.year + 1}"
    )
    assert AuditEntry.objects.filter(action="insights.export").count() == 2


def test_the_report_shows_the_same_figures_as_the_dashboard(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("insights:report"), {"regio": "zuid-limburg", "action": "build"})
    run = ReportRun.objects.get()
    xlsx = client.get(reverse("insights:report_download", args=[run.pk, "xlsx"]))
    sheets = load_workbook(io.BytesIO(xlsx.content)).worksheets[1:]  # after the introduction
    dashboard = client.get(reverse("insights:dashboard"))

    tables = dashboard.context["tables"]
    assert len(sheets) == len(tables)
    for table, sheet in zip(tables, sheets, strict=True):
        on_screen = [[_xlsx_value(cell) for cell in cells] for cells in table.display_rows]
        if table.display_total:
            on_screen.append([_xlsx_value(cell) for cell in table.display_total])
        in_file = [
            list(row)
            for row in sheet.iter_rows(min_row=2, max_row=1 + len(on_screen), values_only=True)
        ]
        assert in_file == [[None if v == "" else v for v in row] for row in on_screen]


def test_a_steering_group_member_reads_but_does_not_write(client, world):
    steering = RoleAssignmentFactory(
        role=Role.STEERING, organisation=None, region=world["region"]
    ).person
    client.force_login(steering)

    assert client.get(reverse("insights:dashboard")).status_code == 200
    page = client.get(reverse("insights:report"))
    assert page.context["can_edit"] is False
    refused = client.post(reverse("insights:report"), {"action": "build"})
    assert refused.status_code == 403
    assert ReportRun.objects.count() == 0


def test_the_school_contact_sees_names_only_of_those_who_agreed(client, world):
    client.force_login(world["contact"])
    response = client.get(reverse("insights:school", args=[world["college"].pk]))

    html = response.content.decode()
    named = [r.person.full_name for r in response.context["named"].object_list]
    assert sorted(named) == sorted(r.person.full_name for r in world["named"])
    assert "Geheim" not in html
    assert "=HYPERLINK" not in html
    tables = {t.key: t for t in response.context["tables"]}
    assert tables["school_activities"].value("Omgaan met korte lontjes", "people") == 9


def test_the_school_contact_cannot_open_another_school(client, world):
    client.force_login(world["contact"])
    other = OrganisationFactory(region=world["region"])

    assert client.get(reverse("insights:school", args=[other.pk])).status_code == 403


def test_my_development_shows_hours_against_the_budget_and_exports(client, world):
    teacher = world["named"][0].person
    AffiliationFactory(person=teacher, organisation=world["college"], function=Function.TEACHER)
    certificates_issue(activity=world["training"])
    client.force_login(teacher)

    page = client.get(reverse("insights:development"))
    hours = page.context["development"].hours
    assert (hours.activities, hours.budget.hours, hours.percent) == (Decimal("3"), Decimal("83"), 4)
    pdf = client.get(reverse("insights:development_pdf"))
    assert pdf.content.startswith(b"%PDF")
    data = json.loads(client.get(reverse("insights:development_json")).content)
    assert data["profile"]["email"] == teacher.email
    assert [r["activity"] for r in data["registrations"]] == ["Omgaan met korte lontjes"]
    assert data["certificates"][0]["hours"] == "3"
    assert data["hours_this_school_year"]["budget"] == "83"
    assert sorted(
        AuditEntry.objects.filter(action="insights.export").values_list("target", flat=True)
    ) == ["my_development.pdf", "personal_data.json"]


def test_the_budget_follows_level_and_function_and_the_setting(client, settings):
    support = AffiliationFactory(function=Function.TOA).person
    po = AffiliationFactory(organisation__kind=OrganisationKind.PO).person
    client.force_login(support)
    assert (
        client.get(reverse("insights:development")).context["development"].hours.budget.hours == 40
    )
    settings.PROFESSIONALISATION_BUDGETS = {"po": {"teacher": 70, "support": 30}}
    client.force_login(po)
    assert (
        client.get(reverse("insights:development")).context["development"].hours.budget.hours == 70
    )


def test_the_home_section_shows_the_hours_bar(rf, world):
    from django.template.loader import render_to_string

    from samenleren.insights.home import sections

    teacher = world["named"][0].person
    AffiliationFactory(person=teacher, organisation=world["college"])
    request = rf.get("/")
    request.user = teacher
    section = sections(request)[0]

    html = render_to_string(section.template, {"data": section.context}, request=request)
    assert 'class="hours-bar"' in html
    assert section.context["hours"].total == Decimal("3")
