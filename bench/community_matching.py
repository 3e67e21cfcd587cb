"""Similar-question matching: quality on a labelled Dutch set, and latency at 100,000 questions.

Not a test: it measures and reports.

Quality: every question of bench/data/community_questions.json (44 groups of 2-4 questions that
ask the same thing in different words, plus unrelated distractors) is a query against all the
others, ranked by the BM25 index the question board uses (`community.matching.Bm25Index`).

- recall@3: of the other questions in the query's group, the share found in the top 3
  (divided by min(3, group size - 1)), averaged over queries;
- hit@3: the share of queries with at least one of its group in the top 3;
- MRR: the mean of 1 / rank of the first question of the group.

Three analysers: plain stems (the calendar's `analyse`), + compounds (split and evened out),
+ synonyms (the default groups in community/thesaurus.py, as query expansion). Figures are given
for the "tune" groups (looked at while improving the analyser), the "heldout" groups (only
measured) and all.

Latency (`--latency`): creates N synthetic questions (default 100,000) in one region of a
separate database (default SQLite /tmp/sl/community-bench.sqlite3, or --database-url), then
times `get_matcher().similar()`: the first call (builds the index), then --queries calls
(median, p95), and a call right after a new question was added (incremental update).

    .venv/bin/python bench/community_matching.py
    .venv/bin/python bench/community_matching.py --latency --questions 100000
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "community_questions.json"
sys.path.insert(0, str(ROOT))


def load() -> tuple[list[tuple[str, str, str]], list[str]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    items = [
        (group["id"], group["split"], text)
        for group in data["groups"]
        for text in group["questions"]
    ]
    return items, data["distractors"]


def evaluate(variant: str) -> dict[str, dict[str, float]]:
    from samenleren.community.matching import EXPANSION_WEIGHT, Bm25Index
    from samenleren.community.thesaurus import DEFAULT_SYNONYMS
    from samenleren.core.text import Thesaurus, analyse

    items, distractors = load()
    docs = [(g, s, t) for g, s, t in items] + [(None, None, t) for t in distractors]
    compounds = variant != "plain"
    thesaurus = Thesaurus.from_lines(DEFAULT_SYNONYMS) if variant == "synonyms" else None
    index = Bm25Index()
    for doc_id, (_g, _s, text) in enumerate(docs):
        index.add(doc_id, analyse(text, compounds=compounds))
    per_split: dict[str, list[tuple[float, float, float]]] = {"tune": [], "heldout": []}
    for doc_id, (group, split, text) in enumerate(docs):
        if group is None:
            continue
        terms = analyse(text, compounds=compounds)
        weights = dict.fromkeys(terms, 1.0)
        if thesaurus is not None:
            for term in thesaurus.expand(terms):
                weights.setdefault(term, EXPANSION_WEIGHT)
        ranked = [d for d, _score in index.search(weights, limit=len(docs), exclude={doc_id})]
        relevant = {d for d, (g, _s, _t) in enumerate(docs) if g == group and d != doc_id}
        top3 = set(ranked[:3])
        recall = len(top3 & relevant) / min(3, len(relevant))
        first = next((rank for rank, d in enumerate(ranked, 1) if d in relevant), None)
        per_split[split].append(
            (recall, 1.0 if top3 & relevant else 0.0, 1 / first if first else 0)
        )
    result = {}
    for name, rows in [*per_split.items(), ("all", per_split["tune"] + per_split["heldout"])]:
        result[name] = {
            "queries": len(rows),
            "recall@3": round(statistics.fmean(r[0] for r in rows), 3),
            "hit@3": round(statistics.fmean(r[1] for r in rows), 3),
            "MRR": round(statistics.fmean(r[2] for r in rows), 3),
        }
    return result


def quality() -> dict:
    items, distractors = load()
    groups = len({g for g, _s, _t in items})
    print(f"Labelled set: {groups} groups, {len(items)} questions, {len(distractors)} distractors")
    results = {}
    print(f"{'analyser':<12} {'split':<8} {'queries':>7} {'recall@3':>9} {'hit@3':>7} {'MRR':>6}")
    for variant in ("plain", "compounds", "synonyms"):
        results[variant] = evaluate(variant)
        for split, figures in results[variant].items():
            print(
                f"{variant:<12} {split:<8} {figures['queries']:>7} {figures['recall@3']:>9.3f} "
                f"{figures['hit@3']:>7.3f} {figures['MRR']:>6.3f}"
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


def latency(*, questions: int, queries: int, database_url: str) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from samenleren.community.matching import document_terms, get_matcher, matcher_reset
    from samenleren.community.models import Question
    from samenleren.community.services import question_create
    from samenleren.network.models import Region

    call_command("migrate", verbosity=0)
    region, _ = Region.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
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
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default="sqlite:////tmp/sl/community-bench.sqlite3")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    results = {"quality": quality()}
    if args.latency:
        results["latency"] = latency(
            questions=min(args.questions, 1_000_000),
            queries=min(args.queries, 10_000),
            database_url=args.database_url,
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"community-matching-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
