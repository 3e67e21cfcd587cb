import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from samenleren.accounts.models import User
from samenleren.network.importing import import_start
from samenleren.network.models import Affiliation, ImportJob, ImportStatus, Organisation
from samenleren.network.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    SubregionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS_CSV = (
    "naam;soort;brin;postcode;plaats;subregio;bestuur;breedtegraad;lengtegraad;profielen\n"
    "Vmbo De Maas;vmbo;21AB;6211ab;Maastricht;Maastricht-Heuvelland;Stichting Maas;50,85;5,69;"
    "PIE, BWI\n"
    "Basisschool Het Anker;po;;6411 CD;Heerlen;;;50.88;5.98;\n"
)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def region():
    region = RegionFactory()
    SubregionFactory(region=region, name="Maastricht-Heuvelland")
    return region


def test_valid_organisations_csv_creates_all_rows(region):
    outcome = import_start(
        actor=coordinator_of(region),
        region=region,
        kind="organisations",
        filename="scholen.csv",
        data=ORGANISATIONS_CSV.encode(),
    )

    assert (outcome.created, outcome.updated, outcome.problems) == (2, 0, None)
    school = Organisation.objects.get(brin="21AB")
    assert (school.kind, school.postcode, school.subregion.name, school.board.name) == (
        "vo",
        "6211 AB",
        "Maastricht-Heuvelland",
        "Stichting Maas",
    )
    assert sorted(p.code for p in school.profiles.all()) == ["BWI", "PIE"]


def test_importing_the_same_file_twice_updates_instead_of_duplicating(region):
    coordinator = coordinator_of(region)
    for _round in range(2):
        outcome = import_start(
            actor=coordinator,
            region=region,
            kind="organisations",
            filename="scholen.csv",
            data=ORGANISATIONS_CSV.encode(),
        )

    assert (outcome.created, outcome.updated) == (0, 2)
    assert Organisation.objects.filter(region=region).count() == 2


def test_broken_rows_are_reported_by_row_and_column_and_nothing_is_written(region):
    data = (
        b"naam,soort,brin,postcode,breedtegraad,lengtegraad\n"
        b"Goede school,vo,21AB,6211 AB,50.85,5.69\n"
        b"Slechte school,kasteel,2X1,12345,50.85,\n"
        b",po,,,40.0,5.0\n"
    )

    outcome = import_start(
        actor=coordinator_of(region),
        region=region,
        kind="organisations",
        filename="scholen.csv",
        data=data,
    )

    assert [(p.row, p.column) for p in outcome.problems] == [
        (3, "kind"),
        (3, "brin"),
        (3, "postcode"),
        (3, "latitude"),
        (4, "name"),
        (4, "latitude"),
    ]
    assert Organisation.objects.count() == 0


def test_people_xlsx_creates_people_with_affiliations(region):
    school = OrganisationFactory(region=region, brin="30XY", name="Vmbo Parkstad")
    data = xlsx_bytes(
        [
            ["E-mail", "Voornaam", "Achternaam", "Organisatie", "Functie", "Profielen"],
            ["Anna.Jansen@School.example", "Anna", "Jansen", "30XY", "docent", "PIE"],
            ["b.vd.berg@school.example", "Bram", "van den Berg", "Vmbo Parkstad", "toa", ""],
        ]
    )

    outcome = import_start(
        actor=coordinator_of(region),
        region=region,
        kind="people",
        filename="mensen.xlsx",
        data=data,
    )

    assert (outcome.created, outcome.problems) == (2, None)
    anna = User.objects.get(email="anna.jansen@school.example")
    affiliation = Affiliation.objects.get(person=anna)
    assert (affiliation.organisation, affiliation.function) == (school, "teacher")
    assert [p.code for p in affiliation.profiles.all()] == ["PIE"]


def test_people_with_unknown_school_and_duplicate_email_are_refused(region):
    OrganisationFactory(region=region, brin="30XY")
    data = (
        b"email,first name,last name,organisation,function\n"
        b"a@school.example,Anna,Jansen,30XY,teacher\n"
        b"a@school.example,Anna,Jansen,99ZZ,astronaut\n"
    )

    outcome = import_start(
        actor=coordinator_of(region), region=region, kind="people", filename="mensen.csv", data=data
    )

    assert [(p.row, p.column) for p in outcome.problems] == [
        (3, "email"),
        (3, "organisation"),
        (3, "function"),
    ]
    assert User.objects.filter(email="a@school.example").count() == 0


@pytest.mark.parametrize(
    ("filename", "data", "message_part"),
    [
        ("scholen.pdf", b"%PDF-1.4", ".csv"),
        ("scholen.csv", b"", "empty"),
        ("scholen.csv", b"naam\nSchool\n", "kind"),
        ("scholen.xlsx", b"not a zip", "XLSX"),
        ("scholen.csv", b"naam,soort\n", "no rows"),
    ],
)
def test_unusable_files_are_refused_as_a_whole(region, filename, data, message_part):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        import_start(
            actor=coordinator_of(region),
            region=region,
            kind="organisations",
            filename=filename,
            data=data,
        )

    assert message_part in error.value.messages[0]
    assert Organisation.objects.count() == 0


def test_large_import_runs_as_a_background_job_and_finishes(
    region, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_MAX_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_start(
            actor=coordinator_of(region),
            region=region,
            kind="organisations",
            filename="scholen.csv",
            data=ORGANISATIONS_CSV.encode(),
        )

    job = ImportJob.objects.get(pk=outcome.job.pk)
    assert (job.status, job.total, job.processed, job.created_count, job.rows) == (
        ImportStatus.DONE,
        2,
        2,
        2,
        [],
    )
    assert Organisation.objects.count() == 2


def test_background_job_with_a_bad_row_fails_and_writes_nothing(
    region, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_MAX_ROWS = 1
    data = ORGANISATIONS_CSV + "Kapotte school;kasteel;;;;;;;;\n"
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_start(
            actor=coordinator_of(region),
            region=region,
            kind="organisations",
            filename="scholen.csv",
            data=data.encode(),
        )

    job = ImportJob.objects.get(pk=outcome.job.pk)
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "kind")]
    assert Organisation.objects.count() == 0


def test_import_page_shows_the_problems_table(client, region, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator_of(region))
    upload = SimpleUploadedFile("scholen.csv", b"naam,soort\nSchool,kasteel\n")

    response = client.post(
        reverse("network:import_upload"), {"kind": "organisations", "file": upload}
    )

    assert response.status_code == 200
    assert response.context["problems"][0].as_dict()["column"] == "kind"
    assert b"import-problems" in response.content
