"""Data of the demo region: fictional organisations in real towns of Zuid-Limburg, their labs,
and the Dutch names the demo people are drawn from. The builder is in demo.py."""

from dataclasses import dataclass

from .models import EquipmentKind, Function, LabKind, OrganisationKind

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


# Equipment per lab: (lab, kind, brand, model). The skills of who can use them are the school
# intake's demo (samenleren/schools), which shows the bus-factor risks.
EQUIPMENT = [
    ("TechLab Maasoever", EquipmentKind.LASER_CUTTER, "Trotec", "Speedy 300"),
    ("TechLab Maasoever", EquipmentKind.PRINTER_3D, "Ultimaker", "S5"),
    ("TechLab Maasoever", EquipmentKind.CNC_MILL, "Stepcraft", "D.840"),
    ("TechLab Kasteelhof", EquipmentKind.ROBOT_ARM, "Universal Robots", "UR3e"),
    ("TechLab Kasteelhof", EquipmentKind.PLOTTER, "Roland", "CAMM-1 GS2"),
    ("TechLab Kasteelhof", EquipmentKind.VR_SET, "Meta", "Quest 3"),
    ("TechLab Rosveld", EquipmentKind.WELDER, "Kemppi", "Minarc Evo 200"),
    ("TechLab Rosveld", EquipmentKind.LATHE, "Optimum", "D320x920"),
    ("TechLab Rosveld", EquipmentKind.HOME_AUTOMATION, "", ""),
    ("TechLab De Mijnzetel", EquipmentKind.LASER_CUTTER, "BRM", "100160"),
    ("TechLab De Mijnzetel", EquipmentKind.PLASMA_CUTTER, "Hypertherm", "Powermax45"),
    ("TechLab De Mijnzetel", EquipmentKind.CNC_MILL, "Haas", "Mini Mill"),
    ("TechLab De Mijnzetel", EquipmentKind.ELECTRONICS, "", ""),
    ("Bouwlab Wormdal", EquipmentKind.CNC_MILL, "ShopBot", "Desktop"),
    ("Doe-lab De Kleine Kei", EquipmentKind.MICROCONTROLLER, "BBC", "micro:bit"),
    ("Doe-lab Het Kompas", EquipmentKind.PRINTER_3D, "Prusa", "MK4"),
    ("Doe-lab Het Kompas", EquipmentKind.ELECTRONICS, "", ""),
    ("Installatiewerkplaats", EquipmentKind.HEAT_PUMP, "", ""),
    ("Installatiewerkplaats", EquipmentKind.SOLAR, "", ""),
]
