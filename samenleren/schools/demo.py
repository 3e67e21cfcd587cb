"""Demo of the school intake and the TechLabs: who can use the demo labs' machines (with several
machines at risk, notably the laser cutter of TechLab Maasoever that only one TOA can operate),
school questions in every status with visits and answers, a training question, and the levels
of the schools.

Runs after the network and calendar demos. Idempotent: skills are keyed by person and machine,
questions by school and aim, visits by school, day and who; existing rows are left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from samenleren.accounts.models import User
from samenleren.activities.models import Activity
from samenleren.network.models import (
    Affiliation,
    Equipment,
    EquipmentKind,
    EquipmentSkill,
    Function,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    RoleAssignment,
    SkillLevel,
)

from .models import (
    ActivityTeaches,
    Intake,
    IntakeAnswer,
    IntakeAnswerKind,
    IntakeStatus,
    NeedStatus,
    SchoolDetails,
    SchoolLevel,
    TrainingNeed,
    Visit,
)
from .selectors import equipment_statuses

REGION_SLUG = "zuid-limburg"
MAASOEVER = "Maasoever Vakcollege"
CONTACT = "contact@demo.samenleren.example"
TEACHER = "docent@demo.samenleren.example"
U, TEACH = SkillLevel.USE, SkillLevel.INSTRUCT

# (lab, kind, [(who, level)]) where who is "toa", "teacher:N" (the N-th teacher or instructor of
# the school, by e-mail), or a fixed demo e-mail. Machines with one person or none are at risk.
SKILLS = [
    ("TechLab Maasoever", EquipmentKind.LASER_CUTTER, [("toa", TEACH)]),
    (
        "TechLab Maasoever",
        EquipmentKind.PRINTER_3D,
        [("toa", TEACH), (TEACHER, U), ("teacher:1", U)],
    ),
    ("TechLab Maasoever", EquipmentKind.CNC_MILL, []),
    ("TechLab Kasteelhof", EquipmentKind.ROBOT_ARM, [("teacher:0", TEACH), ("teacher:1", U)]),
    ("TechLab Kasteelhof", EquipmentKind.PLOTTER, [("teacher:2", U)]),
    ("TechLab Kasteelhof", EquipmentKind.VR_SET, [("teacher:0", U), ("teacher:3", U), ("toa", U)]),
    ("TechLab Rosveld", EquipmentKind.WELDER, [("teacher:0", TEACH), ("teacher:1", U), ("toa", U)]),
    ("TechLab Rosveld", EquipmentKind.LATHE, [("toa", TEACH)]),
    ("TechLab Rosveld", EquipmentKind.HOME_AUTOMATION, [("teacher:2", U), ("teacher:3", U)]),
    (
        "TechLab De Mijnzetel",
        EquipmentKind.LASER_CUTTER,
        [("toa", TEACH), ("teacher:0", U), ("teacher:1", U)],
    ),
    ("TechLab De Mijnzetel", EquipmentKind.PLASMA_CUTTER, [("teacher:2", U)]),
    ("TechLab De Mijnzetel", EquipmentKind.CNC_MILL, [("toa", TEACH), ("teacher:3", U)]),
    (
        "TechLab De Mijnzetel",
        EquipmentKind.ELECTRONICS,
        [("teacher:0", U), ("teacher:4", U), ("toa", U)],
    ),
    ("Bouwlab Wormdal", EquipmentKind.CNC_MILL, [("teacher:0", U)]),
    (
        "Doe-lab De Kleine Kei",
        EquipmentKind.MICROCONTROLLER,
        [("teacher:0", U), ("teacher:1", U), ("teacher:2", U)],
    ),
    ("Doe-lab Het Kompas", EquipmentKind.PRINTER_3D, [("teacher:0", TEACH), ("teacher:1", U)]),
    ("Doe-lab Het Kompas", EquipmentKind.ELECTRONICS, [("teacher:0", U)]),
    ("Installatiewerkplaats", EquipmentKind.HEAT_PUMP, [("teacher:0", TEACH), ("teacher:1", U)]),
    ("Installatiewerkplaats", EquipmentKind.SOLAR, [("teacher:0", U), ("teacher:2", U)]),
]

VMBO = [SchoolLevel.VMBO_BB, SchoolLevel.VMBO_KB, SchoolLevel.VMBO_GT]
LEVELS = {
    OrganisationKind.VO: VMBO,
    OrganisationKind.PO: [SchoolLevel.PO],
    OrganisationKind.MBO: [SchoolLevel.MBO],
}

# (school, status, weeks ago, aim, target group, now, desired, forms, urgency, machine kind)
INTAKES = [
    (
        MAASOEVER,
        IntakeStatus.NEW,
        1,
        "Meer collega's kunnen met de lasersnijder in ons TechLab werken.",
        "De docenten BWI en PIE (zes mensen) en de tweede TOA.",
        "Alleen onze TOA kan de lasersnijder bedienen. Als hij ziek is, vallen de "
        "praktijklessen en de techniekmiddagen voor de basisscholen uit.",
        "Minstens vier collega's kunnen zelfstandig en veilig met de lasersnijder werken; twee "
        "kunnen het anderen leren.",
        ["training", "visit"],
        "this_term",
        EquipmentKind.LASER_CUTTER,
    ),
    (
        "Rosveld Vakcollege",
        IntakeStatus.IN_CONVERSATION,
        4,
        "Onze PIE-docenten gebruiken de domotica-opstelling zelf in hun lessen.",
        "Vier PIE-docenten en de teamleider techniek.",
        "De opstelling staat er sinds vorig jaar, maar alleen bij projectweken wordt ze gebruikt.",
        "Elke PIE-docent geeft minstens één lessenserie met de domotica-opstelling.",
        ["training", "coaching"],
        "this_year",
        EquipmentKind.HOME_AUTOMATION,
    ),
    (
        "Vmbo De Mijnzetel",
        IntakeStatus.WORKED_OUT,
        8,
        "Mentoren weten hoe ze de-escaleren als een leerling in de werkplaats boos wordt.",
        "Alle mentoren van leerjaar 1 en 2, ongeveer veertien mensen.",
        "In de praktijklokalen lopen conflicten vaker uit de hand; collega's voelen zich alleen "
        "staan.",
        "Een gedeelde aanpak, en collega's die zich zeker voelen in lastige gesprekken.",
        ["training", "network"],
        "this_term",
        None,
    ),
    (
        "Vmbo De Kasteelhof",
        IntakeStatus.ANSWERED,
        14,
        "Docenten MVI kunnen de robotarm programmeren voor een eigen lessenserie.",
        "Drie docenten MVI en de TOA.",
        "Eén docent kan de robotarm programmeren; de anderen kijken mee.",
        "Elke MVI-docent heeft een lessenserie met de robotarm gegeven.",
        ["training", "elearning"],
        "this_year",
        EquipmentKind.ROBOT_ARM,
    ),
    (
        "Geuldal College",
        IntakeStatus.CLOSED,
        30,
        "Techniekmiddagen voor groep 7 en 8 van de basisscholen in Valkenburg opzetten.",
        "Twee docenten BWI en de decaan.",
        "We hebben geen eigen TechLab en weten niet waar we kunnen beginnen.",
        "Vier techniekmiddagen per jaar, samen met een TechLab in de buurt.",
        ["visit", "network"],
        "next_year",
        None,
    ),
]

# (school, weeks ago, who, notes, agreements, next step, reminder in days from today or None)
VISITS = [
    (
        "Rosveld Vakcollege",
        3,
        "Teamleider techniek en twee PIE-docenten",
        "Rondleiding door het TechLab; de domotica-opstelling werkt, maar niemand heeft er een "
        "lesplan voor.",
        "De school stuurt een lijst met lesdoelen; de coördinator zoekt een trainer.",
        "Trainer van Installatiebedrijf Heuvelland vragen",
        7,
    ),
    (
        "Vmbo De Mijnzetel",
        6,
        "Teamleider onderbouw en de zorgcoördinator",
        "Het gaat vooral om de praktijklessen; de theorielessen lopen goed.",
        "De training 'Omgaan met korte lontjes' past; de school meldt veertien mentoren aan.",
        "Data van de training doorgeven",
        None,
    ),
    (
        "Vmbo De Kasteelhof",
        12,
        "Schoolcontactpersoon en de TOA",
        "De robotarm staat in het robotica-lokaal; de TOA wil graag zelf ook leren programmeren.",
        "Online module en een praktijkmiddag bij Procesautomatisering Geleen.",
        "Praktijkmiddag plannen",
        None,
    ),
]


def build(*, stdout) -> list[tuple[str, str, str]]:
    region = Region.objects.filter(slug=REGION_SLUG).first()
    coordinator = User.objects.filter(email="linda@samenleren.example").first()
    if region is None or coordinator is None:
        stdout.write("Schoolvraag-demo overgeslagen: bouw eerst de netwerkdemo.\n")
        return []
    with transaction.atomic():
        _levels(region)
        skills = _skills(region)
        intakes = _intakes(region, coordinator)
        visits = _visits(region, coordinator)
        _teaches(region)
        needs = _need(region, coordinator)
    stdout.write(
        f"Schoolvraag en TechLabs: {skills} vaardigheden, {intakes} schoolvragen, "
        f"{visits} bezoeken; opleidingsvragen: {needs} nieuw.\n"
    )
    return []


def _levels(region) -> None:
    for organisation in Organisation.objects.filter(region=region, kind__in=list(LEVELS)):
        SchoolDetails.objects.get_or_create(
            organisation=organisation, defaults={"levels": list(LEVELS[organisation.kind])}
        )


def _staff(organisation) -> dict[str, list[User]]:
    """The school's TOAs and teachers/instructors with a current affiliation, by e-mail."""
    rows = (
        Affiliation.objects.filter(organisation=organisation, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__email")
    )
    staff: dict[str, list[User]] = {"toa": [], "teacher": []}
    for a in rows:
        if a.person.email.endswith("samenleren.example"):
            continue  # the fixed demo logins are placed by hand
        if a.function == Function.TOA:
            staff["toa"].append(a.person)
        elif a.function in {Function.TEACHER, Function.INSTRUCTOR, Function.WT_COORDINATOR}:
            staff["teacher"].append(a.person)
    return staff


def _skills(region) -> int:
    machines = {
        (e.lab.name, e.kind): e
        for e in Equipment.objects.filter(lab__organisation__region=region).select_related(
            "lab", "lab__organisation"
        )
    }
    fixed = {u.email: u for u in User.objects.filter(email__in=[TEACHER, CONTACT])}
    contacts = _contacts(region)
    created = 0
    staff_cache: dict[int, dict[str, list[User]]] = {}
    for lab_name, kind, people in SKILLS:
        machine = machines.get((lab_name, kind))
        if machine is None:
            continue
        organisation = machine.lab.organisation
        staff = staff_cache.setdefault(organisation.pk, _staff(organisation))
        for who, level in people:
            person = _pick(who, staff, fixed)
            if person is None:
                continue
            _, new = EquipmentSkill.objects.get_or_create(
                person=person,
                equipment=machine,
                defaults={"level": level, "declared_by": contacts.get(organisation.pk, person)},
            )
            created += new
    return created


def _pick(who: str, staff, fixed) -> User | None:
    if who == "toa":
        return (
            staff["toa"][0]
            if staff["toa"]
            else (staff["teacher"][-1] if staff["teacher"] else None)
        )
    if who.startswith("teacher:"):
        index = int(who.split(":")[1])
        return staff["teacher"][index] if index < len(staff["teacher"]) else None
    return fixed.get(who)


def _contacts(region) -> dict[int, User]:
    contacts: dict[int, User] = {}
    for assignment in (
        RoleAssignment.objects.filter(role=Role.SCHOOL_CONTACT, organisation__region=region)
        .select_related("person")
        .order_by("person__email")
    ):
        contacts.setdefault(assignment.organisation_id, assignment.person)
    return contacts


def _intakes(region, coordinator) -> int:
    schools = {o.name: o for o in Organisation.objects.filter(region=region)}
    contacts = _contacts(region)
    now = timezone.now()
    created = 0
    for name, status, weeks, aim, group, current, desired, forms, urgency, kind in INTAKES:
        school = schools.get(name)
        if school is None:
            continue
        machine = (
            Equipment.objects.filter(lab__organisation=school, kind=kind).first() if kind else None
        )
        intake, new = Intake.objects.get_or_create(
            organisation=school,
            aim=aim,
            defaults={
                "created_by": contacts.get(school.pk),
                "status": status,
                "target_group": group,
                "current_situation": current,
                "desired_situation": desired,
                "preferred_forms": forms,
                "urgency": urgency,
                "equipment": machine,
                "submitted_at": now - timedelta(weeks=weeks),
            },
        )
        created += new
        if new and status in {IntakeStatus.ANSWERED, IntakeStatus.CLOSED, IntakeStatus.WORKED_OUT}:
            _answer(intake, region, coordinator)
    # A draft the school contact of Maasoever started and has not finished.
    maasoever = schools.get(MAASOEVER)
    contact = User.objects.filter(email=CONTACT).first()
    if maasoever and contact:
        _, new = Intake.objects.get_or_create(
            organisation=maasoever,
            aim="Collega's leren lessen maken met de 3D-printer voor de onderbouw.",
            defaults={"created_by": contact, "status": IntakeStatus.DRAFT},
        )
        created += new
    return created


def _answer(intake, region, coordinator) -> None:
    """Link a fitting calendar activity (by a word in its title), as a coordinator would."""
    word = {
        "Vmbo De Mijnzetel": "korte lontjes",
        "Vmbo De Kasteelhof": "festival",
        "Geuldal College": "festival",
    }.get(intake.organisation.name)
    if not word:
        return
    activity = Activity.objects.filter(region=region, title__icontains=word).order_by("-pk").first()
    if activity is None:
        return
    IntakeAnswer.objects.get_or_create(
        intake=intake,
        kind=IntakeAnswerKind.ACTIVITY,
        object_id=activity.pk,
        defaults={
            "title": activity.title,
            "url": reverse("activities:detail", args=[activity.pk]),
            "added_by": coordinator,
        },
    )


def _visits(region, coordinator) -> int:
    schools = {o.name: o for o in Organisation.objects.filter(region=region)}
    today = timezone.localdate()
    created = 0
    for name, weeks, who, notes, agreements, next_step, remind_in in VISITS:
        school = schools.get(name)
        if school is None:
            continue
        intake = Intake.objects.filter(organisation=school).exclude(status="draft").first()
        visited_on = today - timedelta(weeks=weeks)
        exists = Visit.objects.filter(organisation=school, who=who).exists()
        if exists:
            continue
        Visit.objects.create(
            organisation=school,
            intake=intake,
            author=coordinator,
            visited_on=visited_on,
            who=who,
            notes=notes,
            agreements=agreements,
            next_step=next_step,
            remind_on=today + timedelta(days=remind_in) if remind_in is not None else None,
        )
        created += 1
    return created


def _teaches(region) -> None:
    """The calendar's laser-cutter workshop teaches the laser cutter."""
    for activity in Activity.objects.filter(region=region, title__icontains="lasersnijder"):
        ActivityTeaches.objects.get_or_create(activity=activity, kind=EquipmentKind.LASER_CUTTER)


def _need(region, coordinator) -> int:
    """The plasma cutter of De Mijnzetel, that one teacher can use, is already a to-do."""
    machine = Equipment.objects.filter(
        lab__name="TechLab De Mijnzetel",
        lab__organisation__region=region,
        kind=EquipmentKind.PLASMA_CUTTER,
    ).first()
    if machine is None or TrainingNeed.objects.filter(equipment=machine).exists():
        return 0
    statuses = equipment_statuses(organisation=machine.lab.organisation_id)
    status = next(s for s in statuses if s.equipment.pk == machine.pk)
    with translation.override("nl"):
        reason = status.reason
    TrainingNeed.objects.create(
        organisation=machine.lab.organisation,
        equipment=machine,
        reason=reason,
        created_by=coordinator,
        status=NeedStatus.IN_PROGRESS,
    )
    return 1
