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

from .demo_data import (
    COMPANY,
    ELECTIVES,
    EQUIPMENT,
    FEMALE_NAMES,
    GENERAL_SUBJECTS,
    LABS,
    LAST_NAMES,
    MALE_NAMES,
    MBO,
    MBO_SUBJECTS,
    MH,
    ORGANISATIONS,
    PO,
    PS,
    REGION_NAME,
    REGION_SLUG,
    TECHNICAL,
    VO,
    WM,
    OrgSpec,
)
from .models import (
    Affiliation,
    Board,
    Equipment,
    Function,
    Lab,
    Organisation,
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
    labs = {lab.name: lab for lab in Lab.objects.filter(organisation__in=organisations.values())}
    created = 0
    for lab_name, kind, brand, model_name in EQUIPMENT:
        _, new = _upsert(
            Equipment,
            {"lab": labs[lab_name], "kind": kind},
            {"brand": brand, "model_name": model_name},
        )
        created += new
    stdout.write(f"Apparatuur: {len(EQUIPMENT)} ({created} nieuw)\n")


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
