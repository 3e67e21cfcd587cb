"""Offline evaluation of Netflixleren's recommender: leave-one-out hit rate at 10.

    .venv/bin/python bench/learning_recommender.py                 # seed 2, 2,500 people
    .venv/bin/python bench/learning_recommender.py --seed 7 --people 5000

Synthetic but realistic learning histories (no database, no Django): a catalogue of modules in
technical themes, soft skills, LOB and working with primary schools, each theme tied to the vmbo
profiles that use it, with intro/basic/advanced modules; people with a function (teacher, TOA,
instructor, mentor, decaan, W&T coordinator in po) and profiles, who prefer a few themes that fit
them, follow modules of a theme from intro to advanced more often than not, and also pick what is
popular or what colleagues do. Every person with at least two modules loses one at random; the
recommender is trained on everything else and asked for ten modules (never ones the person did);
a hit is the hidden module among them. The baseline recommends the ten most popular modules the
person has not done. Both see exactly the same training data.

The scoring code is `samenleren.learning.recommend.Recommender`, the same the pages and the API
use. Weights were set by hand on seed 1; report another seed. The data generator knows about
themes and profiles, which the recommender also uses, so absolute figures are optimistic; the
comparison with the baseline is the point.
"""

import argparse
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samenleren.learning.recommend import ItemFeatures, Recommender

# theme -> (profiles that use it, words that describe it)
THEMES = {
    "lasersnijden": (("PIE", "BWI", "MVI"), "laser snijden graveren hout acrylaat kerf ontwerp"),
    "cnc": (("PIE", "BWI", "M&T"), "cnc frezen draaien gcode gereedschap voeding metaal"),
    "3d-printen": (("PIE", "MVI", "BWI"), "printen filament slicer ontwerp cad laag"),
    "elektrotechniek": (("PIE",), "installatie spanning meten groepenkast aarding schakeling"),
    "domotica": (("PIE", "MVI"), "domotica sensor schakelaar centrale regel automatisering"),
    "lassen": (("PIE", "M&T", "BWI"), "lassen mig mag lasrook afzuiging helm metaal"),
    "robotica": (("PIE", "MVI", "M&T"), "robot programmeren sensor cobot python blokken"),
    "energietransitie": (("PIE", "BWI", "M&T"), "zonnepaneel warmtepomp energie isolatie duurzaam"),
    "bouw": (("BWI",), "maatvoering metselen timmeren bouwlaser fundering hout"),
    "mobiliteit": (("M&T",), "auto elektrisch hoogvolt werkplaats banden remmen"),
    "media": (("MVI",), "video fotografie vormgeving ict website app"),
    "zorg": (("Z&W",), "zorg welzijn ehbo tillen communicatie client"),
    "korte-lontjes": ((), "boosheid escaleren gedrag gesprek rust grenzen"),
    "klassenmanagement": ((), "routine orde klas structuur start opruimen"),
    "lob": ((), "loopbaan gesprek stage keuze mbo decaan"),
    "po-samenwerking": ((), "basisschool techlab leerkracht groep onderzoekend ontwerpend"),
}
LEVELS = ("intro", "basic", "advanced")
PROFILE_SHARE = {"PIE": 22, "BWI": 14, "M&T": 9, "MVI": 10, "Z&W": 15, "E&O": 9,
                 "D&P": 8, "HBR": 6, "Groen": 4, "MaT": 3}  # fmt: skip
# function -> (share of people, themes it leans to regardless of profile)
FUNCTIONS = {
    "teacher": (60, ("klassenmanagement", "korte-lontjes")),
    "toa": (10, ()),
    "instructor": (8, ()),
    "mentor": (9, ("lob", "korte-lontjes", "klassenmanagement")),
    "decaan": (4, ("lob",)),
    "wt_coordinator": (9, ("po-samenwerking",)),
}


def make_catalogue(rng: random.Random, per_theme: int) -> dict[int, ItemFeatures]:
    items, quality = {}, {}
    next_id = 1
    theme_names = list(THEMES)
    for theme, (profiles, words) in THEMES.items():
        vocabulary = words.split()
        for index in range(per_theme):
            extra = {rng.choice(theme_names)} if rng.random() < 0.3 else set()
            stems = set(rng.sample(vocabulary, 3)) | {
                rng.choice(["les", "klas", "leerling", "praktijk", "veilig", "samen"])
            }
            items[next_id] = ItemFeatures(
                id=next_id,
                title=f"{theme} {LEVELS[index % 3]} {index}",
                profiles=frozenset(profiles),
                themes=frozenset({theme} | extra),
                stems=frozenset(stems),
            )
            quality[next_id] = rng.lognormvariate(0, 0.8)
            next_id += 1
    return items, quality


def make_people(rng: random.Random, count: int):
    profiles = list(PROFILE_SHARE)
    functions = list(FUNCTIONS)
    people = []
    for _ in range(count):
        function = rng.choices(functions, weights=[FUNCTIONS[f][0] for f in functions])[0]
        own = set()
        if function != "wt_coordinator":
            own.add(rng.choices(profiles, weights=list(PROFILE_SHARE.values()))[0])
            if rng.random() < 0.2:
                own.add(rng.choices(profiles, weights=list(PROFILE_SHARE.values()))[0])
        fitting = [t for t, (codes, _w) in THEMES.items() if own & set(codes)]
        leaning = list(FUNCTIONS[function][1])
        pool = fitting * 3 + leaning * 2 or list(THEMES)
        liked = set()
        for _ in range(rng.choice([1, 2, 2, 3])):
            liked.add(rng.choice(pool))
        people.append((function, frozenset(own), liked))
    return people


def make_histories(rng, items, quality, people):
    by_theme: dict[str, list[int]] = {}
    for item in items.values():
        primary = sorted(item.themes)[0] if len(item.themes) == 1 else None
        for theme in item.themes:
            if primary is None or theme == primary:
                by_theme.setdefault(theme, []).append(item.id)
    all_ids = list(items)
    # "What colleagues do": a slowly growing popularity, so popular modules get more popular.
    taken: Counter[int] = Counter()
    histories = {}
    for person, (_function, _own, liked) in enumerate(people):
        length = min(15, 2 + int(rng.expovariate(1 / 4)))
        history: list[int] = []
        liked_list = sorted(liked)
        while len(history) < length:
            roll = rng.random()
            if roll < 0.7:
                theme = rng.choice(liked_list)
                candidates = [m for m in by_theme[theme] if m not in history]
                done_in_theme = [m for m in history if m in by_theme[theme]]
                weights = [
                    quality[m]
                    * (2.0 if done_in_theme and (m - done_in_theme[-1]) in (1, 2) else 1.0)
                    for m in candidates
                ]
            elif roll < 0.85:
                candidates = [m for m in all_ids if m not in history]
                weights = [1 + taken[m] for m in candidates]
            else:
                candidates = [m for m in all_ids if m not in history]
                weights = [quality[m] for m in candidates]
            if not candidates:
                break
            pick = rng.choices(candidates, weights=weights)[0]
            history.append(pick)
            taken[pick] += 1
        histories[person] = history
    return histories


def evaluate(items, people, histories, seed, *, weights=None):
    rng = random.Random(seed * 7919)
    held_out, train = {}, {}
    for person, history in histories.items():
        if len(history) >= 2:
            hidden = rng.choice(history)
            held_out[person] = hidden
            train[person] = [m for m in history if m != hidden]
        else:
            train[person] = list(history)
    person_profiles = {p: people[p][1] for p in histories}
    recommender = Recommender(
        items=items, histories=train, person_profiles=person_profiles, weights=weights
    )
    hits = baseline_hits = 0
    reasons: Counter[str] = Counter()
    for person, hidden in held_out.items():
        history = train[person]
        ranked = recommender.recommend(
            history=history, profiles=sorted(people[person][1]), limit=10
        )
        reasons.update(r.reason for r in ranked)
        hits += any(r.module_id == hidden for r in ranked)
        baseline_hits += hidden in recommender.popular(exclude=history, limit=10)
    evaluated = len(held_out)
    return evaluated, hits / evaluated, baseline_hits / evaluated, reasons


def interval(rate: float, n: int) -> float:
    """Half-width of a 95% normal-approximation interval."""
    return 1.96 * math.sqrt(rate * (1 - rate) / n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--people", type=int, default=2500)
    parser.add_argument("--per-theme", type=int, default=12, help="modules per theme")
    args = parser.parse_args()
    if args.people < 2000:
        parser.error("the evaluation asks for at least 2,000 people")
    started = time.perf_counter()
    rng = random.Random(args.seed)
    items, quality = make_catalogue(rng, args.per_theme)
    people = make_people(rng, args.people)
    histories = make_histories(rng, items, quality, people)
    sizes = [len(h) for h in histories.values()]
    print(f"command: .venv/bin/python bench/learning_recommender.py --seed {args.seed} "
          f"--people {args.people} --per-theme {args.per_theme}")  # fmt: skip
    print(f"catalogue: {len(items)} modules in {len(THEMES)} themes; people: {len(people)}; "
          f"modules per person: mean {sum(sizes) / len(sizes):.1f}, max {max(sizes)}")  # fmt: skip
    variants = [
        ("recommender (all signals)", None),
        ("co-occurrence only", {"content": 0, "profile_popular": 0, "profile": 0, "popular": 0.01}),
        ("content only", {"co": 0, "profile_popular": 0, "profile": 0, "popular": 0.01}),
        ("profile popularity only", {"co": 0, "content": 0, "profile": 0, "popular": 0.01}),
    ]
    print(f"\n{'variant':<28} {'people':>7} {'hit@10':>8} {'±95%':>6}")
    baseline = None
    for name, weights in variants:
        evaluated, rate, base, reasons = evaluate(
            items, people, histories, args.seed, weights=weights
        )
        baseline = base
        print(f"{name:<28} {evaluated:>7} {rate:>8.3f} {interval(rate, evaluated):>6.3f}")
        if weights is None:
            shown = ", ".join(
                f"{k} {v / sum(reasons.values()):.0%}" for k, v in reasons.most_common()
            )
            main_rate = rate
    print(
        f"{'popularity baseline':<28} {evaluated:>7} {baseline:>8.3f} {interval(baseline, evaluated):>6.3f}"
    )
    print(f"\nreasons shown with the full recommender: {shown}")
    print(
        f"lift over the baseline: {main_rate / baseline:.2f}x; took {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
