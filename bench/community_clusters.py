"""Question-board clusters: quality of `community.selectors.clusters()` for several shares.

Not a test: it measures and reports.

`clusters()` links two open questions when each is in the other's top 5 (as the matcher ranks
them) and one of them scores the other at least `share` of its score against itself, joins
linked groups, and shows the groups with questions of at least two schools. This measures which share groups the
labelled questions best.

Sets (the same files as bench/community_matching.py, each loaded into its own region of a
throwaway database): "tune" = the tune groups of bench/data/community_questions.json,
"heldout" = its old held-out groups, both with all 25 distractors of that file; "clean" =
bench/data/community_questions_clean.json (groups and distractors). Schools: the questions of
one group are asked by different schools (drawn at random from --schools), each distractor by a
random school, so a cluster needs two schools as it would on a real board.

Figures, against the labels (a group is one cluster, each distractor a cluster of its own; a
question that is in no shown cluster counts as a cluster of its own):

- B-cubed precision: per question, the share of its shown cluster that belongs to its group;
- B-cubed recall: per question, the share of its group that is in its shown cluster;
  both averaged over all questions of the set (distractors included), F1 from the two;
- shown: clusters shown (the labelled groups, for comparison); exact: shown clusters that are
  exactly one group; distractors: distractors in a shown cluster.

    .venv/bin/python bench/community_clusters.py [--share 0.3 ...] [--database-url URL]
"""

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from community_matching import DATASETS, ROOT, bench_region, load, setup_database

SHARES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
SETS = {  # name -> [(file, split of the groups; None = every group)]
    "tune": [("first", "tune")],
    "heldout": [("first", "heldout")],
    "clean": [("clean", None)],
    # A fuller board (not used to choose): both files in one region.
    "both": [("first", None), ("clean", None)],
}


def labelled(name: str) -> list[tuple[str | None, str]]:
    """(group id or None for a distractor, text) of one set."""
    rows: list[tuple[str | None, str]] = []
    for dataset, split in SETS[name]:
        items, distractors = load(DATASETS[dataset])
        rows += [(group, text) for group, s, text in items if split is None or s == split]
        rows += [(None, text) for text in distractors]
    return rows


def fill_region(name: str, rows: list[tuple[str | None, str]], *, schools: int, seed: int):
    """A region holding exactly these questions as open questions of the board; returns it and
    {question pk: group id or None}."""
    from samenleren.community.models import Question
    from samenleren.community.services.questions import question_create
    from samenleren.network.models import Organisation, OrganisationKind

    region = bench_region(f"clusters-{name}", f"Clusters {name}")
    Question.objects.filter(region=region).delete()
    organisations = [
        Organisation.objects.get_or_create(
            region=region, name=f"School {number:02d}", defaults={"kind": OrganisationKind.VO}
        )[0]
        for number in range(1, schools + 1)
    ]
    rng = random.Random(f"{seed}-{name}")
    askers: dict[str, list] = {}
    for group, _text in rows:
        if group is not None and group not in askers:
            size = sum(1 for g, _t in rows if g == group)
            askers[group] = rng.sample(organisations, size)
    truth: dict[int, str | None] = {}
    for group, text in rows:
        organisation = askers[group].pop() if group else rng.choice(organisations)
        question = question_create(
            author=None, region=region, text=text, organisation=organisation, check_rate=False
        )
        truth[question.pk] = group
    return region, truth


def bcubed(truth: dict[int, str | None], shown: list[list[int]]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of the shown clusters against the labels."""
    predicted = {pk: pk for pk in truth}  # not in a shown cluster: a cluster of its own
    for number, members in enumerate(shown):
        for pk in members:
            predicted[pk] = f"cluster-{number}"
    label = {pk: group if group is not None else f"distractor-{pk}" for pk, group in truth.items()}
    members_of: dict[object, set[int]] = {}
    group_of: dict[object, set[int]] = {}
    for pk in truth:
        members_of.setdefault(predicted[pk], set()).add(pk)
        group_of.setdefault(label[pk], set()).add(pk)
    precision, recall = [], []
    for pk in truth:
        cluster, group = members_of[predicted[pk]], group_of[label[pk]]
        both = len(cluster & group)
        precision.append(both / len(cluster))
        recall.append(both / len(group))
    p, r = statistics.fmean(precision), statistics.fmean(recall)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def measure(name: str, shares: list[float], *, schools: int, seed: int) -> dict:
    from samenleren.community.matching import matcher_reset
    from samenleren.community.selectors import clusters

    rows = labelled(name)
    region, truth = fill_region(name, rows, schools=schools, seed=seed)
    matcher_reset()
    groups = {g for g in truth.values() if g is not None}
    result = {
        "groups": len(groups),
        "questions": sum(1 for g in truth.values() if g is not None),
        "distractors": sum(1 for g in truth.values() if g is None),
        "schools": schools,
        "shares": {},
    }
    nothing = bcubed(truth, [])  # for reference: no cluster shown at all
    result["nothing_shown"] = {k: round(v, 3) for k, v in nothing.items()}
    for share in shares:
        shown = [[q.pk for q in c.questions] for c in clusters(region=region, share=share)]
        figures = bcubed(truth, shown)
        exact = sum(
            1
            for members in shown
            if len({truth[pk] for pk in members}) == 1
            and truth[members[0]] is not None
            and len(members) == sum(1 for g in truth.values() if g == truth[members[0]])
        )
        result["shares"][str(share)] = {
            "precision": round(figures["precision"], 3),
            "recall": round(figures["recall"], 3),
            "f1": round(figures["f1"], 3),
            "shown": len(shown),
            "exact": exact,
            "distractors_shown": sum(1 for m in shown for pk in m if truth[pk] is None),
            "largest": max((len(m) for m in shown), default=0),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--share", type=float, action="append", help=f"default: {SHARES}")
    parser.add_argument(
        "--set", action="append", choices=list(SETS), help="default: tune, heldout, clean"
    )
    parser.add_argument("--schools", type=int, default=20, help="schools per region")
    parser.add_argument("--seed", type=int, default=1, help="draws which school asks what")
    parser.add_argument("--database-url", default="sqlite:////tmp/sl/community-clusters.sqlite3")
    args = parser.parse_args()
    shares = args.share or list(SHARES)
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    setup_database(args.database_url)
    from samenleren.community.selectors import CLUSTER_SHARE

    results = {"cluster_share": CLUSTER_SHARE, "seed": args.seed, "sets": {}}
    for name in args.set or ["tune", "heldout", "clean"]:
        figures = measure(name, shares, schools=max(args.schools, 4), seed=args.seed)
        results["sets"][name] = figures
        print(
            f"\n{name}: {figures['groups']} groups, {figures['questions']} questions, "
            f"{figures['distractors']} distractors, {figures['schools']} schools"
        )
        print(
            f"{'share':>5} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'shown':>6} {'exact':>6} "
            f"{'distr.':>6} {'largest':>7}"
        )
        none = figures["nothing_shown"]
        print(f"{'none':>5} {none['precision']:>6.3f} {none['recall']:>6.3f} {none['f1']:>6.3f}")
        for share, row in figures["shares"].items():
            mark = " *" if float(share) == CLUSTER_SHARE else ""
            print(
                f"{share:>5} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
                f"{row['shown']:>6} {row['exact']:>6} {row['distractors_shown']:>6} "
                f"{row['largest']:>7}{mark}"
            )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"community-clusters-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"\n(* = CLUSTER_SHARE now)\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
