"""Build a national-scale data set for the insights benchmark (bulk_create in batches).

    DATABASE_URL=sqlite:////tmp/sl/national.sqlite3 .venv/bin/python bench/insights_generate.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sl_national .venv/bin/python \
        bench/insights_generate.py --scale 1

Full scale (--scale 1): 78 regions, ~2,000 organisations, 250,000 people, 20,000 activities,
1,000,000 registrations (and attendance for past sessions). Questions (100,000) are generated
only when the community app has a Question model; otherwise the script says so. Prints the time
per step. Never point it at a database you care about: it migrates and adds rows.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from samenleren.accounts.models import User  # noqa: E402
from samenleren.activities.models import (  # noqa: E402
    Activity,
    ActivityKind,
    Attendance,
    Registration,
    Session,
)
from samenleren.network.models import (  # noqa: E402
    Affiliation,
    Function,
    Organisation,
    Region,
    StoFunction,
    Subregion,
)

BATCH = 5000


def step(name: str, started: float) -> float:
    now = time.perf_counter()
    print(f"{name}: {now - started:.1f} s", flush=True)
    return now


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    scale = args.scale
    rng = random.Random(78)
    begin = t = time.perf_counter()
    call_command("migrate", verbosity=0)
    t = step("migrate", t)
    if Region.objects.filter(slug__startswith="bench-").exists():
        print("The bench data is already there.")
        return
    regions = Region.objects.bulk_create(
        [Region(name=f"Benchregio {i:02d}", slug=f"bench-{i:02d}") for i in range(78)]
    )
    subregions = Subregion.objects.bulk_create(
        [Subregion(region=r, name=f"Subregio {j}") for r in regions for j in range(3)]
    )
    n_orgs = max(78, int(2000 * scale))
    kinds = ["po"] * 5 + ["vo"] * 3 + ["mbo"] + ["company"]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                region=regions[i % 78],
                subregion=subregions[(i % 78) * 3 + i % 3],
                name=f"School {i:05d}",
                kind=kinds[i % len(kinds)],
                staff_count=rng.choice([None, 40, 80, 150]),
            )
            for i in range(n_orgs)
        ],
        batch_size=BATCH,
    )
    StoFunction.objects.bulk_create(
        [StoFunction(organisation=o, function=Function.TEACHER) for o in organisations[::2]],
        batch_size=BATCH,
    )
    t = step(f"{len(regions)} regions, {n_orgs} organisations", t)
    n_people = int(250_000 * scale)
    User.objects.bulk_create(
        [
            User(
                email=f"p{i}@bench.example",
                first_name="Deelnemer",
                last_name=str(i),
                password="!",  # noqa: S106 (an unusable password)
            )
            for i in range(n_people)
        ],
        batch_size=BATCH,
    )
    people = list(
        User.objects.filter(email__endswith="@bench.example").values_list("pk", flat=True)
    )
    functions = [Function.TEACHER] * 6 + [Function.TOA, Function.MENTOR, Function.SUPPORT_STAFF]
    person_org = {pk: organisations[i % n_orgs] for i, pk in enumerate(people)}
    Affiliation.objects.bulk_create(
        [
            Affiliation(person_id=pk, organisation=org, function=rng.choice(functions))
            for pk, org in person_org.items()
        ],
        batch_size=BATCH,
    )
    t = step(f"{n_people} people with affiliations", t)
    n_activities = int(20_000 * scale)
    kinds = list(ActivityKind.values)
    activities = Activity.objects.bulk_create(
        [
            Activity(
                region=regions[i % 78],
                title=f"Activiteit {i}",
                kind=kinds[i % len(kinds)],
                status="published",
                capacity=60,
            )
            for i in range(n_activities)
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    sessions = Session.objects.bulk_create(
        [
            Session(
                activity=a,
                starts_at=now - timedelta(days=rng.randint(1, 330)),
                ends_at=now,
                study_hours=Decimal("3"),
                address="Bench",
            )
            for a in activities
        ],
        batch_size=BATCH,
    )
    for s in sessions:
        s.ends_at = s.starts_at + timedelta(hours=3)
    Session.objects.bulk_update(sessions, ["ends_at"], batch_size=BATCH)
    t = step(f"{n_activities} activities with a session", t)
    by_region: dict[int, list[int]] = {}
    for pk, org in person_org.items():
        by_region.setdefault(org.region_id, []).append(pk)
    n_registrations = int(1_000_000 * scale)
    per_activity = max(1, n_registrations // n_activities)
    made = 0
    batch: list[Registration] = []
    for activity, session in zip(activities, sessions, strict=True):
        pool = by_region[activity.region_id]
        for pk in rng.sample(pool, min(per_activity, len(pool))):
            batch.append(
                Registration(
                    activity=activity,
                    person_id=pk,
                    status="confirmed",
                    organisation=person_org[pk],
                    function=Function.TEACHER,
                )
            )
        if len(batch) >= BATCH:
            made += _flush(batch, sessions_by_activity={activity.pk: session}, rng=rng)
            batch = []
    made += _flush(batch, sessions_by_activity=None, rng=rng)
    t = step(f"{made} registrations with attendance", t)
    made = _questions(
        n=int(100_000 * scale), organisations=organisations, people=people, rng=rng, now=now
    )
    t = step(f"{made} questions", t)
    with connection.cursor() as cursor:  # fresh planner statistics, as after a real import
        cursor.execute("ANALYZE")
    t = step("analyze", t)
    step("total", begin)


QUESTIONS = [
    ("Wie heeft ervaring met de lasrobot?", "We willen de lasrobot inzetten in de bovenbouw."),
    ("Lesmateriaal 3D-printen", "Zoekt iemand mee naar lesmateriaal voor 3D-printen in groep 7?"),
    ("Programmeren met micro:bit", "Hoe beginnen jullie met programmeren op de micro:bit?"),
    ("Veiligheid in het practicumlokaal", "Welke veiligheidsinstructie geven jullie vooraf?"),
    (
        "Stage bij een installatiebedrijf",
        "Wie kent een installatiebedrijf dat stageplaatsen heeft?",
    ),
    ("CNC-frees voor beginners", "Is er een training voor de CNC-frees voor docenten?"),
]


def _questions(*, n, organisations, people, rng, now) -> int:
    """Questions on the board (community.Question), with the analysed text community's
    services store, spread over the last year; about a third still open."""
    from samenleren.community.matching import document_terms
    from samenleren.community.models import Question, QuestionStatus
    from samenleren.core.text import search_document

    analysed = [
        (
            title,
            text,
            " ".join(document_terms(title, text)),
            search_document(title, text, compounds=True),
        )
        for title, text in QUESTIONS
    ]
    statuses = (
        [QuestionStatus.NEW, QuestionStatus.IN_PROGRESS]
        + [QuestionStatus.ANSWERED] * 3
        + [QuestionStatus.CONVERTED]
    )
    # Ages are spread over the past year: let bulk_create keep the given created_at instead of
    # stamping "now" (only in this script; one INSERT per batch, no UPDATE afterwards).
    created_at = Question._meta.get_field("created_at")
    created_at.auto_now_add = False
    try:
        return _question_batches(n, organisations, people, rng, now, analysed, statuses, Question)
    finally:
        created_at.auto_now_add = True


def _question_batches(n, organisations, people, rng, now, analysed, statuses, Question) -> int:
    made = 0
    for start in range(0, n, BATCH):
        batch = []
        for i in range(start, min(n, start + BATCH)):
            org = organisations[i % len(organisations)]
            title, text, terms, search_text = analysed[i % len(analysed)]
            asked = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1439))
            batch.append(
                Question(
                    region_id=org.region_id,
                    organisation=org,
                    author_id=people[(i * 7) % len(people)],
                    title=title,
                    text=text,
                    terms=terms,
                    search_text=search_text,
                    status=rng.choice(statuses),
                    created_at=asked,
                )
            )
        made += len(Question.objects.bulk_create(batch, batch_size=BATCH))
    return made


def _flush(batch, *, sessions_by_activity, rng) -> int:
    created = Registration.objects.bulk_create(batch, batch_size=BATCH)
    session_of = dict(
        Session.objects.filter(activity_id__in={r.activity_id for r in created}).values_list(
            "activity_id", "pk"
        )
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                registration=r, session_id=session_of[r.activity_id], present=rng.random() < 0.85
            )
            for r in created
        ],
        batch_size=BATCH,
    )
    return len(created)


if __name__ == "__main__":
    main()
