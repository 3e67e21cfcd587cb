"""Dutch text analysis for search: normalise, split into words, drop stop words, stem.

"trainingen" and "training" both become "train", so a search for one finds the other. The
question board (later) extends this with compounds and a synonym list.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Function words that carry no meaning for search, written for this project.
STOP_WORDS = frozenset(
    """
    aan al als bij dan dat de deze die dit door een en er het hij hoe ik in is je jij kan
    kunnen me met mijn na naar niet nog of om onder ook op over te tot u uit van voor was
    wat we wel wie wij worden wordt zal ze zich zij zijn zo
    a an and for in of on the to with
    """.split()  # noqa: SIM905 - a word list reads best as text
)
WORD_RE = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def fold(text: str) -> str:
    """Lower case without accents: 'coördinator' and 'coordinator' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def analyse(text: str) -> list[str]:
    words = [w for w in WORD_RE.findall(fold(text)) if w not in STOP_WORDS]
    return _stemmer().stemWords(words)


def search_document(*parts: str) -> str:
    """The text to store for searching: stems separated by spaces, with spaces around."""
    return " " + " ".join(dict.fromkeys(analyse(" ".join(p for p in parts if p)))) + " "
