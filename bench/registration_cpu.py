"""CPU per registration, one after another, in-process: what a change to the rush path saves.

The rush (`rush.py`) answers "how many per second", but on a shared two-core machine its
figures move by 20 % from run to run. This script answers the narrower question a change to
the request path needs: how much CPU does one API registration cost, in Django (the whole
production middleware stack, ninja, the service) and in its PostgreSQL backend? It sends the
registrations one after another through Django's WSGI handler (no gunicorn, no sockets, no
lock waits), so the figures hardly depend on what else the machine does.

It uses the same world as the rush (region, ten schools, N people with a token each, an
activity with P places per round) in its own database, `samenleren_cpu`.

    .venv/bin/python bench/registration_cpu.py                  # 5 rounds of 500
    .venv/bin/python bench/registration_cpu.py --profile 30     # and cProfile's top 30

With `--profile` it also counts Python function calls per registration: a figure that, unlike
CPU time, is the same on a busy machine (the two cores here are shared, and a busy neighbour
makes the same work take up to a third more CPU time), so it tells whether a change to the
Python side saves work. CPU times are then inflated by the profiler; compare them only
without it.

Per round it reports Django's CPU milliseconds per registration (process time of this
process; the test client's own share is a few per cent) and the PostgreSQL backend's, and
checks exactly P confirmed and N - P waitlisted.
"""

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rush  # the rush's world, database and measuring helpers

MAX_ROUNDS = 50


def backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def one_round(world: rush.World, *, places: int, number: int, profiler=None) -> dict:
    from django.test import Client

    activity_id = rush.publish_activity(world, places=places, number=number)
    client = Client(headers={"accept": "application/json"})
    path = f"/api/v1/activities/{activity_id}/registrations"
    body = json.dumps({"diet": ""})
    database = backend_pid()
    statuses: dict[str, int] = {}
    django_before = time.process_time()
    postgres_before = rush.process_cpu_seconds(database)
    if profiler:
        profiler.enable()
    for token in world.tokens:
        response = client.post(
            path,
            body,
            content_type="application/json",
            headers={"authorization": f"Bearer {token}"},
        )
        if response.status_code != 201:
            raise SystemExit(f"Answer {response.status_code}: {response.content[:300]!r}")
        status = response.json()["status"]
        statuses[status] = statuses.get(status, 0) + 1
    if profiler:
        profiler.disable()
    django_ms = (time.process_time() - django_before) * 1000 / len(world.tokens)
    postgres_ms = (rush.process_cpu_seconds(database) - postgres_before) * 1000 / len(world.tokens)
    people = len(world.tokens)
    counted = rush.database_counts(activity_id)
    correct = (
        statuses == {"confirmed": places, "waitlisted": people - places}
        and counted.get("confirmed") == places
        and counted.get("waitlisted") == people - places
    )
    return {"django_ms": django_ms, "postgres_ms": postgres_ms, "correct": correct}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--places", type=int, default=30)
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's top N")
    parser.add_argument(
        "--database-url", default=f"postgres://postgres@{rush.LOOPBACK}:5432/samenleren_cpu"
    )
    args = parser.parse_args()
    if not (1 <= args.rounds <= MAX_ROUNDS and 1 <= args.people <= rush.MAX_PEOPLE):
        raise SystemExit(f"--rounds 1..{MAX_ROUNDS}, --people 1..{rush.MAX_PEOPLE}")
    if not 0 < args.places < args.people:
        raise SystemExit("--places must be between 0 and --people")

    environment = rush.server_environment(args.database_url)
    # The test client talks to the handler directly; "testserver" is its host name.
    environment["ALLOWED_HOSTS"] = "testserver"
    rush.recreate_database(args.database_url)
    rush.django_setup(environment)
    world = rush.build_world(args.people)

    profiler = cProfile.Profile(time.process_time) if args.profile else None
    # One round first, not counted: imports, compiled templates, prepared statements.
    one_round(world, places=args.places, number=0)
    rounds = []
    print(f"{'round':>5} {'django ms':>9} {'pg ms':>6} {'ok':>3}")
    for number in range(1, args.rounds + 1):
        result = one_round(world, places=args.places, number=number, profiler=profiler)
        rounds.append(result)
        print(
            f"{number:>5} {result['django_ms']:>9.2f} {result['postgres_ms']:>6.2f} "
            f"{'yes' if result['correct'] else 'NO':>3}"
        )
    django_median = statistics.median(r["django_ms"] for r in rounds)
    postgres_median = statistics.median(r["postgres_ms"] for r in rounds)
    print(
        f"median: Django {django_median:.2f} ms, PostgreSQL {postgres_median:.2f} ms "
        f"per registration; {'all' if all(r['correct'] for r in rounds) else 'NOT all'} exact"
    )
    if profiler:
        stats = pstats.Stats(profiler)
        calls = stats.total_calls / (args.rounds * args.people)
        # Unlike CPU time, this count does not depend on what else the machine is doing.
        print(f"Python function calls per registration: {calls:.0f} (under the profiler)")
        stats.sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
