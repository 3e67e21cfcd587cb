"""Journey 2: an interest campaign that tips into a regional course.

The coordinator imports seven technical courses and launches a campaign for Zuid-Limburg.
Seven teachers have pledged interest in the CNC course (minimum 8) through the service the form
calls; the eighth pledges on her phone through the form, and the course tips: everyone is told
exactly once. The coordinator opens a date poll (a date in the Christmas holiday is refused),
the pledgers answer, and the coordinator turns the course into a calendar activity at the
school with a CNC machine. The pledgers are offered a place first, in the order they pledged,
and the campaign page shows the travel hours saved.
"""

import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.text import capfirst
from playwright.sync_api import Browser, Page, Route, expect

from samenleren.activities.models import Registration, RegistrationStatus
from samenleren.demand.models import CampaignCourse, DatePoll, Pledge
from samenleren.demand.selectors import campaign_progress, campaign_totals
from samenleren.demand.services.pledges import pledge_create
from samenleren.demand.services.polls import poll_answer
from samenleren.demand.tests.factories import SchoolHolidayFactory
from samenleren.network.models import EquipmentKind, OrganisationKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    OrganisationFactory,
    RegionFactory,
    SubregionFactory,
    coordinator_of,
)
from tests.e2e.conftest import DESKTOP, PHONE, TIMEOUT_MS
from tests.e2e.ui import PASSWORD, field, nl, nl_plural

CNC = "CNC-frezen: van tekening tot werkstuk"
COURSES_CSV = """titel;aanbieder;profielen;dagen;uren;locatie;breedtegraad;lengtegraad;prijs;minimum;tweede groep;apparatuur
CNC-frezen: van tekening tot werkstuk;Vakwerk Bijscholing;PIE, BWI;1;6;Utrecht;52,09083;5,12222;495;8;16;cnc_mill
Lasersnijden en 3D-printen;Maakonderwijs Academie;PIE, MVI;1;6;Amersfoort;52,15611;5,38750;275;10;20;laser_cutter, 3d_printer
Domotica en slimme installaties;Installatietechniek Bijscholing NL;PIE;2;12;Nieuwegein;52,02917;5,08056;520;10;;home_automation
Warmtepompen installeren;Installatietechniek Bijscholing NL;PIE;2;14;Zwolle;52,51250;6,09444;610;12;24;heat_pump
Robotica in de les;Maakonderwijs Academie;PIE, MVI;1;6;Utrecht;52,09083;5,12222;295;10;;robot_arm
Lastechnieken MIG/MAG;Vakwerk Bijscholing;PIE, M&T;3;18;Nieuwegein;52,02917;5,08056;690;8;;welder
Elektronica en solderen;Techniekdocent Plus;PIE, MVI;1;6;Amersfoort;52,15611;5,38750;245;10;;electronics
"""
SCHOOLS = [
    # name, town, latitude, longitude, subregion
    ("Vmbo De Mijnzetel", "Heerlen", "50.89138", "5.98562", "Parkstad"),
    ("Wormdal College", "Kerkrade", "50.86745", "6.05873", "Parkstad"),
    ("Brunssummerheide College", "Brunssum", "50.94312", "5.97285", "Parkstad"),
    ("Maasoever Vakcollege", "Maastricht", "50.85312", "5.66845", "Maastricht-Heuvelland"),
    ("Rosveld Vakcollege", "Sittard", "51.00254", "5.87521", "Westelijke Mijnstreek"),
]


def second_phone(browser: Browser, live_server, refused: list[str]) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)

    def only_live_server(route: Route) -> None:
        if route.request.url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_live_server)
    return context.new_page()


def log_in_as(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    field(page, nl("Email")).fill(email)
    field(page, nl("Password")).fill(PASSWORD)
    page.get_by_role("button", name=nl("Sign In"), exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def next_wednesday(after) -> object:
    return after + timedelta(days=(2 - after.weekday()) % 7 or 7)


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_interest_tips_into_a_regional_course_with_the_pledgers_first(
    page: Page, browser: Browser, live_server, check_a11y, log_in, settings, tmp_path
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    subregions = {
        name: SubregionFactory(region=region, name=name)
        for name in ("Parkstad", "Maastricht-Heuvelland", "Westelijke Mijnstreek")
    }
    schools = {
        name: OrganisationFactory(
            region=region,
            name=name,
            city=town,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            subregion=subregions[sub],
            kind=OrganisationKind.VO,
        )
        for name, town, lat, lon, sub in SCHOOLS
    }
    mijnzetel = schools["Vmbo De Mijnzetel"]
    EquipmentFactory(lab__organisation=mijnzetel, kind=EquipmentKind.CNC_MILL)
    coordinator = coordinator_of(region, email="linda@zuid-limburg.example", first_name="Linda")
    teachers = []
    for index in range(8):
        school = list(schools.values())[index % len(schools)]
        teachers.append(
            AffiliationFactory(
                organisation=school,
                person__email=f"docent{index}@school.example",
                person__first_name=f"Docent{index}",
            )
        )
    today = timezone.localdate()
    christmas = today + timedelta(days=30)
    SchoolHolidayFactory(
        region=region,
        name="Kerstvakantie",
        starts_on=christmas,
        ends_on=christmas + timedelta(days=13),
    )

    # 1. The coordinator imports the catalogue and launches the campaign.
    log_in(page, coordinator.email)
    page.goto("/peilingen/beheer/catalogus/importeren/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Import courses"))
    check_a11y(page)
    csv_file = tmp_path / "cursussen.csv"
    csv_file.write_text(COURSES_CSV, encoding="utf-8")
    field(page, nl("CSV or XLSX file")).set_input_files(str(csv_file))
    page.get_by_role("button", name=nl("Import"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Course catalogue"))
    expect(page.get_by_role("status")).to_contain_text("7")
    check_a11y(page)

    page.goto("/peilingen/beheer/vakanties/")
    expect(page.get_by_role("cell", name="Kerstvakantie", exact=True)).to_be_visible()
    check_a11y(page)
    page.goto("/peilingen/beheer/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("New campaign"))
    check_a11y(page)
    field(page, capfirst(nl("title"))).fill("Technische bijscholing in de regio")
    field(page, capfirst(nl("for whom"))).fill("Docenten en TOA's techniek")
    field(page, capfirst(nl("opens on"))).fill(today.isoformat())
    field(page, capfirst(nl("closes on"))).fill((today + timedelta(days=60)).isoformat())
    courses = page.get_by_role("group", name=nl("Courses"))
    for checkbox in courses.get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("button", name=nl("Save the campaign"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Technische bijscholing in de regio")
    check_a11y(page)
    cc = CampaignCourse.objects.get(course__title=CNC)
    assert cc.campaign.campaign_courses.count() == 7

    # 2. Seven teachers have pledged; the eighth pledges on her phone and the course tips.
    maasoever = schools["Maasoever Vakcollege"]
    for affiliation in teachers[:7]:
        pledge_create(
            campaign_course_id=cc.pk,
            person=affiliation.person,
            organisation=affiliation.organisation,
            # The teacher in Maastricht travels at most 10 minutes: Heerlen is too far for her.
            max_travel_minutes=10 if affiliation.organisation == maasoever else None,
        )
    assert mail.outbox == []
    last = teachers[7]
    phone_refused: list[str] = []
    phone = second_phone(browser, live_server, phone_refused)
    log_in_as(phone, last.person.email)
    phone.goto(f"/peilingen/{cc.campaign.pk}/")
    check_a11y(phone)
    phone.get_by_role("link", name=CNC, exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(CNC)
    check_a11y(phone)
    phone.get_by_label(nl("Wednesday"), exact=True).check()
    phone.get_by_role("button", name=nl("Count me in"), exact=True).click()
    expect(phone.get_by_role("status")).to_contain_text(
        nl("Thank you: your interest is counted. We will e-mail you when the course can run.")
    )
    check_a11y(phone)
    assert Pledge.objects.filter(campaign_course=cc, person=last.person).count() == 1
    cc.refresh_from_db()
    assert cc.tipped_at is not None
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([*(t.person.email for t in teachers), coordinator.email])

    # 3. The coordinator opens the date poll; a date in the Christmas holiday is refused.
    page.goto(f"/peilingen/beheer/cursus/{cc.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CNC)
    expect(page.get_by_role("row").filter(has_text=mijnzetel.name)).to_contain_text(
        nl_plural(
            "%(counter)s person finds this too far", "%(counter)s people find this too far", 1
        )
        % {"counter": 1}
    )
    check_a11y(page)
    # Three dates are suggested; the coordinator overwrites two and empties the third.
    for label in ("Date %(n)s", "From (date %(n)s)", "Until (date %(n)s)"):
        field(page, nl(label) % {"n": 3}).fill("")
    first_date = next_wednesday(today + timedelta(days=14))
    second_date = christmas + timedelta(days=1)
    deadline = datetime.combine(today + timedelta(days=7), time(17))
    field(page, nl("Answer before")).fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    for number, day in ((1, first_date), (2, second_date)):
        field(page, nl("Date %(n)s") % {"n": number}).fill(day.isoformat())
        field(page, nl("From (date %(n)s)") % {"n": number}).fill("13:00")
        field(page, nl("Until (date %(n)s)") % {"n": number}).fill("17:00")
    page.get_by_role("button", name=nl("Open the date poll"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Kerstvakantie")
    check_a11y(page)
    assert DatePoll.objects.count() == 0
    third_date = next_wednesday(christmas + timedelta(days=14))
    field(page, nl("Date %(n)s") % {"n": 2}).fill(third_date.isoformat())
    page.get_by_role("button", name=nl("Open the date poll"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        nl("The date poll is open. The pledgers get an e-mail.")
    )
    check_a11y(page)
    poll = DatePoll.objects.get()
    early, late = poll.options.order_by("date")

    # 4. The pledgers answer: most can come on the early date.
    phone.goto(f"/peilingen/cursus/{cc.pk}/")
    phone.locator(f'input[name="option-{early.pk}"][value="yes"]').check()
    phone.locator(f'input[name="option-{late.pk}"][value="maybe"]').check()
    phone.get_by_role("button", name=nl("Save my answers"), exact=True).click()
    expect(phone.get_by_role("status")).to_contain_text(
        nl("Thank you, your answers have been saved.")
    )
    check_a11y(phone)
    for index, affiliation in enumerate(teachers[:7]):
        poll_answer(
            poll=poll,
            person=affiliation.person,
            answers={early.pk: "yes" if index % 3 else "no", late.pk: "maybe"},
        )

    # 5. The coordinator turns the course into an activity at the school with the CNC machine.
    page.goto(f"/peilingen/beheer/cursus/{cc.pk}/")
    expect(field(page, nl("Venue"))).to_have_value(str(mijnzetel.pk))
    expect(field(page, nl("Date"))).to_have_value(early.date.isoformat())
    check_a11y(page)
    page.get_by_role(
        "button", name=nl("Make the activity and invite the pledgers"), exact=True
    ).click()
    expect(page.get_by_role("status")).to_contain_text(
        nl(
            "The activity is in the calendar. The pledgers have been offered a place first; "
            "registration opens to everyone after the claim window."
        )
    )
    check_a11y(page)
    cc.refresh_from_db()
    activity = cc.activity
    assert activity.sessions.get().venue == mijnzetel
    in_order = [
        p.person_id for p in Pledge.objects.filter(campaign_course=cc).order_by("created_at", "pk")
    ]
    offered = list(
        Registration.objects.filter(activity=activity)
        .order_by("pk")
        .values_list("person_id", "status")
    )
    assert offered == [(pk, RegistrationStatus.OFFERED) for pk in in_order]
    assert activity.registration_opens_at > timezone.now() + timedelta(hours=71)

    # 6. The pledger sees her offer; the campaign page shows the travel hours saved.
    phone.goto("/agenda/mijn/")
    check_a11y(phone)
    phone.goto("/peilingen/mijn/")
    expect(phone.get_by_role("link", name=CNC, exact=True)).to_be_visible()
    check_a11y(phone)
    page.goto("/peilingen/beheer/")
    check_a11y(page)
    progress = campaign_progress(campaign=cc.campaign)
    hours = campaign_totals(progress).travel_hours_saved
    assert hours > 0
    phone.goto(f"/peilingen/{cc.campaign.pk}/")
    with translation.override("nl"):
        shown = f"{hours}".replace(".", ",")
    expect(phone.locator("#saved + p.stat, section p.stat").first).to_contain_text(shown)
    phone.get_by_role("link", name=nl("How we estimate travel time")).first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(nl("How we estimate travel time"))
    check_a11y(phone)
    phone.context.close()
    assert phone_refused == []
