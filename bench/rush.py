"""Registration rush: many people register for one activity at the same moment, over real HTTP.

Not a test: it measures and reports. It

1. recreates a dedicated PostgreSQL database (default `samenleren_bench` on 127.0.0.1) and
   migrates it;
2. creates a region with a coordinator, ten schools and N people (default 500) with an
   affiliation and an API token each (bulk inserts where no domain rule is involved, the
   services for roles, tokens and activities);
3. starts gunicorn (`config.wsgi`, config/gunicorn.conf.py, production settings, the full
   middleware stack) on a free port on 127.0.0.1, for each worker configuration asked for;
4. per rush: creates and publishes a fresh activity with P places (default 30) through the
   activity service, then fires N `POST /api/v1/activities/{id}/registrations` at once from
   one asyncio event loop (standard library only, one connection per request, so the client
   stays light on the two cores), and measures registrations per second and latency;
5. checks every rush: exactly P confirmed and N - P waitlisted, in the answers and in the
   database, no 5xx, and the waiting-list positions in the answers exactly 1 to N - P (each
   told once);
6. prints a table and writes bench/results/rush-<date>.json (bench/results/ is git-ignored).

Run from the project root:

    .venv/bin/python bench/rush.py                       # 5x1 and 8x1 sync workers, 20 rushes each
    .venv/bin/python bench/rush.py --configs 5x1 --rushes 5
    .venv/bin/python bench/rush.py --configs 8x1,4x4 --worker-class gthread

Traffic goes only to 127.0.0.1. Every loop has a count limit and every wait a timeout.
"""

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LOOPBACK = "127.0.0.1"
SERVER_START_TIMEOUT = 30.0
REQUEST_TIMEOUT = 60.0
RUSH_TIMEOUT = 120.0
MAX_RUSHES = 200
MAX_PEOPLE = 5000


# --- settings and database --------------------------------------------------------------------


def server_environment(database_url: str) -> dict[str, str]:
    """Production settings, with what plain HTTP on loopback needs set through the environment
    (the settings themselves are not changed)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": LOOPBACK,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }


def recreate_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    if parts.hostname not in {LOOPBACK, "localhost"}:
        raise SystemExit(f"The benchmark only talks to {LOOPBACK}, not {parts.hostname}.")
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def django_setup(environment: dict[str, str]) -> None:
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- data -------------------------------------------------------------------------------------


@dataclass
class World:
    region_id: int
    coordinator_id: int
    tokens: list[str]


def build_world(people: int) -> World:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from samenleren.accounts.models import User
    from samenleren.accounts.services import api_token_create
    from samenleren.network.models import Affiliation, Organisation, Region, Role
    from samenleren.network.services import role_assign

    call_command("migrate", verbosity=0, interactive=False)
    region = Region.objects.create(name="Benchmarkregio", slug="bench")
    coordinator = User.objects.create_user(email="coordinator@bench.example", first_name="Co")
    role_assign(actor=None, person=coordinator, role=Role.COORDINATOR, region=region)
    schools = Organisation.objects.bulk_create(
        [
            Organisation(region=region, name=f"School {number}", kind="vo", city="Heerlen")
            for number in range(10)
        ]
    )
    unusable = make_password(None)
    persons = User.objects.bulk_create(
        [
            User(
                email=f"persoon{number}@bench.example",
                first_name="Persoon",
                last_name=str(number),
                password=unusable,
            )
            for number in range(people)
        ]
    )
    Affiliation.objects.bulk_create(
        [
            Affiliation(
                person=person, organisation=schools[number % len(schools)], function="teacher"
            )
            for number, person in enumerate(persons)
        ]
    )
    tokens = [api_token_create(user=person, name="bench")[1] for person in persons]
    return World(region_id=region.pk, coordinator_id=coordinator.pk, tokens=tokens)


def publish_activity(world: World, *, places: int, number: int) -> int:
    from django.utils import timezone

    from samenleren.accounts.models import User
    from samenleren.activities.models import Activity
    from samenleren.activities.services.activity import activity_publish, activity_save

    coordinator = User.objects.get(pk=world.coordinator_id)
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
    activity = Activity(
        region_id=world.region_id,
        title=f"Drukte {number}",
        kind="festival",
        capacity=places,
        organiser=coordinator,
    )
    activity_save(
        actor=coordinator,
        activity=activity,
        sessions=[
            {
                "starts_at": start,
                "ends_at": start + dt.timedelta(hours=3),
                "address": "Techniekweg 1, Heerlen",
                "study_hours": 3,
            }
        ],
        profiles=[],
    )
    activity_publish(actor=coordinator, activity=activity)
    return activity.pk


def database_counts(activity_id: int) -> dict[str, int]:
    from django.db.models import Count

    from samenleren.activities.models import Registration

    rows = (
        Registration.objects.filter(activity_id=activity_id)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    pid: int
    database: str


@contextlib.contextmanager
def gunicorn(
    environment: dict[str, str], *, workers: int, threads: int, worker_class: str, log_path: Path
):
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        # The project's own settings; what follows overrides them for the benchmark.
        "--config",
        str(ROOT / "config" / "gunicorn.conf.py"),
        "--bind",
        f"{LOOPBACK}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        worker_class,
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    with log_path.open("ab") as log:
        server = subprocess.Popen(  # noqa: S603 - a fixed command line, no shell
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_serving(port, server)
            database = urlsplit(environment["DATABASE_URL"]).path.lstrip("/")
            yield Server(port=port, pid=server.pid, database=database)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)


def wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}; see the log.")
        status, _body = asyncio.run(request(port, "GET", "/api/v1/activities?page_size=1"))
        if status == 200:
            return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {SERVER_START_TIMEOUT:.0f} s.")


# --- the client: one asyncio loop, one connection per request ---------------------------------


async def request(
    port: int, method: str, path: str, *, token: str = "", body: bytes = b""
) -> tuple[int, bytes]:
    """A minimal HTTP/1.1 request to 127.0.0.1 that closes the connection; (status, body).
    Status 0 means the connection failed or timed out."""
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: {LOOPBACK}:{port}",
        "Connection: close",
        "Accept: application/json",
    ]
    if token:
        head.append(f"Authorization: Bearer {token}")
    if body or method == "POST":
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(LOOPBACK, port), REQUEST_TIMEOUT
        )
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), REQUEST_TIMEOUT)
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    except (OSError, TimeoutError):
        return 0, b""
    status_line, _, rest = raw.partition(b"\r\n")
    parts = status_line.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return status, rest.partition(b"\r\n\r\n")[2]


@dataclass
class Answer:
    status: int
    seconds: float
    started: float
    finished: float
    registration_status: str = ""
    position: int | None = None


async def fire(port: int, activity_id: int, tokens: list[str]) -> list[Answer]:
    path = f"/api/v1/activities/{activity_id}/registrations"
    body = json.dumps({"diet": ""}).encode()
    go = asyncio.Event()

    async def one(token: str) -> Answer:
        await go.wait()
        started = time.perf_counter()
        status, payload = await request(port, "POST", path, token=token, body=body)
        finished = time.perf_counter()
        answer = Answer(status, finished - started, started, finished)
        if status == 201:
            data = json.loads(payload)
            answer.registration_status = data["status"]
            answer.position = data["waitlist_position"]
        return answer

    tasks = [asyncio.create_task(one(token)) for token in tokens]
    await asyncio.sleep(0)  # every task is waiting at the start line
    go.set()
    return list(await asyncio.wait_for(asyncio.gather(*tasks), RUSH_TIMEOUT))


# --- measuring --------------------------------------------------------------------------------


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all cores together, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children_of(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []


def postgres_pids(database: str) -> list[int]:
    """The PostgreSQL backends serving the benchmark's database (their process title reads
    'postgres: [CLUSTER:] USER DATABASE HOST(PORT) STATE'), so other databases' work is not
    counted."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    title = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            words = title.split()
            if words[:1] == ["postgres:"] and database in words[1:4]:
                pids.append(int(entry))
    return pids


def cpu_snapshot(server_pid: int, database: str) -> dict[str, float | dict[int, float]]:
    """CPU seconds so far of the gunicorn workers, of each PostgreSQL backend of the
    benchmark's database, and of this client."""
    workers = [server_pid, *children_of(server_pid)]
    return {
        "server": sum(process_cpu_seconds(pid) for pid in workers),
        "postgres": {pid: process_cpu_seconds(pid) for pid in postgres_pids(database)},
        "client": time.process_time(),
    }


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def cpu_per_registration(before: dict, after: dict, busy_seconds: float, people: int) -> dict:
    """CPU milliseconds per registration: gunicorn, PostgreSQL, the client, and whatever else
    ran on the machine meanwhile ("other": all busy time minus the three). A backend that
    started during the rush counts in full; one that ended during it is missed."""
    used = {
        "server": after["server"] - before["server"],
        "postgres": sum(
            seconds - before["postgres"].get(pid, 0.0) for pid, seconds in after["postgres"].items()
        ),
        "client": after["client"] - before["client"],
    }
    used["other"] = max(busy_seconds - sum(used.values()), 0.0)
    return {name: round(1000 * seconds / people, 2) for name, seconds in used.items()}


@dataclass
class Rush:
    number: int
    activity_id: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    confirmed: int
    waitlisted: int
    server_errors: int
    other_answers: int
    db_counts: dict[str, int]
    distinct_positions: int
    positions_exact: bool
    cpu_busy_percent: float
    cpu_ms_per_registration: dict[str, float]
    load_average: float
    ok: bool


def run_rush(server: "Server", world: World, *, places: int, number: int) -> Rush:
    activity_id = publish_activity(world, places=places, number=number)
    load_average = os.getloadavg()[0]
    cpu_before = cpu_snapshot(server.pid, server.database)
    busy_before, total_before = cpu_ticks()
    answers = asyncio.run(fire(server.port, activity_id, world.tokens))
    busy_after, total_after = cpu_ticks()
    cpu_after = cpu_snapshot(server.pid, server.database)
    busy_seconds = (busy_after - busy_before) / CLOCK_TICKS
    wall = max(a.finished for a in answers) - min(a.started for a in answers)
    latencies = [a.seconds * 1000 for a in answers]
    confirmed = sum(a.registration_status == "confirmed" for a in answers)
    waitlisted = sum(a.registration_status == "waitlisted" for a in answers)
    server_errors = sum(a.status >= 500 for a in answers)
    other = sum(a.status != 201 and a.status < 500 for a in answers)
    counts = database_counts(activity_id)
    people = len(world.tokens)
    expected = {"confirmed": places, "waitlisted": people - places}
    told = sorted(a.position for a in answers if a.position is not None)
    # Everyone on the waiting list is told a different place: 1, 2, ... up to its length.
    positions_exact = told == list(range(1, people - places + 1))
    return Rush(
        number=number,
        activity_id=activity_id,
        seconds=round(wall, 3),
        per_second=round(people / wall, 1),
        p50_ms=round(percentile(latencies, 0.50), 1),
        p95_ms=round(percentile(latencies, 0.95), 1),
        max_ms=round(max(latencies), 1),
        confirmed=confirmed,
        waitlisted=waitlisted,
        server_errors=server_errors,
        other_answers=other,
        db_counts=counts,
        distinct_positions=len(set(told)),
        positions_exact=positions_exact,
        cpu_busy_percent=round(
            100 * (busy_after - busy_before) / max(total_after - total_before, 1), 1
        ),
        cpu_ms_per_registration=cpu_per_registration(cpu_before, cpu_after, busy_seconds, people),
        load_average=round(load_average, 2),
        ok=(
            counts == expected
            and (confirmed, waitlisted) == (places, people - places)
            and server_errors == 0
            and other == 0
            and positions_exact
        ),
    )


@dataclass
class ConfigResult:
    workers: int
    threads: int
    worker_class: str
    warmup_rushes: int
    rushes: list[Rush] = field(default_factory=list)

    def summary(self) -> dict:
        rates = [r.per_second for r in self.rushes]
        return {
            "config": f"{self.workers}x{self.threads}",
            "worker_class": self.worker_class,
            "rushes": len(self.rushes),
            "all_correct": all(r.ok for r in self.rushes),
            "per_second_median": round(statistics.median(rates), 1),
            "per_second_min": min(rates),
            "per_second_max": max(rates),
            "p50_ms_median": round(statistics.median(r.p50_ms for r in self.rushes), 1),
            "p95_ms_median": round(statistics.median(r.p95_ms for r in self.rushes), 1),
            "p95_ms_worst": max(r.p95_ms for r in self.rushes),
            "server_errors": sum(r.server_errors for r in self.rushes),
            "cpu_busy_percent_median": round(
                statistics.median(r.cpu_busy_percent for r in self.rushes), 1
            ),
            "cpu_ms_per_registration_median": {
                name: round(
                    statistics.median(r.cpu_ms_per_registration[name] for r in self.rushes), 2
                )
                for name in ("server", "postgres", "client", "other")
            },
            "load_average_median": round(statistics.median(r.load_average for r in self.rushes), 2),
        }


def print_rushes(result: ConfigResult) -> None:
    print(f"\n{result.workers} workers x {result.threads} threads ({result.worker_class})")
    print(
        f"{'rush':>4} {'reg/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'conf':>5} {'wait':>5} {'5xx':>4} {'cpu%':>5} {'srv ms':>6} {'pg ms':>5} "
        f"{'other':>5} {'load':>4} {'ok':>3}"
    )
    for r in result.rushes:
        print(
            f"{r.number:>4} {r.per_second:>7.1f} {r.p50_ms:>7.1f} {r.p95_ms:>7.1f} "
            f"{r.max_ms:>7.1f} {r.confirmed:>5} {r.waitlisted:>5} {r.server_errors:>4} "
            f"{r.cpu_busy_percent:>5.1f} {r.cpu_ms_per_registration['server']:>6.1f} "
            f"{r.cpu_ms_per_registration['postgres']:>5.1f} "
            f"{r.cpu_ms_per_registration['other']:>5.1f} {r.load_average:>4.1f} "
            f"{'yes' if r.ok else 'NO':>3}"
        )


def machine() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    model = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import django
    import gunicorn as gunicorn_package

    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn_package.__version__,
        "postgresql": postgres,
        "kernel": platform.release(),
    }


def parse_configs(text: str) -> list[tuple[int, int]]:
    configs = []
    for item in text.split(","):
        workers, _, threads = item.strip().partition("x")
        configs.append((int(workers), int(threads)))
    return configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", default="5x1,8x1", help="gunicorn WORKERSxTHREADS, ...")
    parser.add_argument(
        "--worker-class",
        choices=["sync", "gthread"],
        default="sync",
        help="gunicorn's worker class (sync, as config/gunicorn.conf.py: threads must be 1)",
    )
    parser.add_argument("--rushes", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=1, help="rushes not counted, per config")
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--places", type=int, default=30)
    parser.add_argument(
        "--database-url", default=f"postgres://postgres@{LOOPBACK}:5432/samenleren_bench"
    )
    args = parser.parse_args()
    if not (1 <= args.rushes <= MAX_RUSHES and 1 <= args.people <= MAX_PEOPLE):
        raise SystemExit(f"--rushes 1..{MAX_RUSHES}, --people 1..{MAX_PEOPLE}")
    if not 0 < args.places < args.people:
        raise SystemExit("--places must be between 0 and --people")

    environment = server_environment(args.database_url)
    recreate_database(args.database_url)
    django_setup(environment)
    started = time.perf_counter()
    world = build_world(args.people)
    print(f"Set up {args.people} people with tokens in {time.perf_counter() - started:.1f} s")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d-%H%MZ")
    log_path = RESULTS / f"rush-{stamp}-gunicorn.log"
    results = []
    number = 0
    for workers, threads in parse_configs(args.configs):
        if args.worker_class == "sync" and threads != 1:
            raise SystemExit("sync workers have one thread: use --configs Nx1")
        result = ConfigResult(
            workers=workers,
            threads=threads,
            worker_class=args.worker_class,
            warmup_rushes=args.warmup,
        )
        with gunicorn(
            environment,
            workers=workers,
            threads=threads,
            worker_class=args.worker_class,
            log_path=log_path,
        ) as server:
            for _ in range(args.warmup):
                number += 1
                run_rush(server, world, places=args.places, number=number)
            for _ in range(args.rushes):
                number += 1
                result.rushes.append(run_rush(server, world, places=args.places, number=number))
        print_rushes(result)
        results.append(result)

    print("\nSummary (warm-up rushes not counted)")
    print(
        f"{'config':>7} {'rushes':>6} {'reg/s median':>12} {'min':>7} {'max':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'5xx':>4} {'correct':>7}"
    )
    for result in results:
        s = result.summary()
        print(
            f"{s['config']:>7} {s['rushes']:>6} {s['per_second_median']:>12.1f} "
            f"{s['per_second_min']:>7.1f} {s['per_second_max']:>7.1f} {s['p50_ms_median']:>7.1f} "
            f"{s['p95_ms_median']:>7.1f} {s['server_errors']:>4} "
            f"{'yes' if s['all_correct'] else 'NO':>7}"
        )

    output = RESULTS / f"rush-{stamp}.json"
    output.write_text(
        json.dumps(
            {
                "command": " ".join([Path(sys.executable).name, *sys.argv]),
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "people": args.people,
                "places": args.places,
                "configs": [
                    {**r.summary(), "runs": [asdict(rush) for rush in r.rushes]} for r in results
                ],
            },
            indent=2,
        )
    )
    print(f"\nWrote {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
