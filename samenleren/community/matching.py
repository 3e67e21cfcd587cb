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
seen.

Synonym groups count twice (docs/decisions/community-matching.md): the query is expanded with
the other words of each group it matches (at TUNING.expansion_weight), and every group is also
a concept term that the documents and the query matching it share, so that a group counts once
however many of its words a question uses. The concept terms live only in the in-process index:
when a coordinator changes a synonym, the next call rebuilds the region's index (no stored
data changes). `TextIndex` is what the bench measures; `TUNING` holds the chosen knobs.
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
        for old in [k for k in _thesauri if k[1] != version]:
            del _thesauri[old]  # old versions are never asked for again
        _thesauri[key] = found
    return found


def query_weights(
    terms: list[str], thesaurus: Thesaurus | None, tuning: "Tuning | None" = None
) -> dict[str, float]:
    """The query's terms (weight 1) and the terms its synonym groups add."""
    expansion = (tuning or TUNING).expansion_weight
    weights: dict[str, float] = dict.fromkeys(terms, 1.0)
    if thesaurus is not None:
        for term in thesaurus.expand(terms):
            weights.setdefault(term, expansion)
    return weights


# --- the index ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tuning:
    """The ranking's knobs (chosen on the bench's tune groups; see docs/community.md)."""

    k1: float = K1
    b: float = B
    expansion_weight: float = EXPANSION_WEIGHT
    gram_size: int = 0  # character n-grams of the terms; 0 = off
    gram_weight: float = 0.0
    prf_docs: int = 0  # pseudo-relevance feedback: terms of the best documents; 0 = off
    prf_terms: int = 0
    prf_weight: float = 0.0
    # synonym groups as concepts: a document and a query that match the same group share a
    # concept term (each group counts once, however many of its words are present)
    concept_weight: float = 0.0


# What the matcher uses (the bench measures the alternatives).
TUNING = Tuning(expansion_weight=0.6, concept_weight=2.0)


@dataclass
class Bm25Index:
    """An inverted index with BM25 scoring. Pure Python; no database (the bench uses it too)."""

    postings: dict[str, dict[int, int]] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)
    total_length: int = 0
    k1: float = K1
    b: float = B

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

    def idf(self, term: str) -> float:
        n = len(self.lengths)
        df = len(self.postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else 0.0

    def scores(self, weights: dict[str, float], *, only: dict | None = None) -> dict[int, float]:
        """BM25 score of every document that has a query term. Rare terms are scored in full; a
        term found in more than COMMON_SHARE of the documents only adds to documents a rarer
        term already found (when there is one): such a term alone cannot lift a document into
        the top, and it would otherwise cost a pass over most of the index. With `only`, just
        those documents are scored."""
        n = len(self.lengths)
        if not n or not weights:
            return {}
        k1 = self.k1
        average = self.total_length / n or 1.0
        norm = k1 * (1 - self.b)
        per_length = k1 * self.b / average
        common = max(COMMON_MIN, int(n * COMMON_SHARE))
        lengths = self.lengths
        scores: dict[int, float] = {}
        present = [(t, w, self.postings[t]) for t, w in weights.items() if t in self.postings]
        present.sort(key=lambda item: len(item[2]))
        for _term, weight, docs in present:
            df = len(docs)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight
            if only is not None or (df > common and scores):
                for doc_id in only if only is not None else list(scores):
                    tf = docs.get(doc_id)
                    if tf:
                        scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (k1 + 1) / (
                            tf + norm + per_length * lengths[doc_id]
                        )
                continue
            for doc_id, tf in docs.items():
                score = idf * tf * (k1 + 1) / (tf + norm + per_length * lengths[doc_id])
                scores[doc_id] = scores.get(doc_id, 0.0) + score
        return scores

    def search(
        self, weights: dict[str, float], *, limit: int, exclude: set[int] = frozenset()
    ) -> list[tuple[int, float]]:
        """The `limit` best documents (see scores())."""
        scores = self.scores(weights)
        for doc_id in exclude:
            scores.pop(doc_id, None)
        best = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], item[0]))
        return [(doc_id, round(score, 4)) for doc_id, score in best]


def gram_terms(terms: Iterable[str], size: int) -> list[str]:
    """Character n-grams of the terms, with "_" marking the word's ends: "laser" ->
    "_las", "lase", "aser", "ser_" (size 4). Shorter terms give themselves."""
    grams: list[str] = []
    for term in terms:
        padded = f"_{term}_"
        if len(padded) <= size:
            grams.append(padded)
            continue
        grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


@dataclass
class TextIndex:
    """What is searched: BM25 over the terms, optionally fused with BM25 over their character
    n-grams (spelling variants, compounds the word list does not split), optionally with
    pseudo-relevance feedback. The bench and the matcher use this same class."""

    tuning: Tuning = field(default_factory=Tuning)
    thesaurus: Thesaurus | None = None
    words: Bm25Index = field(init=False)
    grams: Bm25Index | None = field(init=False)
    terms: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.words = Bm25Index(k1=self.tuning.k1, b=self.tuning.b)
        self.grams = (
            Bm25Index(k1=self.tuning.k1, b=self.tuning.b) if self.tuning.gram_size else None
        )

    def __len__(self) -> int:
        return len(self.terms)

    def concept_terms(self, terms: list[str]) -> list[str]:
        if self.thesaurus is None or not self.tuning.concept_weight:
            return []
        return [f"~{number}" for number in self.thesaurus.concepts(terms)]

    def add(self, doc_id: int, terms: list[str]) -> None:
        self.terms[doc_id] = terms
        self.words.add(doc_id, terms + self.concept_terms(terms))
        if self.grams is not None:
            self.grams.add(doc_id, gram_terms(terms, self.tuning.gram_size))

    def remove(self, doc_id: int) -> None:
        terms = self.terms.pop(doc_id, None)
        if terms is None:
            return
        self.words.remove(doc_id, terms + self.concept_terms(terms))
        if self.grams is not None:
            self.grams.remove(doc_id, gram_terms(terms, self.tuning.gram_size))

    def _scores(self, weights: dict[str, float], query_terms: list[str]) -> dict[int, float]:
        scores = self.words.scores(weights)
        if self.grams is not None and query_terms:
            grams = dict.fromkeys(gram_terms(query_terms, self.tuning.gram_size), 1.0)
            factor = self.tuning.gram_weight
            for doc_id, score in self.grams.scores(grams).items():
                scores[doc_id] = scores.get(doc_id, 0.0) + factor * score
        return scores

    def search(
        self,
        weights: dict[str, float],
        *,
        limit: int,
        exclude: set[int] = frozenset(),
        query_terms: list[str] | None = None,
    ) -> list[tuple[int, float]]:
        """The `limit` best documents for the weighted query terms (`query_terms`: the
        unexpanded terms, whose n-grams are searched; by default every weighted term)."""
        if not weights:
            return []
        if query_terms is None:
            query_terms = list(weights)
        concepts = self.concept_terms(query_terms)
        if concepts:
            weights = {**weights, **dict.fromkeys(concepts, self.tuning.concept_weight)}
        scores = self._scores(weights, query_terms)
        for doc_id in exclude:
            scores.pop(doc_id, None)
        tuning = self.tuning
        if tuning.prf_docs and tuning.prf_terms and scores:
            top = heapq.nlargest(tuning.prf_docs, scores.items(), key=lambda i: (i[1], i[0]))
            seen: Counter[str] = Counter()
            for doc_id, _score in top:
                seen.update(t for t in set(self.terms.get(doc_id, ())) if t not in weights)
            # only terms shared by at least two of the best documents, rarest first
            shared = {t: n * self.words.idf(t) for t, n in seen.items() if n >= 2}
            extra = heapq.nlargest(tuning.prf_terms, shared.items(), key=lambda i: (i[1], i[0]))
            if extra:
                feedback = {t: tuning.prf_weight for t, _g in extra}
                for doc_id, score in self.words.scores(feedback).items():
                    if doc_id not in exclude:
                        scores[doc_id] = scores.get(doc_id, 0.0) + score
        best = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], item[0]))
        return [(doc_id, round(score, 4)) for doc_id, score in best]


@dataclass
class _RegionIndex:
    index: TextIndex = field(default_factory=lambda: TextIndex(TUNING))  # replaced on first use
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

    def _rebuild(self, region_id: int, state: _RegionIndex, thesaurus: Thesaurus) -> None:
        state.index = TextIndex(TUNING, thesaurus)
        latest = None
        rows = self._indexed(region_id).values_list("pk", "terms", "updated_at")
        for pk, terms, updated_at in rows.iterator(chunk_size=5000):
            state.index.add(pk, terms.split())
            latest = updated_at if latest is None or updated_at > latest else latest
        state.watermark = latest or EPOCH
        state.validated = time.monotonic()

    def _refresh(self, region_id: int, state: _RegionIndex, thesaurus: Thesaurus) -> None:
        from .models import Question

        if state.index.thesaurus is not thesaurus:
            # the synonym groups changed: documents carry their groups (concept terms)
            self._rebuild(region_id, state, thesaurus)
            return
        if state.watermark is None or time.monotonic() - state.validated > VALIDATE_SECONDS:
            if state.watermark is None or self._indexed(region_id).count() != len(state.index):
                self._rebuild(region_id, state, thesaurus)
                return
            state.validated = time.monotonic()
        changed = Question.objects.filter(
            region_id=region_id, updated_at__gte=state.watermark - CLOCK_MARGIN
        ).values_list("pk", "terms", "updated_at", "hidden_at")
        for pk, terms, updated_at, hidden_at in changed:
            state.index.remove(pk)
            if hidden_at is None:
                state.index.add(pk, terms.split())
            if updated_at > state.watermark:
                state.watermark = updated_at

    def _state(self, region_id: int) -> _RegionIndex:
        with self._lock:
            return self._regions.setdefault(region_id, _RegionIndex())

    def similar(
        self, text: str, *, region, limit: int, exclude_id: int | None = None
    ) -> list[tuple[int, float]]:
        region_id = getattr(region, "pk", region)
        terms = analyse(text, compounds=True)
        thesaurus = thesaurus_for(region_id)
        weights = query_weights(terms, thesaurus)
        if not weights:
            return []
        state = self._state(region_id)
        with state.lock:
            self._refresh(region_id, state, thesaurus)
            exclude = {exclude_id} if exclude_id else set()
            return state.index.search(weights, limit=limit, exclude=exclude, query_terms=terms)


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
