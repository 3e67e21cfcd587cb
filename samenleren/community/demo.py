"""Demo data of the question board: questions from many Zuid-Limburg schools that overlap the
way real ones do, answers, people who agreed to be findable (with what they know), and two
learning networks with members, a meeting, materials and a discussion.

Idempotent: questions are found by their source key ("demo:<n>"), networks by name, the rest
by natural keys, so a second run changes nothing.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from samenleren.accounts.models import User
from samenleren.network.demo_data import REGION_SLUG
from samenleren.network.models import Affiliation, Function, Organisation, Profile, Region

from .matching import document_terms
from .models import (
    Answer,
    Expertise,
    Material,
    Membership,
    MeToo,
    Network,
    NetworkMeeting,
    Post,
    Question,
    Thread,
)
from .services.networks import _recount_members, network_meeting_schedule
from .services.questions import question_create

DOCENT = "docent@demo.samenleren.example"
TRAINER = "trainer@demo.samenleren.example"
COORDINATOR = "linda@samenleren.example"

# (key, school, function of the asker, tags, title, text)
QUESTIONS = [
    (
        "pie-1",
        "Vmbo De Kasteelhof",
        Function.TEACHER,
        ["PIE", "lesmateriaal"],
        "",
        "Welk lesmateriaal gebruiken jullie voor PIE in leerjaar 3? Onze methode is verouderd.",
    ),
    (
        "pie-2",
        "Rosveld Vakcollege",
        Function.TEACHER,
        ["PIE", "lesmateriaal"],
        "Opdrachten voor PIE gezocht",
        "Wie heeft goede praktijkopdrachten voor PIE (installeren en energie) die we mogen gebruiken?",
    ),
    (
        "pie-3",
        "Wormdal College",
        Function.INSTRUCTOR,
        ["PIE", "lesmateriaal"],
        "",
        "Op zoek naar een lesmethode voor PIE die aansluit bij het nieuwe examenprogramma.",
    ),
    (
        "laser-1",
        "Geuldal College",
        Function.TOA,
        ["machines", "BWI"],
        "",
        "Alleen onze TOA kan de lasersnijder bedienen. Wie leert ons collega's ermee werken?",
    ),
    (
        "laser-2",
        "Vmbo De Schacht",
        Function.TEACHER,
        ["machines", "MVI"],
        "",
        "Is er een cursus voor de lasercutter? We hebben hem een jaar maar gebruiken hem nauwelijks.",
    ),
    (
        "laser-3",
        "Brunssummerheide College",
        Function.TEACHER,
        ["machines", "veiligheid"],
        "",
        "Welke afzuiging en brandveiligheid zijn nodig bij een lasersnijmachine in het lokaal?",
    ),
    (
        "lontjes-1",
        "Vmbo De Mijnzetel",
        Function.MENTOR,
        ["gedrag"],
        "",
        "Hoe gaan jullie in de werkplaats om met leerlingen met een kort lontje?",
    ),
    (
        "lontjes-2",
        "Rosveld Vakcollege",
        Function.TEACHER,
        ["gedrag"],
        "",
        "Ik heb een klas met veel boze leerlingen. Wie heeft tips om te de-escaleren?",
    ),
    (
        "lob-1",
        "Maasoever Vakcollege",
        Function.DECAAN,
        ["lob", "samenwerking"],
        "",
        "Hoe organiseren jullie LOB-activiteiten met het mbo voor leerjaar 4?",
    ),
    (
        "lob-2",
        "Wormdal College",
        Function.DECAAN,
        ["lob"],
        "",
        "Welke meeloopdagen op het mbo werken goed voor loopbaanoriëntatie?",
    ),
    (
        "po-1",
        "Basisschool De Kleine Kei",
        Function.WT_COORDINATOR,
        ["techniek-po"],
        "",
        "Welke techniekles kan ik geven aan groep 7 en 8 zonder technieklokaal?",
    ),
    (
        "po-2",
        "Basisschool De Groeve",
        Function.TEACHER,
        ["techniek-po"],
        "",
        "Ideeën voor wetenschap en techniek in de bovenbouw van de basisschool?",
    ),
    (
        "po-3",
        "Kindcentrum Het Kompas",
        Function.WT_COORDINATOR,
        ["techniek-po", "samenwerking"],
        "",
        "Kunnen we met groep 8 een ochtend naar het TechLab van een vmbo-school?",
    ),
    (
        "warmte-1",
        "Vmbo De Kasteelhof",
        Function.TEACHER,
        ["PIE", "energie"],
        "",
        "Wie heeft een proefopstelling met een warmtepomp die we kunnen lenen of namaken?",
    ),
    (
        "warmte-2",
        "Vmbo De Mijnzetel",
        Function.TEACHER,
        ["PIE", "energie"],
        "",
        "Lesmateriaal over warmtepompen en zonnepanelen voor PIE gezocht.",
    ),
    (
        "3d-1",
        "Geuldal College",
        Function.TOA,
        ["machines"],
        "",
        "Onze 3D-printer blijft verstopt raken. Wie weet hoe je de nozzle goed onderhoudt?",
    ),
    (
        "3d-2",
        "Vmbo De Schacht",
        Function.TEACHER,
        ["machines", "MVI"],
        "",
        "Met welk programma laten jullie leerlingen ontwerpen voor de 3D-printer?",
    ),
    (
        "stage-1",
        "Brunssummerheide College",
        Function.TEACHER,
        ["stage", "M&T"],
        "",
        "Het lukt niet om genoeg stageplaatsen te vinden voor onze M&T-leerlingen.",
    ),
    (
        "stage-2",
        "Rosveld Vakcollege",
        Function.TEACHER,
        ["stage", "PIE"],
        "",
        "Hoe vinden jullie installatiebedrijven die stagiairs uit de basisberoeps willen?",
    ),
    (
        "cnc-1",
        "Maasoever Vakcollege",
        Function.INSTRUCTOR,
        ["machines", "PIE"],
        "",
        "We hebben een CNC-freesmachine gekregen. Hoe begin je daarmee in de les?",
    ),
]
# (question key, answerer: "docent"/"trainer"/school name, text)
ANSWERS = [
    (
        "pie-1",
        "docent",
        "Wij werken met eigen lesbrieven per installatie (groepenkast, domotica). Ik deel ze graag "
        "in het netwerk PIE-docenten.",
    ),
    (
        "laser-1",
        "trainer",
        "Bij Maas Metaal geven we een introductie lasersnijden van een middag, ook op school.",
    ),
    (
        "lontjes-1",
        "Vmbo De Kasteelhof",
        "De training 'Omgaan met korte lontjes' in de kalender was voor ons erg bruikbaar.",
    ),
    (
        "po-3",
        "Maasoever Vakcollege",
        "Ja, ons TechLab ontvangt elke woensdagochtend een groep 8. Neem contact op met de TOA.",
    ),
]
# (who, expertise) — people who agreed to be findable
EXPERTS = [
    ("docent", "PIE-lesmateriaal, domotica, elektrotechnische installaties"),
    ("trainer", "lassen, CNC-frezen, lasersnijder"),
    ("Geuldal College", "3D-printen en onderhoud van de 3D-printer, lasercutter"),
    ("Vmbo De Kasteelhof", "warmtepompen, zonnepanelen, duurzame energie"),
    ("Basisschool De Kleine Kei", "techniekles in groep 7 en 8, micro:bit"),
]
MATERIALS = [
    (
        "Lesbrief groepenkast aansluiten",
        "Stap voor stap een groepenkast aansluiten, leerjaar 3.",
        "https://example.org/lesbrief-groepenkast",
        "cc-by-sa",
        ["lesmateriaal"],
    ),
    (
        "Practicum warmtepomp",
        "Meetopdracht met een kleine warmtepomp-opstelling.",
        "https://example.org/practicum-warmtepomp",
        "cc-by",
        ["energie"],
    ),
    (
        "Checklist veilig werken in de werkplaats",
        "Machinepaspoort en afspraken voor leerlingen.",
        "https://example.org/machinepaspoort",
        "own",
        ["veiligheid"],
    ),
]


def _first_person(organisation: Organisation, function: str | None = None) -> User | None:
    affiliations = Affiliation.objects.filter(organisation=organisation, ended_on__isnull=True)
    if function:
        found = affiliations.filter(function=function).order_by("person__email").first()
        if found:
            return found.person
    found = affiliations.order_by("person__email").first()
    return found.person if found else None


def _person(who: str, organisations: dict[str, Organisation]) -> User | None:
    if who == "docent":
        return User.objects.filter(email=DOCENT).first()
    if who == "trainer":
        return User.objects.filter(email=TRAINER).first()
    organisation = organisations.get(who)
    return _first_person(organisation) if organisation else None


def build(*, stdout) -> list[tuple[str, str, str]]:
    region = Region.objects.filter(slug=REGION_SLUG).first()
    coordinator = User.objects.filter(email=COORDINATOR).first()
    if region is None or coordinator is None:
        stdout.write("Vraagbaak demo skipped: build the network demo first.\n")
        return []
    organisations = {o.name: o for o in Organisation.objects.filter(region=region)}
    with transaction.atomic():
        questions = _questions(region, organisations)
        _answers(questions, organisations)
        _experts(organisations)
        networks = _networks(region, coordinator, organisations, questions)
    stdout.write(f"Vraagbaak: {len(questions)} demovragen, {len(networks)} lerende netwerken.\n")
    return []


def _questions(region, organisations) -> dict[str, Question]:
    result = {}
    for key, school, function, tags, title, text in QUESTIONS:
        source_key = f"demo:{key}"
        existing = Question.objects.filter(source_key=source_key).first()
        if existing is None:
            organisation = organisations.get(school)
            author = _first_person(organisation, function) if organisation else None
            existing = question_create(
                author=author,
                region=region,
                organisation=organisation,
                text=text,
                title=title,
                tags=tags,
                source_key=source_key,
                check_rate=False,
            )
        result[key] = existing
    # "ik ook": the teacher demo login joins the PIE materials question of another school
    docent = User.objects.filter(email=DOCENT).first()
    if docent and not MeToo.objects.filter(question=result["pie-2"], person=docent).exists():
        from .services.questions import question_metoo

        question_metoo(question=result["pie-2"], person=docent)
    return result


def _answers(questions, organisations) -> None:
    """Written directly (not through answer_create): a demo build sends no mail."""
    for key, who, text in ANSWERS:
        person = _person(who, organisations)
        question = questions[key]
        if person is None or Answer.objects.filter(question=question, text=text).exists():
            continue
        Answer.objects.create(question=question, author=person, text=text)
        Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)


def _experts(organisations) -> None:
    for who, text in EXPERTS:
        person = _person(who, organisations)
        if person is None:
            continue
        if not person.findable:
            person.findable = True
            person.save(update_fields=["findable"])
        terms = " ".join(document_terms(text))
        if not Expertise.objects.filter(person=person, text=text, terms=terms).exists():
            Expertise.objects.update_or_create(
                person=person, defaults={"text": text, "terms": terms}
            )


def _networks(region, coordinator, organisations, questions) -> list[Network]:
    pie, _created = Profile.objects.get_or_create(code="PIE")
    specs = [
        (
            "PIE-docenten Zuid-Limburg",
            "Docenten en instructeurs PIE uit de hele regio: lesmateriaal, examens en "
            "installaties. We komen vier keer per jaar samen, steeds op een andere school.",
            pie,
            "lesmateriaal",
            [
                "Maasoever Vakcollege",
                "Vmbo De Kasteelhof",
                "Rosveld Vakcollege",
                "Wormdal College",
                "Vmbo De Mijnzetel",
            ],
            ["pie-1", "pie-2", "pie-3"],
        ),
        (
            "Techniek in het po",
            "W&T-coördinatoren en leerkrachten van de basisscholen, samen met de TechLabs van "
            "het vmbo: lessen voor groep 7 en 8 en bezoeken aan de labs.",
            None,
            "techniek-po",
            [
                "Basisschool De Kleine Kei",
                "Basisschool De Groeve",
                "Kindcentrum Het Kompas",
                "Basisschool De Bongerd",
            ],
            ["po-1", "po-2", "po-3"],
        ),
    ]
    result = []
    for name, description, profile, theme, schools, topic_keys in specs:
        network = Network.objects.filter(region=region, name=name).first()
        if network is None:
            from .services.networks import network_save

            network = network_save(
                actor=coordinator,
                region=region,
                name=name,
                description=description,
                profile=profile,
                theme=theme,
                questions=[questions[k] for k in topic_keys],
            )
        members = [coordinator]
        if profile is not None:
            docent = User.objects.filter(email=DOCENT).first()
            if docent:
                members.append(docent)
        for school in schools:
            organisation = organisations.get(school)
            person = _first_person(organisation, Function.TEACHER) if organisation else None
            if person:
                members.append(person)
        have = set(Membership.objects.filter(network=network).values_list("person_id", flat=True))
        new = [p for p in dict.fromkeys(members) if p.pk not in have]
        Membership.objects.bulk_create(Membership(network=network, person=p) for p in new)
        if new:
            _recount_members(network)
        _meeting(network, coordinator, organisations, upcoming=profile is not None)
        if profile is not None:
            _materials(network, members)
            _discussion(network, members)
        result.append(network)
    return result


def _meeting(network, coordinator, organisations, *, upcoming: bool) -> None:
    if NetworkMeeting.objects.filter(network=network).exists():
        return
    day = timezone.localdate() + timedelta(days=24 if upcoming else 40)
    starts = timezone.make_aware(datetime.combine(day, time(15, 30)))
    host = "Maasoever Vakcollege" if upcoming else "Basisschool De Kleine Kei"
    organisation = organisations.get(host)
    address = f"{organisation.street}, {organisation.city}" if organisation else host
    network_meeting_schedule(
        actor=coordinator,
        network=network,
        title=f"Netwerkbijeenkomst {network.name}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        address=address,
        capacity=30,
    )


def _materials(network, members) -> None:
    sharer = members[1] if len(members) > 1 else members[0]
    for title, description, url, licence, tags in MATERIALS:
        if Material.objects.filter(network=network, title=title).exists():
            continue
        Material.objects.create(
            network=network,
            title=title,
            description=description,
            url=url,
            licence=licence,
            tags=tags,
            shared_by=sharer,
        )


def _discussion(network, members) -> None:
    title = "Ervaringen met het nieuwe examenprogramma PIE"
    if Thread.objects.filter(network=network, title=title).exists():
        return
    author = members[-1]
    thread = Thread.objects.create(network=network, title=title, author=author, post_count=2)
    Post.objects.create(
        thread=thread,
        author=author,
        text="Hoe pakken jullie de nieuwe profielmodules aan? Wij twijfelen over de volgorde.",
    )
    Post.objects.create(
        thread=thread,
        author=members[1] if len(members) > 1 else author,
        text="Wij beginnen met elektrotechniek en doen domotica in leerjaar 4. Werkt goed.",
    )
