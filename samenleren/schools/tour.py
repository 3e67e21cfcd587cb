"""The TechLab tour: visit a handful of labs in one day, in an order that keeps driving short.

The route is open (it ends at the last lab) and may start at a school of the planner's choice.
Up to EXACT_LIMIT stops the best order is found exactly with Held-Karp dynamic programming;
above that (only if MAX_STOPS is ever raised) a nearest-neighbour route is improved with 2-opt
(reversing a stretch of the route whenever that shortens it) until no reversal helps.
bench/schools_tour.py measures both against the optimum: 2-opt alone was on average 1% and at
worst 10% longer for 9 to 12 stops, so with at most MAX_STOPS = 12 the planner stays exact. Travel times come from
network.travel, the same model the interest campaigns use.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from samenleren.network.travel import coordinates_of, travel_minutes

MAX_STOPS = 12
EXACT_LIMIT = 12


@dataclass(frozen=True)
class Stop:
    place: object  # a Lab
    arrives_at: datetime
    departs_at: datetime
    drive_minutes: int  # from the previous stop (or the start)


@dataclass(frozen=True)
class Route:
    stops: list[Stop]
    drive_minutes: int
    start_place: object | None  # an Organisation, or None (start at the first lab)

    @property
    def starts_at(self) -> datetime:
        """When the group sets off (at the start place, or arrives at the first lab)."""
        first = self.stops[0]
        return first.arrives_at - timedelta(minutes=first.drive_minutes)

    @property
    def ends_at(self) -> datetime:
        return self.stops[-1].departs_at


def _length(order: list[int], matrix: list[list[float]], start: list[float] | None) -> float:
    total = start[order[0]] if start else 0.0
    return total + sum(matrix[a][b] for a, b in pairwise(order))


def best_order(matrix: list[list[float]], start: list[float] | None = None) -> list[int]:
    """Indexes of the places in visiting order. `matrix[i][j]` is the time from i to j and
    `start[i]` from the starting point to i (None: start at whichever place is best)."""
    n = len(matrix)
    if n <= 1:
        return list(range(n))
    if n <= EXACT_LIMIT:
        return _held_karp(matrix, start)
    return _two_opt(_nearest_neighbour(matrix, start), matrix, start)


def _held_karp(matrix: list[list[float]], start: list[float] | None) -> list[int]:
    """The shortest open path through every place, exactly (Held-Karp dynamic programming over
    subsets: n^2 * 2^n steps, about half a million for 12 places)."""
    n = len(matrix)
    full = (1 << n) - 1
    inf = float("inf")
    # cost[mask][last]: the shortest path that visits the places in mask and ends at last.
    cost = [[inf] * n for _ in range(1 << n)]
    came = [[-1] * n for _ in range(1 << n)]
    for i in range(n):
        cost[1 << i][i] = start[i] if start else 0.0
    for mask in range(1, full + 1):
        row = cost[mask]
        for last in range(n):
            here = row[last]
            if here == inf:
                continue
            distances = matrix[last]
            for nxt in range(n):
                bit = 1 << nxt
                if mask & bit:
                    continue
                value = here + distances[nxt]
                if value < cost[mask | bit][nxt]:
                    cost[mask | bit][nxt] = value
                    came[mask | bit][nxt] = last
    last = min(range(n), key=lambda i: (cost[full][i], i))
    order, mask = [], full
    while last != -1:
        order.append(last)
        last, mask = came[mask][last], mask & ~(1 << last)
    return order[::-1]


def _nearest_neighbour(matrix: list[list[float]], start: list[float] | None) -> list[int]:
    n = len(matrix)
    if start:
        first = min(range(n), key=lambda i: start[i])
    else:  # the place farthest from the rest tends to make the best end point
        first = max(range(n), key=lambda i: sum(matrix[i]))
    order, left = [first], set(range(n)) - {first}
    while left:
        here = order[-1]
        nxt = min(left, key=lambda j: (matrix[here][j], j))
        order.append(nxt)
        left.remove(nxt)
    return order


def _two_opt(order: list[int], matrix: list[list[float]], start: list[float] | None) -> list[int]:
    best = _length(order, matrix, start)
    improved = True
    while improved:
        improved = False
        for i in range(len(order) - 1):
            for j in range(i + 1, len(order)):
                candidate = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                length = _length(candidate, matrix, start)
                if length < best - 1e-9:
                    order, best, improved = candidate, length, True
    return order


def plan_route(*, labs: list, starts_at: datetime, visit_minutes: int, start_place=None) -> Route:
    """Order the labs and time the day: arrive, stay `visit_minutes`, drive on."""
    places = [coordinates_of(lab.organisation) for lab in labs]
    matrix = [[travel_minutes(a, b) for b in places] for a in places]
    origin = coordinates_of(start_place) if start_place is not None else None
    start = [travel_minutes(origin, p) for p in places] if origin else None
    order = best_order(matrix, start)
    clock, stops, total, previous = starts_at, [], 0, None
    for index in order:
        if previous is None:
            drive = round(start[index]) if start else 0
        else:
            drive = round(matrix[previous][index])
        clock += timedelta(minutes=drive)
        leaves = clock + timedelta(minutes=visit_minutes)
        stops.append(Stop(labs[index], clock, leaves, drive))
        total += drive
        clock, previous = leaves, index
    return Route(stops=stops, drive_minutes=total, start_place=start_place)
