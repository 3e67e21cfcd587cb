import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from samenleren.accounts.tests.factories import UserFactory
from samenleren.demand.models import ExternalCourse
from samenleren.demand.services.catalogue import campaign_save, course_save, courses_import
from samenleren.network.tests.factories import RegionFactory

from .factories import CampaignFactory, ExternalCourseFactory, PledgeFactory

pytestmark = pytest.mark.django_db

HEADER = "titel;aanbieder;profielen;dagen;uren;locatie;breedtegraad;lengtegraad;prijs;minimum;tweede groep;apparatuur;url"
GOOD = (
    "CNC-frezen;Vakwerk Bijscholing;PIE, BWI;2;12;Utrecht;52,09083;5,12222;495;8;16;cnc_mill;"
    "https://bijscholing.example/cnc\n"
    "Lasersnijden;Maakonderwijs Academie;PIE;1;6;Amersfoort;52.15611;5.38750;€ 275,00;10;;"
    "Lasersnijder, 3d_printer;"
)


def upload(text: str, region=None, name="cursussen.csv"):
    return courses_import(
        actor=UserFactory(), region=region or RegionFactory(), name=name, data=text.encode()
    )


def test_a_good_file_imports_every_course_with_its_profiles_and_equipment():
    region = RegionFactory()

    result = upload(f"{HEADER}\n{GOOD}\n", region)

    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    cnc = ExternalCourse.objects.get(region=region, title="CNC-frezen")
    assert (cnc.days, cnc.hours, cnc.latitude, cnc.price, cnc.min_participants) == (
        2,
        Decimal("12.0"),
        Decimal("52.09083"),
        Decimal("495.00"),
        8,
    )
    assert sorted(cnc.profiles.values_list("code", flat=True)) == ["BWI", "PIE"]
    laser = ExternalCourse.objects.get(region=region, title="Lasersnijden")
    assert (laser.equipment, laser.price, laser.second_group_at) == (
        ["laser_cutter", "3d_printer"],
        Decimal("275.00"),
        None,
    )


def test_importing_again_updates_by_title_and_provider():
    region = RegionFactory()
    upload(f"{HEADER}\n{GOOD}\n", region)

    result = upload(f"{HEADER}\n{GOOD.replace(';8;16;', ';9;16;')}\n", region)

    assert (result.created, result.updated) == (0, 2)
    assert ExternalCourse.objects.get(title="CNC-frezen").min_participants == 9


def test_wrong_columns_are_reported_and_nothing_is_written():
    result = upload("naam;leverancier;plaats\nCNC;X;Utrecht\n")

    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (1, "provider", "The column “provider” is missing."),
        (1, "latitude", "The column “latitude” is missing."),
        (1, "longitude", "The column “longitude” is missing."),
        (1, "min_participants", "The column “min_participants” is missing."),
        (1, "leverancier", "Unknown column “leverancier”. Rename or remove it."),
    ]
    assert ExternalCourse.objects.count() == 0


def test_every_bad_row_and_column_is_reported_and_nothing_is_written():
    rows = (
        f"{HEADER}\n{GOOD}\n"
        "Lassen;Vakwerk;PIE;twee;6;Luik;50.63;5.57;100;8;;lasrobot;geen-url\n"
        ";Vakwerk;XYZ;1;6;Utrecht;52.09;5.12;100;acht;4;;\n"
    )

    result = upload(rows)

    assert [(p.row, p.column) for p in result.problems] == [
        (4, "latitude"),
        (4, "days"),
        (4, "equipment"),
        (4, "url"),
        (5, "title"),
        (5, "min_participants"),
        (5, "profiles"),
    ]
    outside = result.problems[0].message
    assert outside == (
        "The coordinates 50.63, 5.57 lie outside the Netherlands. Check that latitude and "
        "longitude are not swapped."
    )
    assert result.problems[1].message == "“twee” is not a whole number."
    assert ExternalCourse.objects.count() == 0


def test_swapped_coordinates_are_outside_the_netherlands():
    result = upload(f"{HEADER}\nCNC;Vakwerk;PIE;1;6;Utrecht;5.12222;52.09083;0;8;;;\n")

    assert [(p.row, p.column) for p in result.problems] == [(2, "latitude")]


def test_an_xlsx_file_imports_too():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Titel", "Aanbieder", "Locatie", "Breedtegraad", "Lengtegraad", "Minimum"])
    sheet.append(["Robotica", "Maakonderwijs", "Utrecht", 52.09083, 5.12222, 10])
    data = io.BytesIO()
    workbook.save(data)

    result = courses_import(
        actor=UserFactory(), region=RegionFactory(), name="cursussen.xlsx", data=data.getvalue()
    )

    assert (result.ok, result.created) == (True, 1)
    assert ExternalCourse.objects.get().location_name == "Utrecht"


def test_a_course_typed_in_outside_the_netherlands_is_refused():
    course = ExternalCourseFactory.build(region=RegionFactory(), latitude=Decimal("48.85"))

    with pytest.raises(ValidationError) as error:
        course_save(actor=UserFactory(), course=course, profiles=[])

    assert error.value.message_dict == {
        "latitude": ["These coordinates lie outside the Netherlands."]
    }
    assert ExternalCourse.objects.count() == 0


def test_a_campaign_keeps_courses_with_pledges():
    campaign = CampaignFactory()
    kept, other = ExternalCourseFactory.create_batch(2, region=campaign.region)
    campaign_save(actor=UserFactory(), campaign=campaign, courses=[kept, other])
    PledgeFactory(campaign_course=campaign.campaign_courses.get(course=other))

    with pytest.raises(ValidationError) as error:
        campaign_save(actor=UserFactory(), campaign=campaign, courses=[kept])

    assert error.value.message_dict == {
        "courses": ["A course that already has pledges cannot be taken out of the campaign."]
    }
    assert campaign.campaign_courses.count() == 2


def test_a_campaign_takes_only_courses_of_its_region():
    campaign = CampaignFactory()

    with pytest.raises(ValidationError):
        campaign_save(actor=UserFactory(), campaign=campaign, courses=[ExternalCourseFactory()])
