"""Demo calendar: a year of activities that tell the interview's story.

Runs after the network demo. Idempotent: an activity is found by region and title and left
alone if it exists. Dates are relative to the day of the first build, so a fresh demo always
has past activities (with attendance, evaluations and certificates) and upcoming ones (one of
them full, with a waiting list; the TechLab tour with one visit that has fewer places and is
full while the tour itself still has room).
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samenleren.accounts.models import User
from samenleren.network.models import Affiliation, Lab, Organisation, Profile, Region

from .models import Activity, ActivityKind, Registration, RegistrationStatus, SessionAbsence
from .services.activity import activity_publish, activity_save
from .services.attendance import attendance_mark
from .services.certificates import certificates_issue
from .services.evaluation import evaluation_submit

SEED = 20241124
REGION_SLUG = "zuid-limburg"


@dataclass(frozen=True)
class SessionSpec:
    weeks: int  # from today; negative is in the past
    weekday: int  # 0 = Monday
    start: time
    end: time
    hours: str
    online: bool = False
    lab: str = ""  # a lab's name: the session is there (at the lab's organisation)
    capacity: int | None = None  # own places, fewer than the activity's
    missed_by: tuple[int, ...] = ()  # registrants (0 = the first) who say they will miss it


@dataclass(frozen=True)
class ActivitySpec:
    title: str
    kind: str
    summary: str
    description: str
    capacity: int
    sessions: tuple[SessionSpec, ...]
    venue: str = ""  # organisation name
    provider: str = ""
    profiles: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    catering_at: time | None = None
    catering_note: str = ""
    registrations: int = 0  # how many people register
    min_participants: int | None = None
    trainer: bool = False
    follow_ups: tuple[str, ...] = field(default=())
    # (school, places) kept until two weeks before the start (QUOTA_RELEASE)
    quotas: tuple[tuple[str, int], ...] = ()


PM = (time(15, 0), time(17, 30))
QUOTA_RELEASE = timedelta(weeks=2)
SPECS = [
    ActivitySpec(
        "Omgaan met korte lontjes",
        ActivityKind.TRAINING,
        "Soft skills voor de klas: rust brengen als de lont kort is.",
        "Na de coronaperiode vragen veel scholen hoe leerlingen zich weer prettig voelen op "
        "school. In twee middagen oefen je met de-escaleren, grenzen stellen en het gesprek "
        "achteraf. Met een hapje en een drankje aan het eind van de middag.",
        25,
        (SessionSpec(3, 2, *PM, "2.5"), SessionSpec(5, 2, *PM, "2.5")),
        venue="Maasoever Vakcollege",
        provider="Trainingsbureau Rust in de Klas",
        functions=("teacher", "mentor", "instructor"),
        levels=("vo", "mbo"),
        catering_at=time(16, 0),
        catering_note="Hapje en drankje",
        registrations=40,
        min_participants=12,
        trainer=True,
    ),
    ActivitySpec(
        "Omgaan met korte lontjes (voorjaar)",
        ActivityKind.TRAINING,
        "De eerste editie van de soft-skillstraining.",
        "De-escaleren in de praktijk, met casussen uit de eigen school.",
        20,
        (SessionSpec(-30, 2, *PM, "2.5"), SessionSpec(-28, 2, *PM, "2.5")),
        venue="Maasoever Vakcollege",
        provider="Trainingsbureau Rust in de Klas",
        catering_at=time(16, 0),
        catering_note="Hapje en drankje",
        registrations=18,
        follow_ups=(
            "Hoe houd ik een klas rustig tijdens praktijklessen in de werkplaats?",
            "Hoe voer ik een herstelgesprek met een leerling en ouders?",
        ),
    ),
    ActivitySpec(
        "Netwerkbijeenkomst PIE-docenten",
        ActivityKind.NETWORK_MEETING,
        "PIE-docenten vertellen elkaar welke materialen en methoden ze gebruiken.",
        "Neem een les of opdracht mee die werkt. Sommige vragen los je samen al op; de "
        "vervolgvragen halen we aan het eind op.",
        30,
        (SessionSpec(4, 1, time(15, 30), time(18, 0), "2.5"),),
        venue="Techniekcollege Parkstad",
        profiles=("PIE",),
        functions=("teacher", "toa"),
        catering_at=time(17, 30),
        catering_note="Broodjes",
        registrations=14,
    ),
    ActivitySpec(
        "Meet & greet met mbo-locaties",
        ActivityKind.MEET_GREET,
        "Mentoren en decanen ontmoeten de mbo-opleidingen in de regio, voor betere LOB.",
        "Zodat leerlingen via hun docenten, mentoren en decanen beter weten voor welke "
        "opleiding ze kiezen, en docenten ingangen krijgen in het mbo.",
        60,
        (SessionSpec(6, 3, time(15, 0), time(18, 0), "3"),),
        venue="Techniekcollege Parkstad",
        functions=("mentor", "decaan"),
        levels=("vo", "mbo"),
        catering_at=time(17, 0),
        catering_note="Hapje en drankje",
        registrations=22,
    ),
    ActivitySpec(
        "Online workshop: lesideeën met de lasersnijder",
        ActivityKind.ONLINE_WORKSHOP,
        "Een uur vol voorbeelden om de lasersnijder in je lessen te gebruiken.",
        "Van sleutelhanger tot bouwpakket: docenten laten zien wat werkt, ook voor po-klassen.",
        100,
        (SessionSpec(2, 0, time(19, 30), time(20, 30), "1", online=True),),
        provider="Samen Leren",
        profiles=("BWI", "PIE", "MVI"),
        registrations=31,
    ),
    ActivitySpec(
        "Online workshop: LOB in de techniekles",
        ActivityKind.ONLINE_WORKSHOP,
        "Loopbaanoriëntatie verweven in je praktijklessen.",
        "Korte, praktische werkvormen die je morgen kunt gebruiken.",
        100,
        (SessionSpec(-8, 1, time(19, 30), time(20, 30), "1", online=True),),
        provider="Samen Leren",
        functions=("teacher", "mentor", "decaan"),
        registrations=27,
        follow_ups=("Hoe betrek ik bedrijven uit de buurt bij LOB-opdrachten?",),
    ),
    ActivitySpec(
        "STO-festival Zuid-Limburg",
        ActivityKind.FESTIVAL,
        "Een middag vol workshops, demonstraties en ontmoetingen voor iedereen in techniek.",
        "Voor po, vo, mbo en bedrijven: laat zien wat je doet en leer van elkaar.",
        300,
        (SessionSpec(12, 4, time(13, 0), time(18, 0), "4"),),
        venue="Techniekcollege Parkstad",
        catering_at=time(17, 0),
        catering_note="Buffet",
        registrations=64,
    ),
    ActivitySpec(
        "TechLab-tour Limburg",
        ActivityKind.VISIT,
        "Met alle TechLab-medewerkers alle TechLabs in de regio bezoeken.",
        "Het idee kwam uit een netwerkbijeenkomst: zien hoe andere scholen hun lab inrichten "
        "en gebruiken. Twee woensdagen, vier labs; we reizen samen met een bus. Het "
        "robotica-lokaal van TechLab Kasteelhof is klein: bij dat bezoek kunnen twaalf mensen "
        "mee.",
        25,
        (
            SessionSpec(8, 2, time(9, 0), time(11, 30), "2.5", lab="TechLab Maasoever"),
            SessionSpec(
                8,
                2,
                time(13, 0),
                time(15, 30),
                "2.5",
                lab="TechLab Kasteelhof",
                capacity=12,
                missed_by=(1, 4),
            ),
            SessionSpec(9, 2, time(9, 0), time(11, 30), "2.5", lab="TechLab Rosveld"),
            SessionSpec(9, 2, time(13, 0), time(15, 30), "2.5", lab="TechLab De Mijnzetel"),
        ),
        venue="Maasoever Vakcollege",
        functions=("toa", "teacher", "wt_coordinator"),
        # Two say they will miss the Kasteelhof visit, so 14 get a place: that visit is then
        # full (12 of 12) while the tour has 11 places left; the last two wait.
        registrations=16,
    ),
    ActivitySpec(
        "Praktijkmiddag lasersnijder: veilig en zelfstandig werken",
        ActivityKind.TRAINING,
        "Zelf met de lasersnijder werken, van ontwerp tot veilig afsluiten.",
        "Op verzoek van scholen waar alleen de TOA de lasersnijder kan bedienen. Maasoever "
        "Vakcollege vroeg erom; daarom zijn daar zes plaatsen voor gereserveerd tot twee weken "
        "vooraf. Daarna zijn ze voor iedereen.",
        12,
        (SessionSpec(5, 1, time(14, 0), time(17, 0), "3", lab="TechLab Maasoever"),),
        venue="Maasoever Vakcollege",
        profiles=("BWI", "PIE"),
        functions=("teacher", "toa"),
        registrations=6,
        quotas=(("Maasoever Vakcollege", 6),),
    ),
    ActivitySpec(
        "3D-printen in de bovenbouw van het po",
        ActivityKind.TRAINING,
        "Basisvaardigheden 3D-printen voor leerkrachten en W&T-coördinatoren.",
        "Van ontwerp tot print, met opdrachten voor groep 6 tot en met 8.",
        16,
        (SessionSpec(-12, 2, time(14, 30), time(17, 0), "2.5"),),
        venue="Maasoever Vakcollege",
        levels=("po",),
        functions=("teacher", "wt_coordinator"),
        registrations=15,
        follow_ups=("Welke 3D-printer is geschikt voor een basisschool met weinig budget?",),
    ),
]


def _at(spec: SessionSpec, today: date) -> tuple[datetime, datetime]:
    monday = today - timedelta(days=today.weekday())
    day = monday + timedelta(weeks=spec.weeks, days=spec.weekday)
    zone = timezone.get_current_timezone()
    return (datetime.combine(day, spec.start, zone), datetime.combine(day, spec.end, zone))


def _participants(rng: random.Random, spec: ActivitySpec, region: Region) -> list[Affiliation]:
    affiliations = (
        Affiliation.objects.filter(organisation__region=region, ended_on__isnull=True)
        .select_related("person", "organisation")
        .order_by("pk")
    )
    if spec.functions:
        affiliations = affiliations.filter(function__in=spec.functions)
    if spec.profiles:
        affiliations = affiliations.filter(profiles__code__in=spec.profiles).distinct()
    pool = list(affiliations)
    rng.shuffle(pool)
    seen, chosen = set(), []
    for affiliation in pool:
        if affiliation.person_id not in seen:
            seen.add(affiliation.person_id)
            chosen.append(affiliation)
    return chosen[: spec.registrations]


def _register(
    activity: Activity, spec: ActivitySpec, affiliations: list[Affiliation], moment: datetime
) -> None:
    """Demo history, in order of registering, by the calendar's rules (docs/locking.md): a
    newcomer gets a place when the activity and every session with its own capacity have room,
    counting in a session everyone holding a place minus those who said they will miss it;
    otherwise the waiting list. Holders in a session's `missed_by` say so right away."""
    sessions = list(zip(activity.sessions.order_by("pk"), spec.sessions, strict=True))
    held, absent = 0, Counter()  # places held; per session, holders who will miss it
    rows, missing = [], []
    for index, affiliation in enumerate(affiliations):
        confirmed = held < activity.capacity and all(
            held - absent[session.pk] < session.capacity
            for session, _spec in sessions
            if session.capacity is not None
        )
        if confirmed:
            held += 1
            for session, session_spec in sessions:
                if index in session_spec.missed_by:
                    absent[session.pk] += 1
                    missing.append((len(rows), session))
        registered = moment + timedelta(minutes=index * 7)
        rows.append(
            Registration(
                activity=activity,
                person=affiliation.person,
                organisation=affiliation.organisation,
                function=affiliation.function,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
                confirmed_at=registered if confirmed else None,
                waitlisted_at=None if confirmed else registered,
                diet="vegetarisch" if index % 7 == 3 else "glutenvrij" if index % 11 == 5 else "",
            )
        )
    created = Registration.objects.bulk_create(rows)
    SessionAbsence.objects.bulk_create(
        SessionAbsence(registration=created[row], session=session) for row, session in missing
    )


def _wrap_up(activity: Activity, coordinator: User, rng: random.Random, spec: ActivitySpec):
    """Attendance, evaluations and certificates for an activity in the past."""
    confirmed = list(activity.registrations.filter(status=RegistrationStatus.CONFIRMED))
    for session in activity.sessions.all():
        present = {r.pk for r in confirmed if rng.random() < 0.88}
        attendance_mark(session=session, actor=coordinator, present_ids=present)
    attended = activity.registrations.filter(attendances__present=True).distinct()
    comments = [
        "Heel praktisch, direct bruikbaar.",
        "Fijn om collega's van andere scholen te spreken.",
        "Meer tijd voor oefenen graag.",
        "",
    ]
    for index, registration in enumerate(attended):
        follow_up = (
            spec.follow_ups[index % len(spec.follow_ups)]
            if (spec.follow_ups and index % 3 == 0)
            else ""
        )
        evaluation_submit(
            registration=registration,
            rating=rng.choice([3, 4, 4, 5, 5]),
            useful=comments[index % len(comments)],
            improve=comments[(index + 2) % 4],
            follow_up_question=follow_up,
        )
    certificates_issue(activity=activity, actor=coordinator)


def build(*, stdout) -> list[tuple[str, str, str]]:
    region = Region.objects.filter(slug=REGION_SLUG).first()
    coordinator = User.objects.filter(email="linda@samenleren.example").first()
    trainer = User.objects.filter(email="trainer@demo.samenleren.example").first()
    if region is None or coordinator is None:
        stdout.write("Calendar demo skipped: build the network demo first.\n")
        return []
    rng = random.Random(SEED)
    today = timezone.localdate()
    created = 0
    for spec in SPECS:
        if Activity.objects.filter(region=region, title=spec.title).exists():
            continue
        with transaction.atomic():
            _build_one(spec, region, coordinator, trainer, rng, today)
        created += 1
    stdout.write(
        f"Opleidingskalender: {created} activiteiten nieuw, {len(SPECS) - created} bestonden al.\n"
    )
    return []


def _build_one(spec, region, coordinator, trainer, rng, today) -> None:
    venue = Organisation.objects.filter(region=region, name=spec.venue).first()
    labs = {
        lab.name: lab
        for lab in Lab.objects.filter(
            organisation__region=region, name__in=[s.lab for s in spec.sessions if s.lab]
        ).select_related("organisation")
    }
    sessions = []
    for session_spec in spec.sessions:
        starts_at, ends_at = _at(session_spec, today)
        lab = labs.get(session_spec.lab)
        sessions.append(
            {
                "starts_at": starts_at,
                "ends_at": ends_at,
                "venue": None if session_spec.online else (lab.organisation if lab else venue),
                "lab": lab,
                "capacity": session_spec.capacity,
                "online_url": "https://meet.samenleren.example/" + str(rng.randint(10**5, 10**6))
                if session_spec.online
                else "",
                "study_hours": Decimal(session_spec.hours),
            }
        )
    first_start = sessions[0]["starts_at"]
    activity = Activity(
        region=region,
        title=spec.title,
        kind=spec.kind,
        summary=spec.summary,
        description=spec.description,
        capacity=spec.capacity,
        organiser=coordinator,
        provider=spec.provider,
        target_functions=list(spec.functions),
        target_levels=list(spec.levels),
        catering=spec.catering_at is not None,
        catering_at=spec.catering_at,
        catering_note=spec.catering_note,
        min_participants=spec.min_participants,
        go_no_go_on=(first_start - timedelta(days=10)).date() if spec.min_participants else None,
        registration_opens_at=first_start - timedelta(weeks=10),
        quota_release_at=first_start - QUOTA_RELEASE if spec.quotas else None,
    )
    kept = dict(spec.quotas)
    quotas = [
        (school, kept[school.name])
        for school in Organisation.objects.filter(region=region, name__in=kept)
    ]
    activity_save(
        actor=coordinator,
        activity=activity,
        sessions=sessions,
        profiles=list(Profile.objects.filter(code__in=spec.profiles)),
        trainers=[trainer] if spec.trainer and trainer else None,
        quotas=quotas or None,
        questions=[
            {
                "label": "Wat wil je na afloop kunnen?",
                "kind": "text",
                "choices": "",
                "required": False,
            }
        ]
        if spec.kind == ActivityKind.TRAINING
        else None,
    )
    activity_publish(actor=coordinator, activity=activity)
    participants = _participants(rng, spec, region)
    _register(activity, spec, participants, first_start - timedelta(weeks=6))
    if first_start < timezone.now():
        _wrap_up(activity, coordinator, rng, spec)
