"""Similar-question matching: quality on labelled Dutch sets, and latency at 100,000 questions.

Not a test: it measures and reports.

Quality: every question of a labelled set (groups of 2-4 questions that ask the same thing in
different words, plus unrelated distractors) is a query against all the others of that set,
ranked by the same `community.matching.TextIndex` the question board uses.

- recall@3 (strict): of the other questions in the query's group, the share found in the top 3
  (divided by min(3, group size - 1)), averaged over queries;
- hit@3: the share of queries with at least one question of its group in the top 3;
- MRR: the mean of 1 / rank of the first question of the group.

Sets (--dataset, repeatable): "first" = bench/data/community_questions.json (44 groups; "tune"
groups were looked at while improving the matcher, "heldout" groups were looked at once in
round 1), "clean" = bench/data/community_questions_clean.json (32 groups written before round 2
of tuning and measured only at its end). Variants: see variants().

Latency (`--latency`): creates N synthetic questions (default 100,000) in one region of a
separate database (default SQLite /tmp/sl/community-bench.sqlite3, or --database-url), then
times `get_matcher().similar()`: the first call (builds the index), then --queries calls
(median, p95), and a call right after a new question was added (incremental update).
`--baseline` times round 1's matcher (first synonym list, query expansion only) instead.

    .venv/bin/python bench/community_matching.py --dataset first --dataset clean
    .venv/bin/python bench/community_matching.py --latency --questions 100000 [--baseline]
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "community_questions.json"
sys.path.insert(0, str(ROOT))


DATASETS = {
    "first": DATA,
    "clean": ROOT / "bench" / "data" / "community_questions_clean.json",
}


def load(path: Path = DATA) -> tuple[list[tuple[str, str, str]], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = [
        (group["id"], group["split"], text)
        for group in data["groups"]
        for text in group["questions"]
    ]
    return items, data["distractors"]


def variants() -> dict[str, tuple[bool, list[str] | None, object]]:
    """name -> (compounds, synonym lines or None, Tuning). "v2+concepts" is what the matcher
    uses (matching.TUNING with the default groups); "+grams" and "+prf" add to it."""
    from samenleren.community.matching import TUNING, Tuning
    from samenleren.community.thesaurus import DEFAULT_SYNONYMS, FIRST_SYNONYMS

    base = Tuning()
    return {
        "plain": (False, None, base),
        "compounds": (True, None, base),
        "synonyms-v1": (True, FIRST_SYNONYMS, base),
        "synonyms-v2": (True, DEFAULT_SYNONYMS, base),
        "v2+grams": (True, DEFAULT_SYNONYMS, Tuning(gram_size=4, gram_weight=0.1)),
        "v2+prf": (True, DEFAULT_SYNONYMS, Tuning(prf_docs=5, prf_terms=5, prf_weight=0.3)),
        "v2+bm25": (True, DEFAULT_SYNONYMS, Tuning(k1=1.2, b=0.3)),
        "v1+concepts": (True, FIRST_SYNONYMS, replace(TUNING)),
        "v2+concepts": (True, DEFAULT_SYNONYMS, TUNING),
        "+grams": (True, DEFAULT_SYNONYMS, replace(TUNING, gram_size=4, gram_weight=0.03)),
        "+prf": (True, DEFAULT_SYNONYMS, replace(TUNING, prf_docs=3, prf_terms=5, prf_weight=0.2)),
    }


def evaluate(
    compounds: bool, synonyms: list[str] | None, tuning, path: Path = DATA
) -> dict[str, dict[str, float]]:
    from samenleren.community.matching import TextIndex, query_weights
    from samenleren.core.text import Thesaurus, analyse

    items, distractors = load(path)
    docs = [(g, s, t) for g, s, t in items] + [(None, None, t) for t in distractors]
    thesaurus = Thesaurus.from_lines(synonyms) if synonyms is not None else None
    index = TextIndex(tuning, thesaurus)
    for doc_id, (_g, _s, text) in enumerate(docs):
        index.add(doc_id, analyse(text, compounds=compounds))
    per_split: dict[str, list[tuple[float, float, float]]] = {}
    for doc_id, (group, split, text) in enumerate(docs):
        if group is None:
            continue
        terms = analyse(text, compounds=compounds)
        weights = query_weights(terms, thesaurus, tuning)
        ranked = [
            d
            for d, _score in index.search(
                weights, limit=len(docs), exclude={doc_id}, query_terms=terms
            )
        ]
        relevant = {d for d, (g, _s, _t) in enumerate(docs) if g == group and d != doc_id}
        top3 = set(ranked[:3])
        recall = len(top3 & relevant) / min(3, len(relevant))
        first = next((rank for rank, d in enumerate(ranked, 1) if d in relevant), None)
        per_split.setdefault(split, []).append(
            (recall, 1.0 if top3 & relevant else 0.0, 1 / first if first else 0)
        )
    result = {}
    splits = list(per_split.items())
    if len(splits) > 1:
        splits.append(("all", [row for _name, rows in splits for row in rows]))
    for name, rows in splits:
        result[name] = {
            "queries": len(rows),
            "recall@3": round(statistics.fmean(r[0] for r in rows), 3),
            "hit@3": round(statistics.fmean(r[1] for r in rows), 3),
            "MRR": round(statistics.fmean(r[2] for r in rows), 3),
        }
    return result


def quality(datasets: list[str], only: list[str] | None = None) -> dict:
    results: dict[str, dict] = {}
    for dataset in datasets:
        path = DATASETS[dataset]
        items, distractors = load(path)
        groups = len({g for g, _s, _t in items})
        print(
            f"{path.name}: {groups} groups, {len(items)} questions, {len(distractors)} distractors"
        )
        print(
            f"{'variant':<13} {'split':<8} {'queries':>7} {'recall@3':>9} {'hit@3':>7} {'MRR':>6}"
        )
        for name, (compounds, synonyms, tuning) in variants().items():
            if only and name not in only:
                continue
            figures_by_split = evaluate(compounds, synonyms, tuning, path)
            results.setdefault(dataset, {})[name] = figures_by_split
            for split, figures in figures_by_split.items():
                print(
                    f"{name:<13} {split:<8} {figures['queries']:>7} "
                    f"{figures['recall@3']:>9.3f} {figures['hit@3']:>7.3f} {figures['MRR']:>6.3f}"
                )
    return results


def synthetic_texts(count: int, seed: int = 7) -> list[str]:
    """Questions that look like the labelled ones: a real question's words shuffled with words
    of others, so term frequencies stay realistic (Zipf-like, like real text)."""
    items, distractors = load()
    texts = [t for _g, _s, t in items] + distractors
    vocabulary = [word for text in texts for word in text.split()]
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        base = rng.choice(texts).split()
        extra = rng.choices(vocabulary, k=rng.randint(3, 12))
        words = base + extra
        rng.shuffle(words)
        result.append(" ".join(words))
    return result


def _insert(batch: list) -> None:
    """bulk_create stamps auto_now fields with the present; bulk_update keeps our moments."""
    from samenleren.community.models import Question

    moments = [(q.created_at, q.updated_at) for q in batch]
    created = Question.objects.bulk_create(batch)
    for question, (created_at, updated_at) in zip(created, moments, strict=True):
        question.created_at, question.updated_at = created_at, updated_at
    Question.objects.bulk_update(created, ["created_at", "updated_at"], batch_size=1000)


def setup_database(database_url: str) -> None:
    """Point Django at a throwaway database and migrate it (never one you care about).
    Also used by bench/community_clusters.py."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_region(slug: str = "bench", name: str = "Bench"):
    """The region the questions of a measurement go into (made on first use)."""
    from samenleren.network.models import Region

    region, _ = Region.objects.get_or_create(slug=slug, defaults={"name": name})
    return region


def latency(*, questions: int, queries: int, database_url: str, baseline: bool = False) -> dict:
    setup_database(database_url)
    from django.utils import timezone

    from samenleren.community import matching
    from samenleren.community.matching import document_terms, get_matcher, matcher_reset
    from samenleren.community.models import Question
    from samenleren.community.services.questions import question_create

    region = bench_region()
    have = Question.objects.filter(region=region).count()
    if have < questions:
        started = time.perf_counter()
        now = timezone.now()
        batch = []
        # Spread over the past year, as real questions are (the index refreshes by time).
        step = dt.timedelta(seconds=365 * 24 * 3600 / max(questions - have, 1))
        for number, text in enumerate(synthetic_texts(questions - have, seed=have)):
            terms = document_terms(text)
            moment = now - step * (questions - have - number)
            batch.append(
                Question(
                    region=region,
                    text=text,
                    terms=" ".join(terms),
                    search_text=" " + " ".join(dict.fromkeys(terms)) + " ",
                    created_at=moment,
                    updated_at=moment,
                )
            )
            if len(batch) == 5000:
                _insert(batch)
                batch = []
        _insert(batch)
        print(f"created {questions - have} questions in {time.perf_counter() - started:.1f} s")
    total = Question.objects.filter(region=region).count()
    items, _distractors = load()
    rng = random.Random(11)
    probes = [rng.choice(items)[2] for _ in range(queries)]
    matcher_reset()
    if baseline:  # round 1 for comparison: first synonym list, query expansion only
        from samenleren.community.thesaurus import FIRST_SYNONYMS
        from samenleren.core.text import Thesaurus

        first = Thesaurus.from_lines(FIRST_SYNONYMS)
        matching.TUNING = matching.Tuning()
        matching.thesaurus_for = lambda region_id: first
    matcher = get_matcher()
    started = time.perf_counter()
    matcher.similar(probes[0], region=region, limit=5)
    cold = time.perf_counter() - started
    timings = []
    for text in probes:
        started = time.perf_counter()
        matcher.similar(text, region=region, limit=5)
        timings.append(time.perf_counter() - started)
    question_create(
        author=None, region=region, text="Wie heeft lesmateriaal over warmtepompen voor PIE?"
    )
    started = time.perf_counter()
    found = matcher.similar("lesmateriaal warmtepomp", region=region, limit=5)
    incremental = time.perf_counter() - started
    timings.sort()
    result = {
        "questions": total,
        "matcher": "round 1 (baseline)" if baseline else "shipped",
        "database": database_url.split(":", 1)[0],
        "cold_ms": round(cold * 1000, 1),
        "median_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1),
        "after_new_question_ms": round(incremental * 1000, 1),
        "queries": len(timings),
        "found_new_question_first": bool(found),
    }
    print(
        f"{total} questions ({result['database']}): first call (builds the index) "
        f"{result['cold_ms']} ms; warm median {result['median_ms']} ms, "
        f"p95 {result['p95_ms']} ms over {len(timings)} calls; after adding a question "
        f"{result['after_new_question_ms']} ms"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", action="store_true", help="also measure at scale")
    parser.add_argument(
        "--dataset",
        action="append",
        choices=sorted(DATASETS),
        help="labelled set(s) to measure (default: first; 'clean' is the untouched set)",
    )
    parser.add_argument("--variant", action="append", help="only these variants")
    parser.add_argument(
        "--baseline", action="store_true", help="latency of round 1's matcher, for comparison"
    )
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default="sqlite:////tmp/sl/community-bench.sqlite3")
    args = parser.parse_args()
    args.dataset = args.dataset or ["first"]
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    results = {"quality": quality(args.dataset, args.variant)}
    if args.latency:
        results["latency"] = latency(
            questions=min(args.questions, 1_000_000),
            queries=min(args.queries, 10_000),
            database_url=args.database_url,
            baseline=args.baseline,
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"community-matching-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
