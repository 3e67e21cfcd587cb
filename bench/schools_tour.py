"""How good and how fast the TechLab tour planner is (`schools.tour.best_order`).

Random tours of N labs in Zuid-Limburg (coordinates drawn inside the region's box, travel time
from network.travel), starting from a random school. For each N the planner's order is compared
with the true optimum, found by Held-Karp dynamic programming (exact, O(N^2 2^N)). Prints the
mean and worst gap in driving minutes and the planner's median and worst time. Needs no
database.

    .venv/bin/python bench/schools_tour.py --tours 200
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samenleren.network.travel import travel_minutes
from samenleren.schools.tour import (
    EXACT_LIMIT,
    MAX_STOPS,
    _length,
    _nearest_neighbour,
    _two_opt,
    best_order,
)

BOX = ((50.76, 51.05), (5.66, 6.07))  # Zuid-Limburg: latitude, longitude


def held_karp(matrix, start) -> float:
    """The shortest open path from the start through every place (exact)."""
    n = len(matrix)
    best = {(1 << i, i): start[i] for i in range(n)}
    for size in range(2, n + 1):
        nxt = {}
        for (mask, last), cost in best.items():
            for j in range(n):
                if mask & (1 << j):
                    continue
                key = (mask | (1 << j), j)
                value = cost + matrix[last][j]
                if value < nxt.get(key, float("inf")):
                    nxt[key] = value
        best = {k: v for k, v in nxt.items() if bin(k[0]).count("1") == size}
    return min(best.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tours", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"planner: exact (Held-Karp) up to {EXACT_LIMIT} stops, 2-opt above; at most {MAX_STOPS}")
    print(
        f"{'labs':>4} {'tours':>5} {'optimal':>8} {'mean gap %':>10} {'worst gap %':>11} {'median ms':>9} {'max ms':>7} "
        f"{'2-opt mean %':>14} {'2-opt worst %':>15}"
    )
    for n in (4, 6, 8, 9, 10, 12):
        gaps, times, optimal, heuristic_gaps = [], [], 0, []
        for _ in range(args.tours):
            points = [(rng.uniform(*BOX[0]), rng.uniform(*BOX[1])) for _ in range(n + 1)]
            origin, places = points[0], points[1:]
            matrix = [[travel_minutes(a, b) for b in places] for a in places]
            start = [travel_minutes(origin, p) for p in places]
            began = time.perf_counter()
            order = best_order(matrix, start)
            times.append((time.perf_counter() - began) * 1000)
            found, exact = _length(order, matrix, start), held_karp(matrix, start)
            gap = max(0.0, 100 * (found - exact) / exact)
            gaps.append(gap)
            optimal += gap < 1e-9
            heuristic = _length(
                _two_opt(_nearest_neighbour(matrix, start), matrix, start), matrix, start
            )
            heuristic_gaps.append(100 * (heuristic - exact) / exact)
        print(
            f"{n:>4} {args.tours:>5} {optimal:>8} {statistics.mean(gaps):>10.2f} {max(gaps):>11.2f} "
            f"{statistics.median(times):>9.1f} {max(times):>7.1f} "
            f"{statistics.mean(heuristic_gaps):>14.2f} {max(heuristic_gaps):>15.2f}"
        )


if __name__ == "__main__":
    main()
