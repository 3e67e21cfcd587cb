"""Demo interest campaign for Zuid-Limburg: seven technical courses of the kind
bijscholingvmbo.nl offers (fictional titles and providers, real central towns), one running
campaign with pledges from demo teachers (the CNC course has tipped and has a date poll; the
laser course is three short in Parkstad) and the school holidays of 2026-2027 (holiday region
Zuid; see docs/demand.md for where the dates come from).

Runs after the network demo. Idempotent: courses, the campaign and holidays are found by name
and left alone when they exist. Dates are relative to the day of the first build.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samenleren.network.models import (
    Affiliation,
    Function,
    OrganisationKind,
    Profile,
    Region,
)

from .models import (
    Answer,
    Campaign,
    CampaignCourse,
    DatePoll,
    ExternalCourse,
    Pledge,
    PollAnswer,
    PollOption,
    SchoolHoliday,
    UnnamedPledge,
)

REGION_SLUG = "zuid-limburg"
UTRECHT = ("Utrecht", "52.09083", "5.12222")
AMERSFOORT = ("Amersfoort", "52.15611", "5.38750")
NIEUWEGEIN = ("Nieuwegein", "52.02917", "5.08056")
ZWOLLE = ("Zwolle", "52.51250", "6.09444")

# (title, provider, place, profiles, days, hours, price, minimum, second group, equipment, text)
COURSES = [
    ("CNC-frezen: van tekening tot werkstuk", "Vakwerk Bijscholing", UTRECHT, ("PIE", "BWI"),
     2, "12", "495", 8, 16, ["cnc_mill"],
     "Je tekent een werkstuk in CAD, maakt het freesprogramma in CAM en freest het zelf. Voor "
     "docenten en TOA's die de CNC-frees in het praktijklokaal willen inzetten."),
    ("Lasersnijden en 3D-printen in het praktijklokaal", "Maakonderwijs Academie", AMERSFOORT,
     ("PIE", "MVI", "BWI"), 1, "6", "275", 10, 20, ["laser_cutter", "3d_printer"],
     "Veilig werken met de lasersnijder, ontwerpen voor laser en printer, en lesopdrachten die "
     "je de week erna kunt geven."),
    ("Domotica en slimme installaties", "Installatietechniek Bijscholing NL", NIEUWEGEIN,
     ("PIE",), 2, "12", "520", 10, None, ["home_automation"],
     "Bussystemen, sensoren en apps: zo bouw je met leerlingen een slimme woning op een paneel."),
    ("Warmtepompen installeren en onderhouden", "Installatietechniek Bijscholing NL", ZWOLLE,
     ("PIE",), 2, "14", "610", 12, 24, ["heat_pump"],
     "Werking, installatie en onderhoud van lucht-water-warmtepompen, met praktijk op een "
     "testopstelling."),
    ("Robotica in de les", "Maakonderwijs Academie", UTRECHT, ("PIE", "MVI", "M&T"), 1, "6",
     "295", 10, None, ["robot_arm"],
     "Programmeren van een cobot en opdrachten voor de profielen PIE en MVI."),
    ("Lastechnieken MIG/MAG voor docenten", "Vakwerk Bijscholing", NIEUWEGEIN, ("PIE", "M&T"),
     3, "18", "690", 8, None, ["welder"],
     "Lassen in alle posities, lasnaden beoordelen en veilig werken in de werkplaats."),
    ("Elektronica en solderen voor onderbouw en profiel", "Techniekdocent Plus", AMERSFOORT,
     ("PIE", "MVI"), 1, "6", "245", 10, None, ["electronics"],
     "Schakelingen bouwen en solderen met leerlingen, van basisles tot profielopdracht."),
]  # fmt: skip
CNC, LASER, DOMOTICA = COURSES[0][0], COURSES[1][0], COURSES[2][0]

# The school holidays of 2026-2027 for holiday region Zuid (see docs/demand.md: from the
# government's published dates; check them against rijksoverheid.nl before relying on them).
HOLIDAYS_2026_2027 = [
    ("Herfstvakantie", date(2026, 10, 17), date(2026, 10, 25)),
    ("Kerstvakantie", date(2026, 12, 19), date(2027, 1, 3)),
    ("Voorjaarsvakantie (carnaval)", date(2027, 2, 6), date(2027, 2, 14)),
    ("Tweede paasdag", date(2027, 3, 29), date(2027, 3, 29)),
    ("Meivakantie", date(2027, 4, 24), date(2027, 5, 2)),
    ("Hemelvaart", date(2027, 5, 6), date(2027, 5, 7)),
    ("Tweede pinksterdag", date(2027, 5, 17), date(2027, 5, 17)),
    ("Zomervakantie", date(2027, 7, 24), date(2027, 9, 5)),
]

CAMPAIGN_TITLE = "Technische bijscholing in de regio 2026-2027"


def _people(region: Region) -> dict[str, list]:
    """Demo teachers, TOAs and instructors of technical schools, per subregion, in a fixed order."""
    result: dict[str, list] = {}
    for affiliation in (
        Affiliation.objects.filter(
            organisation__region=region,
            organisation__kind__in=[OrganisationKind.VO, OrganisationKind.MBO],
            function__in=[Function.TEACHER, Function.TOA, Function.INSTRUCTOR],
            ended_on__isnull=True,
            person__is_active=True,
        )
        .select_related("person", "organisation__subregion")
        .order_by("person__email")
    ):
        subregion = affiliation.organisation.subregion
        result.setdefault(subregion.name if subregion else "", []).append(affiliation)
    return result


def _holidays(region: Region) -> int:
    made = 0
    for name, start, end in HOLIDAYS_2026_2027:
        _holiday, created = SchoolHoliday.objects.get_or_create(
            region=region, name=name, starts_on=start, defaults={"ends_on": end}
        )
        made += created
    return made


def _courses(region: Region) -> dict[str, ExternalCourse]:
    profiles = {p.code: p for p in Profile.objects.all()}
    courses = {}
    for (title, provider, place, codes, days, hours, price, minimum, second, equipment,
         text) in COURSES:  # fmt: skip
        course, created = ExternalCourse.objects.get_or_create(
            region=region,
            title=title,
            provider=provider,
            defaults={
                "description": text,
                "days": days,
                "hours": Decimal(hours),
                "location_name": place[0],
                "latitude": Decimal(place[1]),
                "longitude": Decimal(place[2]),
                "price": Decimal(price),
                "min_participants": minimum,
                "second_group_at": second,
                "equipment": equipment,
                "url": "https://bijscholing.example/"
                + title.split(":")[0].lower().replace(" ", "-"),
            },
        )
        if created:
            course.profiles.set([profiles[c] for c in codes if c in profiles])
        courses[title] = course
    return courses


def _pledge(cc, affiliation, when, months=(), weekdays=(2,), max_minutes=None) -> None:
    Pledge.objects.create(
        person=affiliation.person,
        campaign_course=cc,
        organisation=affiliation.organisation,
        months=list(months),
        weekdays=list(weekdays),
        max_travel_minutes=max_minutes,
    )
    Pledge.objects.filter(person=affiliation.person, campaign_course=cc).update(created_at=when)


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _free_wednesdays(region: Region, start: date, count: int) -> list[date]:
    days, day = [], _next_weekday(start, 2)
    while len(days) < count:
        if not SchoolHoliday.objects.filter(
            region=region, starts_on__lte=day, ends_on__gte=day
        ).exists():
            days.append(day)
        day += timedelta(days=7)
    return days


@transaction.atomic
def _campaign(region: Region, courses: dict[str, ExternalCourse], stdout) -> None:
    if Campaign.objects.filter(region=region, title=CAMPAIGN_TITLE).exists():
        return
    today = timezone.localdate()
    now = timezone.now()
    campaign = Campaign.objects.create(
        region=region,
        title=CAMPAIGN_TITLE,
        audience="Docenten, TOA's en instructeurs van de technische profielen in vmbo en mbo",
        description=(
            "Landelijke bijscholingen zijn vaak in Utrecht, Amersfoort of Zwolle: voor ons een "
            "dag reizen. Geef aan welke cursussen je zou volgen. Bij voldoende vraag komt de "
            "cursus naar een school in Zuid-Limburg."
        ),
        opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=45),
    )
    ccs = {
        title: CampaignCourse.objects.create(campaign=campaign, course=course)
        for title, course in courses.items()
    }
    people = _people(region)
    parkstad = people.get("Parkstad", [])
    others = sorted(
        (a for name, group in people.items() if name != "Parkstad" for a in group),
        key=lambda a: a.person.email,
    )
    everyone = sorted(others + parkstad, key=lambda a: a.person.email)
    start = now - timedelta(days=28)

    def when(index: int) -> datetime:
        return start + timedelta(hours=9 * index)

    # CNC: ten pledges from across the region (the demo teacher among them): it has tipped.
    docent = next((a for a in everyone if a.person.email == "docent@demo.samenleren.example"), None)
    cnc = [docent] if docent else []
    cnc += [a for a in everyone[::4] if a is not docent][: 10 - len(cnc)]
    for index, affiliation in enumerate(cnc):
        _pledge(
            ccs[CNC],
            affiliation,
            when(index),
            months=(2, 3),
            weekdays=(2,),
            max_minutes=45 if index % 3 == 2 else None,
        )
    ccs[CNC].tipped_at = when(7)
    ccs[CNC].save(update_fields=["tipped_at"])
    # Laser: 7 in Parkstad and 2 elsewhere: one short overall, three short for a Parkstad group.
    laser = parkstad[1:8] + others[1:3]
    for index, affiliation in enumerate(laser):
        _pledge(
            ccs[LASER],
            affiliation,
            when(index + 1),
            months=((9, 10), (10,), (10, 11))[index % 3],
            weekdays=((2, 3), (3,), (1, 3))[index % 3],
            max_minutes=(None, 30, 40)[index % 3],
        )
    # A little interest in the others, and a school contact's colleagues for domotica.
    for offset, title in enumerate(t for t in ccs if t not in {CNC, LASER}):
        for index, affiliation in enumerate(everyone[offset + 2 :: 7][: 2 + offset % 4]):
            _pledge(ccs[title], affiliation, when(index + offset))
    maasoever = next((a.organisation for a in everyone if a.organisation.name ==
                      "Maasoever Vakcollege"), None)  # fmt: skip
    if maasoever is not None:
        UnnamedPledge.objects.create(campaign_course=ccs[DOMOTICA], organisation=maasoever, count=2)
    # The date poll of the CNC course: three Wednesday afternoons outside the holidays.
    poll = DatePoll.objects.create(
        campaign_course=ccs[CNC],
        deadline=timezone.make_aware(datetime.combine(today + timedelta(days=14), time(17))),
    )
    options = [
        PollOption.objects.create(poll=poll, date=day, starts_at=time(13, 0), ends_at=time(17, 0))
        for day in _free_wednesdays(region, today + timedelta(days=35), 3)
    ]
    pattern = [
        (Answer.YES, Answer.MAYBE, Answer.NO),
        (Answer.YES, Answer.YES, Answer.MAYBE),
        (Answer.NO, Answer.YES, Answer.YES),
    ]
    for index, affiliation in enumerate(cnc[1:7]):
        for option, answer in zip(options, pattern[index % 3], strict=True):
            PollAnswer.objects.create(option=option, person=affiliation.person, answer=answer)
    stdout.write(
        f"Belangstellingspeiling: {len(ccs)} cursussen, "
        f"{Pledge.objects.filter(campaign_course__campaign=campaign).count()} toezeggingen"
    )


def build(*, stdout) -> list[tuple[str, str, str]]:
    region = Region.objects.filter(slug=REGION_SLUG).first()
    if region is None:
        stdout.write("  interest campaigns: no demo region, skipped")
        return []
    _holidays(region)
    courses = _courses(region)
    _campaign(region, courses, stdout)
    return []
