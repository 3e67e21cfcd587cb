"""The demo region: STO-regio Zuid-Limburg, with fictional schools in real towns and ~300 people.

Idempotent: everything is found by a natural key (region slug, BRIN, organisation name, e-mail)
and only written when it differs, so a second run changes nothing. The people come from a fixed
random seed, so every run asks for exactly the same rows.
"""

import random
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from samenleren.accounts.models import Language, User

from .models import (
    Affiliation,
    Board,
    Function,
    Lab,
    LabKind,
    Organisation,
    OrganisationKind,
    Profile,
    Region,
    Role,
    RoleAssignment,
    Subregion,
)
from .services import organisation_sto_functions_set

# Public on purpose: the demo logins are printed by `manage.py demo`.
DEMO_PASSWORD = "samenleren-demo"  # noqa: S105
SEED = 20240611  # change it and every generated person changes

REGION_NAME = "Zuid-Limburg"
REGION_SLUG = "zuid-limburg"
MH, WM, PS = "Maastricht-Heuvelland", "Westelijke Mijnstreek", "Parkstad"

# Boards (fictional). Boards are not scoped to a region, so the names must not be too generic.
B_MH_VO = "Stichting Maas en Heuvelland Onderwijs"
B_WM = "Stichting Mijnstreek Onderwijs"
B_PS_VO = "Stichting Parkstad Voortgezet Onderwijs"
B_PO = "Stichting Kindcentra Zuid-Limburg"
B_MBO = "Stichting Beroepsonderwijs Zuid-Limburg"

VO_STO = (Function.TEACHER, Function.TOA, Function.INSTRUCTOR)
PO_STO = (Function.TEACHER, Function.WT_COORDINATOR)
MBO_STO = (Function.TEACHER, Function.TOA, Function.INSTRUCTOR)
ALL_FUNCTIONS = tuple(Function.values)


@dataclass(frozen=True)
class OrgSpec:
    name: str
    kind: str
    subregion: str
    board: str | None
    brin: str
    street: str
    postcode: str
    city: str
    latitude: str
    longitude: str
    staff_count: int | None
    domain: str
    people: int
    profiles: tuple[str, ...] = ()
    sto_functions: tuple[str, ...] = ()


VO, PO, MBO, COMPANY = (
    OrganisationKind.VO,
    OrganisationKind.PO,
    OrganisationKind.MBO,
    OrganisationKind.COMPANY,
)

# fmt: off
# Fictional names in real towns; coordinates and postcodes are those of the town's school areas.
ORGANISATIONS = [
    # vmbo
    OrgSpec("Maasoever Vakcollege", VO, MH, B_MH_VO, "21MV", "Via Regia 150", "6216 CL",
            "Maastricht", "50.85312", "5.66845", 145, "maasoever", 24,
            ("PIE", "BWI", "M&T", "Z&W", "E&O"), VO_STO),
    OrgSpec("Vmbo De Kasteelhof", VO, MH, B_MH_VO, "23KH", "Heerderweg 45", "6228 GV",
            "Maastricht", "50.83875", "5.72412", 110, "kasteelhof", 20,
            ("PIE", "MVI", "D&P", "HBR", "Z&W"), VO_STO),
    OrgSpec("Geuldal College", VO, MH, B_MH_VO, "24GC", "Reinaldstraat 8", "6301 HM",
            "Valkenburg", "50.86218", "5.83694", 85, "geuldal", 16,
            ("BWI", "Groen", "HBR", "Z&W"), VO_STO),
    OrgSpec("Rosveld Vakcollege", VO, WM, B_WM, "25RV", "Rosveldlaan 20", "6135 KC",
            "Sittard", "51.00254", "5.87521", 130, "rosveld", 22,
            ("PIE", "M&T", "BWI", "E&O", "Z&W"), VO_STO),
    OrgSpec("Vmbo De Schacht", VO, WM, B_WM, "26DS", "Mijnweg 3", "6163 BR",
            "Geleen", "50.96587", "5.82834", 95, "deschacht", 18,
            ("PIE", "MVI", "D&P", "Z&W", "E&O"), VO_STO),
    OrgSpec("Vmbo De Mijnzetel", VO, PS, B_PS_VO, "27MZ", "Schachtstraat 12", "6415 GJ",
            "Heerlen", "50.89138", "5.98562", 175, "mijnzetel", 26,
            ("PIE", "BWI", "M&T", "MVI", "HBR", "Z&W", "E&O"), VO_STO),
    OrgSpec("Wormdal College", VO, PS, B_PS_VO, "28WD", "Wormdalweg 5", "6464 BK",
            "Kerkrade", "50.86745", "6.05873", 90, "wormdal", 16,
            ("PIE", "BWI", "D&P", "Z&W"), VO_STO),
    OrgSpec("Brunssummerheide College", VO, PS, B_PS_VO, "29BH", "Heidelaan 30", "6443 CT",
            "Brunssum", "50.94312", "5.97285", 100, "brunssummerheide", 18,
            ("M&T", "PIE", "HBR", "Z&W", "E&O"), VO_STO),
    # primary schools
    OrgSpec("Basisschool De Kleine Kei", PO, MH, B_PO, "03KK", "Wycker Grachtstraat 14",
            "6221 CX", "Maastricht", "50.84893", "5.70124", 28, "dekleinekei", 6,
            sto_functions=PO_STO),
    OrgSpec("Basisschool Het Mergelhuis", PO, MH, B_PO, "04MH", "Kuileneind 7", "6231 GA",
            "Meerssen", "50.88596", "5.75018", 22, "mergelhuis", 6, sto_functions=PO_STO),
    OrgSpec("Kindcentrum Maasvallei", PO, MH, B_PO, "05MV", "Breusterstraat 40", "6245 EJ",
            "Eijsden", "50.77621", "5.71047", 31, "maasvallei", 6, sto_functions=PO_STO),
    OrgSpec("Basisschool De Vlindertuin", PO, MH, B_PO, "06VT", "Rijksweg 88", "6271 AH",
            "Gulpen", "50.81567", "5.88834", 19, "vlindertuin", 6, sto_functions=PO_STO),
    OrgSpec("Basisschool De Groeve", PO, WM, B_WM, "07DG", "Heirstraat 21", "6171 HP",
            "Stein", "50.96934", "5.76412", 24, "degroeve", 6, sto_functions=PO_STO),
    OrgSpec("Kindcentrum Op de Berg", PO, WM, B_WM, "08OB", "Raadhuisstraat 9", "6191 KA",
            "Beek", "50.94088", "5.79462", 35, "opdeberg", 6, sto_functions=PO_STO),
    OrgSpec("Basisschool De Kolibrie", PO, WM, B_WM, "09KB", "Kerkstraat 52", "6121 KL",
            "Born", "51.03189", "5.80956", 17, "kolibrie", 6, sto_functions=PO_STO),
    OrgSpec("Basisschool De Schakel", PO, PS, B_PO, "11SK", "Hoofdstraat 115", "6372 EH",
            "Landgraaf", "50.89782", "6.01236", 26, "deschakel", 6, sto_functions=PO_STO),
    OrgSpec("Kindcentrum Het Kompas", PO, PS, B_PO, "12HK", "Akerstraat 60", "6432 HC",
            "Hoensbroek", "50.92345", "5.92768", 38, "hetkompas", 6, sto_functions=PO_STO),
    OrgSpec("Basisschool De Bongerd", PO, PS, B_PO, "13BG", "Irmstraat 3", "6369 VL",
            "Simpelveld", "50.83412", "5.98213", 15, "debongerd", 6, sto_functions=PO_STO),
    # mbo: at the technical college every function counts as STO staff
    OrgSpec("Techniekcollege Parkstad", MBO, PS, B_MBO, "30TP", "Valkenburgerweg 80",
            "6419 AV", "Heerlen", "50.87956", "5.96342", 320, "techniekcollegeparkstad", 22,
            sto_functions=ALL_FUNCTIONS),
    OrgSpec("Maasland mbo College", MBO, MH, B_MBO, "31MC", "Randwycksingel 25", "6229 EG",
            "Maastricht", "50.83924", "5.71478", 540, "maaslandmbo", 18,
            sto_functions=MBO_STO),
    OrgSpec("Mijnstreek Vakopleidingen", MBO, WM, B_MBO, "32MV", "Leyenbroekerweg 70",
            "6132 CD", "Sittard", "51.00712", "5.85536", 410, "mijnstreekvak", 16,
            sto_functions=MBO_STO),
    # companies
    OrgSpec("Maas Metaal & Montage B.V.", COMPANY, MH, None, "", "Beatrixhaven 11", "6222 NP",
            "Maastricht", "50.87521", "5.70489", None, "maasmetaal", 4),
    OrgSpec("Installatiebedrijf Heuvelland B.V.", COMPANY, MH, None, "", "Industrieweg 6",
            "6271 CG", "Gulpen", "50.81102", "5.89671", None, "installatieheuvelland", 4),
    OrgSpec("Procesautomatisering Geleen B.V.", COMPANY, WM, None, "", "Poststraat 140",
            "6161 GK", "Geleen", "50.95842", "5.80178", None, "procesgeleen", 4),
    OrgSpec("Mobiliteitscentrum Parkstad", COMPANY, PS, None, "", "Op de Kamp 2", "6374 LT",
            "Landgraaf", "50.91256", "6.03457", None, "mobiliteitparkstad", 4),
]

LABS = [
    ("Maasoever Vakcollege", "TechLab Maasoever", LabKind.TECHLAB, True,
     "Lasersnijder, twee 3D-printers en een CNC-freesbank. Op woensdagmiddag volgen groepen 7 "
     "en 8 van basisscholen uit de wijk hier techniekles."),
    ("Vmbo De Kasteelhof", "TechLab Kasteelhof", LabKind.TECHLAB, False,
     "Robotica-lokaal met programmeerbare robotarmen, een vinylsnijder en een fotostudio voor "
     "MVI."),
    ("Rosveld Vakcollege", "TechLab Rosveld", LabKind.TECHLAB, True,
     "Werkplaats voor PIE en M&T met lasplekken, een draaibank en een domotica-opstelling; "
     "open voor basisscholen uit Sittard-Geleen."),
    ("Vmbo De Mijnzetel", "TechLab De Mijnzetel", LabKind.TECHLAB, True,
     "Het grootste TechLab van Parkstad: lasersnijder, CNC-plasmasnijder, elektrotechniek-"
     "panelen en een mobiel lab dat naar basisscholen gaat."),
    ("Wormdal College", "Bouwlab Wormdal", LabKind.TECHLAB, False,
     "Timmer- en metselwerkplaats met een zaagstraat en een kleine CNC-houtfrees."),
    ("Basisschool De Kleine Kei", "Doe-lab De Kleine Kei", LabKind.DOELAB, False,
     "Onderzoekshoek met microscopen, bouwpakketten en Micro:bits voor wetenschap en techniek "
     "in alle groepen."),
    ("Kindcentrum Het Kompas", "Doe-lab Het Kompas", LabKind.DOELAB, False,
     "Maaklokaal met een 3D-printer, solderplekken en gereedschap, waar groep 6 tot en met 8 "
     "wekelijks aan techniekopdrachten werkt."),
    ("Techniekcollege Parkstad", "Installatiewerkplaats", LabKind.WORKSHOP, False,
     "Opstellingen voor warmtepompen, zonnepanelen en slimme installaties; beschikbaar voor "
     "bijscholing van vmbo-docenten en TOA's."),
]

# --- Names (Dutch and Limburg first names; last names with their prefix, as people write them)
FEMALE_NAMES = [
    "Anouk", "Annemie", "Brigitte", "Chloë", "Claudia", "Daniëlle", "Eline", "Els", "Esther",
    "Fatima", "Femke", "Fleur", "Hanneke", "Ilse", "Inge", "Iris", "Judith", "Karin", "Kim",
    "Lieke", "Loes", "Lotte", "Mariëlle", "Marieke", "Marloes", "Maud", "Mieke", "Monique",
    "Nadia", "Nicole", "Noor", "Petra", "Sandra", "Sanne", "Saskia", "Sophie", "Wendy",
    "Yvonne", "Zoë", "Astrid", "Bianca", "Carola", "Danique", "Evi", "Jolanda", "Kirsten",
    "Manon", "Mirjam", "Nathalie", "Romy", "Simone", "Tamara", "Vera",
]
MALE_NAMES = [
    "Bart", "Bas", "Bram", "Dennis", "Emre", "Erwin", "Frank", "Geert", "Guido", "Hans", "Huub",
    "Ivo", "Jan", "Jean-Pierre", "Jeroen", "Joep", "Jos", "Koen", "Leon", "Luc", "Luuk", "Marco",
    "Mark", "Martijn", "Maurice", "Michel", "Mohamed", "Niels", "Pascal", "Patrick", "Paul",
    "Peter", "Ralf", "Raymond", "René", "Rik", "Rob", "Roel", "Roger", "Roy", "Ruud", "Sander",
    "Sjef", "Stijn", "Sven", "Thijs", "Tim", "Tom", "Twan", "Vincent", "Wim", "Wouter", "Youssef",
]
LAST_NAMES = [
    "Bastiaens", "Bemelmans", "Bessems", "Brouwers", "Claessens", "Coenen", "Crombach",
    "Custers", "Dassen", "Debie", "Dohmen", "Frissen", "Geurts", "Gulpers", "Habets", "Hendriks",
    "Hermans", "Houben", "Jacobs", "Janssen", "Jeurissen", "Keulen", "Kleinen", "Kurvers",
    "Lahaye", "Lemmens", "Meijers", "Muijrers", "Nijsten", "Notermans", "Penders", "Peeters",
    "Pluijmen", "Quaedvlieg", "Ramakers", "Rutten", "Schreurs", "Senden", "Simons", "Smeets",
    "Stassen", "Ubachs", "Vaessen", "Vliegen", "Vranken", "Wetzels", "Willems", "Wolters",
    "Heijnen", "Schoenmakers", "Beckers", "Mertens", "Boosten", "Didden", "Haenen", "Kicken",
    "Limpens", "Moonen", "Offermans", "Paulussen", "Souren", "Thewissen", "Vossen", "Zeegers",
    "van der Meer", "de Jong", "van den Berg", "van Dijk", "de Vries", "van Loon", "van Wersch",
    "van der Heijden", "de Bruijn", "van Gulik", "de Groot", "van Mulken", "van der Linden",
    "van Hoof", "van de Ven", "de Wit", "van Dongen", "van Oppen", "de Leeuw", "van Heel",
    "van den Broek", "van der Zanden", "van Kan", "de Graaf", "El Amrani", "Yilmaz", "Öztürk",
    "Bouzian", "Kowalski",
]

GENERAL_SUBJECTS = [
    "Nederlands", "Engels", "Wiskunde", "Nask", "Biologie", "Lichamelijke opvoeding",
    "Economie", "Duits", "Maatschappijleer", "Kunstvakken",
]
ELECTIVES = {
    "PIE": ["Booglassen", "Constructies", "Domotica en automatisering",
            "Elektrotechnische installaties", "Klimaattechniek", "Verspanende technieken"],
    "BWI": ["Bouwkundig tekenen", "Meubelmaken", "Schilderwerk", "Metselen", "Timmeren"],
    "M&T": ["Autotechniek", "Fietstechniek", "Motorfietstechniek", "Logistiek"],
    "MVI": ["Audiovisuele vormgeving", "Game design", "Netwerken", "Robotica", "Webdesign"],
    "MaT": ["Maritieme techniek", "Scheepsbouw"],
    "Z&W": ["Mens en gezondheid", "Welzijn kind en jongere", "Facilitaire dienstverlening"],
    "E&O": ["Ondernemen", "Commercieel", "Secretarieel"],
    "D&P": ["Evenementen", "Presentatie en styling", "Sport en bewegen"],
    "HBR": ["Bakken", "Koken", "Gastheerschap"],
    "Groen": ["Groene vormgeving", "Dier en zorg", "Plantenteelt"],
}
MBO_SUBJECTS = [
    "Elektrotechniek", "Werktuigbouwkunde", "Installatietechniek", "Mechatronica",
    "Autotechniek", "Bouwkunde", "ICT en netwerkbeheer", "Procestechniek",
]
TECHNICAL = {"PIE", "BWI", "M&T", "MVI", "MaT"}
# fmt: on

# The first people of each kind of organisation have fixed functions (every school has a team
# leader, a decaan, a W&T coordinator); the rest are drawn with these weights.
FIXED_FIRST = {
    VO: [Function.TEAM_LEADER, Function.DECAAN, Function.TOA, Function.INSTRUCTOR],
    PO: [Function.WT_COORDINATOR, Function.TEAM_LEADER],
    MBO: [Function.TEAM_LEADER, Function.INSTRUCTOR, Function.TOA],
    COMPANY: [Function.INSTRUCTOR],
}
WEIGHTS = {
    VO: {
        Function.TEACHER: 62,
        Function.MENTOR: 9,
        Function.TOA: 6,
        Function.INSTRUCTOR: 7,
        Function.DECAAN: 1,
        Function.TEAM_LEADER: 2,
        Function.SUPPORT_STAFF: 10,
    },
    PO: {Function.TEACHER: 85, Function.TEAM_LEADER: 1, Function.SUPPORT_STAFF: 14},
    MBO: {
        Function.TEACHER: 55,
        Function.INSTRUCTOR: 20,
        Function.TOA: 8,
        Function.TEAM_LEADER: 3,
        Function.SUPPORT_STAFF: 8,
        Function.DECAAN: 3,
    },
    COMPANY: {Function.INSTRUCTOR: 60, Function.OTHER: 40},
}
# Share of women per kind of organisation, so that the demo looks like the real staff rooms.
FEMALE_SHARE = {VO: 0.5, PO: 0.85, MBO: 0.35, COMPANY: 0.2}


@dataclass
class PersonSpec:
    email: str
    first_name: str
    last_name: str
    organisation: str | None = None
    function: str = Function.TEACHER
    profiles: tuple[str, ...] = ()
    subjects: str = ""
    preferred_language: str = Language.DUTCH
    findable: bool = False
    show_name_to_school: bool = False
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (role, organisation)


MAASOEVER = "Maasoever Vakcollege"
FIXED_PEOPLE = [
    PersonSpec(
        email="linda@samenleren.example",
        first_name="Linda",
        last_name="Verlinden",
        findable=True,
        roles=[(Role.COORDINATOR, None)],
    ),
    PersonSpec(
        email="erik@samenleren.example",
        first_name="Erik",
        last_name="Krutzer",
        findable=True,
        roles=[(Role.COORDINATOR, None)],
    ),
    PersonSpec(
        email="contact@demo.samenleren.example",
        first_name="Marieke",
        last_name="Bemelmans",
        organisation=MAASOEVER,
        function=Function.TEAM_LEADER,
        show_name_to_school=True,
        roles=[(Role.SCHOOL_CONTACT, MAASOEVER)],
    ),
    PersonSpec(
        email="docent@demo.samenleren.example",
        first_name="Sanne",
        last_name="Hendriks",
        organisation=MAASOEVER,
        function=Function.TEACHER,
        profiles=("PIE",),
        subjects="Elektrotechnische installaties, Domotica en automatisering",
        findable=True,
        show_name_to_school=True,
    ),
    PersonSpec(
        email="trainer@demo.samenleren.example",
        first_name="Ruud",
        last_name="Lemmens",
        organisation="Maas Metaal & Montage B.V.",
        function=Function.INSTRUCTOR,
        subjects="Lassen, CNC-verspanen",
        findable=True,
        roles=[(Role.TRAINER, "Maas Metaal & Montage B.V.")],
    ),
    PersonSpec(
        email="stuurgroep@demo.samenleren.example",
        first_name="Annemie",
        last_name="Crombach",
        organisation="Vmbo De Mijnzetel",
        function=Function.TEAM_LEADER,
        roles=[(Role.STEERING, None)],
    ),
]
DEMO_LOGINS = [
    ("linda@samenleren.example", "coördinator Zuid-Limburg"),
    ("erik@samenleren.example", "coördinator Zuid-Limburg"),
    ("contact@demo.samenleren.example", "schoolcontactpersoon, Maasoever Vakcollege"),
    ("docent@demo.samenleren.example", "docent PIE, Maasoever Vakcollege"),
    ("trainer@demo.samenleren.example", "trainer, Maas Metaal & Montage"),
    ("stuurgroep@demo.samenleren.example", "lid stuurgroep Zuid-Limburg"),
]

# Generated people who get a role: (organisation, index among its generated people, role).
# Index 0 is the team leader (vo, mbo) or the W&T coordinator (po), see FIXED_FIRST.
GENERATED_ROLES = [
    # Maasoever's school contact is the fixed demo login.
    *[
        (o.name, 0, Role.SCHOOL_CONTACT)
        for o in ORGANISATIONS
        if o.kind == VO and o.name != MAASOEVER
    ],
    ("Basisschool De Kleine Kei", 0, Role.SCHOOL_CONTACT),
    ("Basisschool De Groeve", 0, Role.SCHOOL_CONTACT),
    ("Kindcentrum Het Kompas", 0, Role.SCHOOL_CONTACT),
    ("Techniekcollege Parkstad", 1, Role.TRAINER),
    ("Maasland mbo College", 0, Role.PARTNER),
]


def _ascii(value: str) -> str:
    """'Öztürk' -> 'ozturk', 'van der Meer' -> 'vandermeer': e-mail local parts are plain ASCII."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in folded if c.isalnum() or c == "-")


def _pick_function(rng: random.Random, kind: str, index: int) -> str:
    fixed = FIXED_FIRST[kind]
    if index < len(fixed):
        return fixed[index]
    weights = WEIGHTS[kind]
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _teaching(rng: random.Random, org: OrgSpec, function: str) -> tuple[tuple[str, ...], str]:
    """The profiles and subjects someone teaches, given the school and the function."""
    if org.kind == VO and function == Function.TEACHER:
        if rng.random() < 0.3:  # teachers of general subjects teach no profile
            return (), rng.choice(GENERAL_SUBJECTS)
        profiles = tuple(rng.sample(org.profiles, 2 if rng.random() < 0.2 else 1))
        electives = [e for p in profiles for e in ELECTIVES[p]]
        return profiles, ", ".join(rng.sample(electives, min(2, len(electives))))
    if org.kind == VO and function == Function.INSTRUCTOR:
        technical = [p for p in org.profiles if p in TECHNICAL] or list(org.profiles)
        profile = rng.choice(technical)
        return (profile,), rng.choice(ELECTIVES[profile])
    if org.kind == VO and function == Function.TOA:
        return (), "Nask, practicum"
    if org.kind == MBO and function in {Function.TEACHER, Function.INSTRUCTOR}:
        return (), rng.choice(MBO_SUBJECTS)
    return (), ""


def people_specs() -> list[PersonSpec]:
    """Everyone in the demo, the same list on every run.

    Each organisation draws names and the rest (function, teaching, preferences) from separate
    seeded generators, so that editing one table or organisation does not rename everyone else;
    a renamed person would be a new row beside the old one.
    """
    specs = [replace(p, roles=list(p.roles)) for p in FIXED_PEOPLE]  # roles are mutable
    used = {p.email for p in specs}
    by_org: dict[str, list[PersonSpec]] = {}
    for org in ORGANISATIONS:
        names = random.Random(f"{SEED}:{org.domain}:names")
        rng = random.Random(f"{SEED}:{org.domain}:details")
        for index in range(org.people):
            female = names.random() < FEMALE_SHARE[org.kind]
            first = names.choice(FEMALE_NAMES if female else MALE_NAMES)
            last = names.choice(LAST_NAMES)
            local = f"{_ascii(first)}.{_ascii(last)}"
            email, n = f"{local}@{org.domain}.example", 1
            while email in used:
                n += 1
                email = f"{local}{n}@{org.domain}.example"
            used.add(email)
            function = _pick_function(rng, org.kind, index)
            profiles, subjects = _teaching(rng, org, function)
            spec = PersonSpec(
                email=email,
                first_name=first,
                last_name=last,
                organisation=org.name,
                function=function,
                profiles=profiles,
                subjects=subjects,
                preferred_language=Language.ENGLISH if rng.random() < 0.04 else Language.DUTCH,
                findable=rng.random() < 0.2,
                show_name_to_school=rng.random() < 0.5,
            )
            by_org.setdefault(org.name, []).append(spec)
            specs.append(spec)
    for org_name, index, role in GENERATED_ROLES:
        by_org[org_name][index].roles.append((role, org_name))
    return specs


def _upsert(model, lookup: dict, values: dict):
    """get_or_create that writes only what differs, so that a rerun leaves rows untouched."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        stamp = ["updated_at"] if hasattr(obj, "updated_at") else []
        obj.save(update_fields=[*changed, *stamp])
    return obj, False


def _build_organisations(region, stdout) -> dict[str, Organisation]:
    subregions = {
        name: _upsert(Subregion, {"region": region, "name": name}, {})[0] for name in (MH, WM, PS)
    }
    boards = {
        name: Board.objects.get_or_create(name=name)[0]
        for name in {o.board for o in ORGANISATIONS if o.board}
    }
    profiles = {p.code: p for p in Profile.objects.all()}
    organisations, created = {}, 0
    for spec in ORGANISATIONS:
        values = {
            "kind": spec.kind,
            "subregion": subregions[spec.subregion],
            "board": boards.get(spec.board),
            "street": spec.street,
            "postcode": spec.postcode,
            "city": spec.city,
            "latitude": Decimal(spec.latitude),
            "longitude": Decimal(spec.longitude),
            "staff_count": spec.staff_count,
            "is_active": True,
        }
        # Schools are known by their BRIN, companies by their name within the region.
        if spec.brin:
            lookup, values = {"brin": spec.brin}, {"region": region, "name": spec.name, **values}
        else:
            lookup = {"region": region, "name": spec.name}
        org, new = _upsert(Organisation, lookup, values)
        created += new
        org.profiles.set([profiles[code] for code in spec.profiles])
        organisation_sto_functions_set(organisation=org, functions=list(spec.sto_functions))
        organisations[spec.name] = org
    stdout.write(
        f"Organisaties: {len(organisations)} ({created} nieuw), {len(boards)} besturen, "
        f"{len(subregions)} subregio's\n"
    )
    return organisations


def _build_labs(organisations, stdout) -> None:
    created = 0
    for org_name, name, kind, shared, description in LABS:
        _, new = _upsert(
            Lab,
            {"organisation": organisations[org_name], "name": name},
            {"kind": kind, "description": description, "shared_with_primary": shared},
        )
        created += new
    stdout.write(f"Labs: {len(LABS)} ({created} nieuw)\n")


def _build_people(specs: list[PersonSpec], stdout) -> dict[str, User]:
    fields = ["first_name", "last_name", "preferred_language", "findable", "show_name_to_school"]
    emails = [s.email for s in specs]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    missing = [s for s in specs if s.email not in existing]
    # Hashed once, and only when needed: a slow hasher on 300 people would take minutes.
    password = make_password(DEMO_PASSWORD) if missing else ""
    User.objects.bulk_create(
        [
            User(email=s.email, password=password, **{f: getattr(s, f) for f in fields})
            for s in missing
        ]
    )
    changed = []
    for spec in specs:
        user = existing.get(spec.email)
        if user and any(getattr(user, f) != getattr(spec, f) for f in fields):
            for f in fields:
                setattr(user, f, getattr(spec, f))
            changed.append(user)
    User.objects.bulk_update(changed, fields)
    users = {u.email: u for u in User.objects.filter(email__in=emails)}

    # A verified primary address, as allauth would have after confirmation.
    addresses = EmailAddress.objects.filter(user__in=users.values())
    have = {(a.user_id, a.email.lower()) for a in addresses}
    with_primary = {a.user_id for a in addresses if a.primary}
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=u.pk not in with_primary)
            for u in users.values()
            if (u.pk, u.email) not in have
        ]
    )
    stdout.write(f"Mensen: {len(users)} ({len(users) - len(existing)} nieuw)\n")
    return users


def _build_affiliations(specs, users, organisations, stdout) -> None:
    wanted = {
        (users[s.email].pk, organisations[s.organisation].pk): s for s in specs if s.organisation
    }
    current = Affiliation.objects.filter(person__in=users.values(), ended_on__isnull=True)
    existing = {(a.person_id, a.organisation_id): a for a in current}
    busy = {a.person_id for a in current}
    Affiliation.objects.bulk_create(
        [
            Affiliation(
                person_id=person_id,
                organisation_id=org_id,
                function=s.function,
                subjects=s.subjects,
                is_primary=person_id not in busy,
            )
            for (person_id, org_id), s in wanted.items()
            if (person_id, org_id) not in existing
        ]
    )
    changed = []
    for key, affiliation in existing.items():
        spec = wanted.get(key)
        if spec and (affiliation.function, affiliation.subjects) != (spec.function, spec.subjects):
            affiliation.function, affiliation.subjects = spec.function, spec.subjects
            affiliation.updated_at = timezone.now()  # bulk_update skips auto_now
            changed.append(affiliation)
    Affiliation.objects.bulk_update(changed, ["function", "subjects", "updated_at"])

    # Profiles taught, synchronised through the M2M table in two queries.
    ids = {
        (a.person_id, a.organisation_id): a.pk
        for a in Affiliation.objects.filter(person__in=users.values(), ended_on__isnull=True)
    }
    profiles = {p.code: p.pk for p in Profile.objects.all()}
    through = Affiliation.profiles.through
    want_pairs = {(ids[key], profiles[code]) for key, s in wanted.items() for code in s.profiles}
    have_pairs = set(
        through.objects.filter(affiliation_id__in=[ids[k] for k in wanted]).values_list(
            "affiliation_id", "profile_id"
        )
    )
    through.objects.bulk_create(
        [through(affiliation_id=a, profile_id=p) for a, p in sorted(want_pairs - have_pairs)]
    )
    for affiliation_id, profile_id in have_pairs - want_pairs:
        through.objects.filter(affiliation_id=affiliation_id, profile_id=profile_id).delete()
    stdout.write(
        f"Dienstverbanden: {len(wanted)} ({len(wanted) - len(existing.keys() & wanted.keys())} "
        f"nieuw)\n"
    )


def _build_roles(specs, users, organisations, region, stdout) -> None:
    count = created = 0
    for spec in specs:
        for role, org_name in spec.roles:
            # The role services write an audit entry on every call; the demo must not.
            _, new = RoleAssignment.objects.get_or_create(
                person=users[spec.email],
                role=role,
                organisation=organisations[org_name] if org_name else None,
                region=None if org_name else region,
            )
            count += 1
            created += new
    stdout.write(f"Rollen: {count} ({created} nieuw)\n")


@transaction.atomic
def build(*, stdout) -> list[tuple[str, str, str]]:
    """Build (or bring back) the Zuid-Limburg demo region; returns (e-mail, password, role)."""
    stdout.write(f"Demoregio {REGION_NAME} opbouwen…\n")
    region, _ = _upsert(Region, {"slug": REGION_SLUG}, {"name": REGION_NAME})
    organisations = _build_organisations(region, stdout)
    _build_labs(organisations, stdout)
    specs = people_specs()
    users = _build_people(specs, stdout)
    _build_affiliations(specs, users, organisations, stdout)
    _build_roles(specs, users, organisations, region, stdout)
    return [(email, DEMO_PASSWORD, description) for email, description in DEMO_LOGINS]
