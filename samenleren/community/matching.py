"""Similar questions: one interface, a BM25 backend by default.

A backend is any object with `similar(text, *, region, limit, exclude_id=None)` returning
`[(question_id, score), ...]`, best first. `get_matcher()` loads the one named by
`settings.COMMUNITY_MATCHER` (a dotted path to a class or a factory), so a site can plug in a
stronger one (sentence embeddings) without touching the board. The selectors turn ids into
questions the viewer may see.

The default keeps, per region and per process, an inverted index (term -> {question id: term
frequency}) of the analysed text stored on each question (`Question.terms`). It is built on
first use and brought up to date on every call with the rows changed since (an indexed read on
`(region, updated_at)`); every VALIDATE_SECONDS it also checks the row count, so deletions are
seen. Synonyms are applied to the query (query expansion), so changing them needs no reindex.
"""

import heapq
import math
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.module_loading import import_string

from samenleren.core.text import Thesaurus, analyse

DEFAULT_MATCHER = "samenleren.community.matching.Bm25Matcher"
SYNONYMS_CACHE_KEY = "community:synonyms:version"
VALIDATE_SECONDS = 30
# Rows committed a little after a later timestamp are still picked up.
CLOCK_MARGIN = timedelta(seconds=5)
K1 = 1.2
B = 0.5
EXPANSION_WEIGHT = 1.0
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Terms in more than this share of the questions only refine the ranking (see search()).
COMMON_SHARE = 0.05
COMMON_MIN = 500


class Matcher(Protocol):
    def similar(
        self, text: str, *, region, limit: int, exclude_id: int | None = None
    ) -> list[tuple[int, float]]: ...


def document_terms(*parts: str) -> list[str]:
    """What is indexed for a question: its title and text, with compound parts."""
    return analyse(" ".join(p for p in parts if p), compounds=True)


# --- synonyms ----------------------------------------------------------------------------------

_thesauri: dict[tuple[int | None, int], Thesaurus] = {}


def synonyms_changed() -> None:
    """Call after a synonym group changes: every process rebuilds its thesaurus."""
    try:
        cache.incr(SYNONYMS_CACHE_KEY)
    except ValueError:
        cache.set(SYNONYMS_CACHE_KEY, 2, None)


def thesaurus_for(region_id: int | None) -> Thesaurus:
    from .models import Synonym

    version = cache.get_or_set(SYNONYMS_CACHE_KEY, 1, None)
    key = (region_id, version)
    found = _thesauri.get(key)
    if found is None:
        rows = Synonym.objects.filter(Q(region__isnull=True) | Q(region_id=region_id))
        found = Thesaurus.from_lines(rows.values_list("words", flat=True))
        _thesauri.clear()  # old versions are never asked for again
        _thesauri[key] = found
    return found


def query_weights(text: str, thesaurus: Thesaurus | None) -> dict[str, float]:
    terms = analyse(text, compounds=True)
    weights: dict[str, float] = dict.fromkeys(terms, 1.0)
    if thesaurus is not None:
        for term in thesaurus.expand(terms):
            weights.setdefault(term, EXPANSION_WEIGHT)
    return weights


# --- the index ---------------------------------------------------------------------------------


@dataclass
class Bm25Index:
    """An inverted index with BM25 scoring. Pure Python; no database (the bench uses it too)."""

    postings: dict[str, dict[int, int]] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)
    total_length: int = 0

    def __len__(self) -> int:
        return len(self.lengths)

    def remove(self, doc_id: int, terms: Iterable[str]) -> None:
        if doc_id not in self.lengths:
            return
        for term in set(terms):
            docs = self.postings.get(term)
            if docs is not None:
                docs.pop(doc_id, None)
                if not docs:
                    del self.postings[term]
        self.total_length -= self.lengths.pop(doc_id)

    def add(self, doc_id: int, terms: list[str]) -> None:
        for term, count in Counter(terms).items():
            self.postings.setdefault(term, {})[doc_id] = count
        self.lengths[doc_id] = len(terms)
        self.total_length += len(terms)

    def search(
        self, weights: dict[str, float], *, limit: int, exclude: set[int] = frozenset()
    ) -> list[tuple[int, float]]:
        """The `limit` best documents. Rare terms are scored in full; a term found in more
        than COMMON_SHARE of the documents only adds to documents a rarer term already found
        (when there is one): such a term alone cannot lift a document into the top, and it
        would otherwise cost a pass over most of the index."""
        n = len(self.lengths)
        if not n or not weights:
            return []
        average = self.total_length / n or 1.0
        norm = K1 * (1 - B)
        per_length = K1 * B / average
        common = max(COMMON_MIN, int(n * COMMON_SHARE))
        lengths = self.lengths
        scores: dict[int, float] = {}
        present = [(t, w, self.postings[t]) for t, w in weights.items() if t in self.postings]
        present.sort(key=lambda item: len(item[2]))
        for _term, weight, docs in present:
            df = len(docs)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight
            if df > common and scores:
                for doc_id, score in scores.items():
                    tf = docs.get(doc_id)
                    if tf:
                        scores[doc_id] = score + idf * tf * (K1 + 1) / (
                            tf + norm + per_length * lengths[doc_id]
                        )
                continue
            for doc_id, tf in docs.items():
                score = idf * tf * (K1 + 1) / (tf + norm + per_length * lengths[doc_id])
                scores[doc_id] = scores.get(doc_id, 0.0) + score
        for doc_id in exclude:
            scores.pop(doc_id, None)
        best = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], item[0]))
        return [(doc_id, round(score, 4)) for doc_id, score in best]


@dataclass
class _RegionIndex:
    index: Bm25Index = field(default_factory=Bm25Index)
    terms: dict[int, list[str]] = field(default_factory=dict)
    watermark: datetime | None = None
    validated: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Bm25Matcher:
    """BM25 over the analysed question text, from an in-process index per region."""

    def __init__(self) -> None:
        self._regions: dict[int, _RegionIndex] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._regions.clear()

    @staticmethod
    def _indexed(region_id: int):
        from .models import Question

        return Question.objects.filter(region_id=region_id, hidden_at__isnull=True)

    def _rebuild(self, region_id: int, state: _RegionIndex) -> None:
        state.index = Bm25Index()
        state.terms = {}
        latest = None
        rows = self._indexed(region_id).values_list("pk", "terms", "updated_at")
        for pk, terms, updated_at in rows.iterator(chunk_size=5000):
            words = terms.split()
            state.terms[pk] = words
            state.index.add(pk, words)
            latest = updated_at if latest is None or updated_at > latest else latest
        state.watermark = latest or EPOCH
        state.validated = time.monotonic()

    def _refresh(self, region_id: int, state: _RegionIndex) -> None:
        from .models import Question

        if state.watermark is None or time.monotonic() - state.validated > VALIDATE_SECONDS:
            if state.watermark is None or self._indexed(region_id).count() != len(state.terms):
                self._rebuild(region_id, state)
                return
            state.validated = time.monotonic()
        changed = Question.objects.filter(
            region_id=region_id, updated_at__gte=state.watermark - CLOCK_MARGIN
        ).values_list("pk", "terms", "updated_at", "hidden_at")
        for pk, terms, updated_at, hidden_at in changed:
            old = state.terms.pop(pk, None)
            if old is not None:
                state.index.remove(pk, old)
            if hidden_at is None:
                words = terms.split()
                state.terms[pk] = words
                state.index.add(pk, words)
            if updated_at > state.watermark:
                state.watermark = updated_at

    def _state(self, region_id: int) -> _RegionIndex:
        with self._lock:
            return self._regions.setdefault(region_id, _RegionIndex())

    def similar(
        self, text: str, *, region, limit: int, exclude_id: int | None = None
    ) -> list[tuple[int, float]]:
        region_id = getattr(region, "pk", region)
        weights = query_weights(text, thesaurus_for(region_id))
        if not weights:
            return []
        state = self._state(region_id)
        with state.lock:
            self._refresh(region_id, state)
            exclude = {exclude_id} if exclude_id else set()
            return state.index.search(weights, limit=limit, exclude=exclude)


_matcher: Matcher | None = None
_matcher_path: str | None = None


def get_matcher() -> Matcher:
    """The backend named by settings.COMMUNITY_MATCHER (one instance per process)."""
    global _matcher, _matcher_path
    path = getattr(settings, "COMMUNITY_MATCHER", DEFAULT_MATCHER)
    if _matcher is None or path != _matcher_path:
        _matcher = import_string(path)()
        _matcher_path = path
    return _matcher


def matcher_reset() -> None:
    """Forget every in-process index (tests; after a bulk change outside the services)."""
    global _matcher
    if _matcher is not None and hasattr(_matcher, "reset"):
        _matcher.reset()
    _matcher = None
    _thesauri.clear()
