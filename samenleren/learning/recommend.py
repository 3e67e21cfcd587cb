"""Explainable recommendations: "because you did X", "popular with PIE teachers", "fits your
profile", falling back to what is popular.

The scoring works on plain data (no database), so that the offline evaluation in
`bench/learning_recommender.py` measures exactly the code the pages use. A candidate module
scores on four signals:

- co-occurrence: how often people who did one of your modules also did this one (item-item
  cosine over all learning histories);
- content: shared themes, profiles and words with one of your modules (Jaccard);
- profile popularity: how popular the module is among people with your vmbo profile;
- overall popularity, a small tie-breaker and the fallback for a person without history.

The reason shown is the signal that contributed most.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

BECAUSE = "because"
PROFILE_POPULAR = "profile_popular"
PROFILE_MATCH = "profile"
POPULAR = "popular"

# Chosen by hand on the synthetic histories of seed 1 (see docs/learning.md), and reported on
# another seed. "co" and "content" both count towards BECAUSE.
WEIGHTS = {
    "co": 1.0,
    "content": 0.5,
    PROFILE_POPULAR: 0.6,
    PROFILE_MATCH: 0.15,
    POPULAR: 0.1,
}


@dataclass(frozen=True)
class ItemFeatures:
    id: int
    title: str = ""
    profiles: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Recommendation:
    module_id: int
    score: float
    reason: str  # BECAUSE, PROFILE_POPULAR, PROFILE_MATCH or POPULAR
    because_id: int | None = None  # the module that led to it (BECAUSE)
    profile: str = ""  # the profile (PROFILE_POPULAR, PROFILE_MATCH)


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class Recommender:
    def __init__(
        self,
        *,
        items: Mapping[int, ItemFeatures],
        histories: Mapping[int, Iterable[int]],
        person_profiles: Mapping[int, Iterable[str]] | None = None,
        profile_counts: Mapping[str, Mapping[int, int]] | None = None,
        weights: Mapping[str, float] | None = None,
    ):
        """`histories`: person -> modules they started or completed. Profile popularity comes
        either from `person_profiles` (each person's profiles) or ready-made `profile_counts`
        (profile -> module -> people)."""
        self.items = dict(items)
        self.weights = {**WEIGHTS, **(weights or {})}
        self._similar: dict[tuple[int, int], float] = {}
        self.popularity: Counter[int] = Counter()
        self.co: dict[int, Counter[int]] = defaultdict(Counter)
        by_profile: dict[str, Counter[int]] = defaultdict(Counter)
        for person, modules in histories.items():
            done = [m for m in dict.fromkeys(modules) if m in self.items]
            self.popularity.update(done)
            for a in done:
                for b in done:
                    if a != b:
                        self.co[a][b] += 1
            if person_profiles is not None:
                for profile in person_profiles.get(person, ()):
                    by_profile[profile].update(done)
        for profile, counts in (profile_counts or {}).items():
            by_profile[profile].update(counts)
        self.by_profile = dict(by_profile)
        self.max_popularity = max(self.popularity.values(), default=0)
        self.profile_max = {p: max(c.values(), default=0) for p, c in self.by_profile.items()}

    def popular(self, *, exclude: Iterable[int] = (), limit: int = 10) -> list[int]:
        """The baseline: most people first, then by id for a stable order."""
        skip = set(exclude)
        ranked = sorted(self.items, key=lambda m: (-self.popularity[m], m))
        return [m for m in ranked if m not in skip][:limit]

    def similarity(self, a: int, b: int) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in self._similar:
            first, second = self.items[a], self.items[b]
            self._similar[key] = (
                0.5 * _jaccard(first.themes, second.themes)
                + 0.3 * _jaccard(first.profiles, second.profiles)
                + 0.2 * _jaccard(first.stems, second.stems)
            )
        return self._similar[key]

    def _co_score(self, a: int, b: int) -> float:
        together = self.co.get(a, {}).get(b, 0)
        if not together:
            return 0.0
        return together / math.sqrt(self.popularity[a] * self.popularity[b])

    def recommend(
        self,
        *,
        history: Iterable[int],
        profiles: Iterable[str] = (),
        exclude: Iterable[int] = (),
        candidates: Iterable[int] | None = None,
        limit: int = 10,
    ) -> list[Recommendation]:
        """The best `limit` modules for a person who did `history` (most recent last)."""
        seen = [m for m in dict.fromkeys(history) if m in self.items]
        skip = set(seen) | set(exclude)
        profiles = [p for p in dict.fromkeys(profiles)]
        pool = self.items if candidates is None else [c for c in candidates if c in self.items]
        weight = self.weights
        results = []
        for candidate in pool:
            if candidate in skip:
                continue
            best_source, best_item_score, co_total = None, 0.0, 0.0
            for source in seen:
                co = self._co_score(source, candidate)
                content = self.similarity(source, candidate)
                co_total += co
                item_score = weight["co"] * co + weight["content"] * content
                if item_score > best_item_score:
                    best_source, best_item_score = source, item_score
            # Co-occurrence adds up over the whole history; content counts the closest module.
            item_part = weight["co"] * co_total + (
                best_item_score - weight["co"] * self._co_score(best_source, candidate)
                if best_source is not None
                else 0.0
            )
            best_profile, profile_popular = "", 0.0
            for profile in profiles:
                top = self.profile_max.get(profile, 0)
                if top:
                    share = self.by_profile[profile][candidate] / top
                    if share > profile_popular:
                        best_profile, profile_popular = profile, share
            matching = [p for p in profiles if p in self.items[candidate].profiles]
            popular = (
                self.popularity[candidate] / self.max_popularity if self.max_popularity else 0.0
            )
            parts = {
                BECAUSE: item_part,
                PROFILE_POPULAR: weight[PROFILE_POPULAR] * profile_popular,
                PROFILE_MATCH: weight[PROFILE_MATCH] * (1.0 if matching else 0.0),
                POPULAR: weight[POPULAR] * popular,
            }
            score = sum(parts.values())
            reason = max(parts, key=lambda k: (parts[k], k == POPULAR))
            if reason == BECAUSE and best_source is None:
                reason = POPULAR
            results.append(
                Recommendation(
                    module_id=candidate,
                    score=score,
                    reason=reason,
                    because_id=best_source if reason == BECAUSE else None,
                    profile=(
                        best_profile
                        if reason == PROFILE_POPULAR
                        else (matching[0] if reason == PROFILE_MATCH else "")
                    ),
                )
            )
        results.sort(key=lambda r: (-r.score, -self.popularity[r.module_id], r.module_id))
        return results[:limit]
