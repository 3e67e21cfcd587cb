"""Dutch text analysis for search: normalise, split into words, drop stop words, stem.

"trainingen" and "training" both become "train", so a search for one finds the other.

`analyse(text)` and `search_document(*parts)` keep the plain behaviour the calendar search was
built on. Matching (the question board) asks for more with keywords:

- `compounds=True` splits compounds that matter in technical Dutch over a word list written
  for this project ("lasersnijmachine" -> "lasersnijmachine", "laser", "snijd", "machine";
  "cnc-freesmachine" -> "cnc", "freesmachine", "frees", "machine"), keeping the whole word,
  and evens out what the Snowball stemmer leaves apart ("paneel"/"panelen", "printer"/"printen",
  "boos"/"boze").
- `synonyms=Thesaurus(...)` adds the words of every synonym group the text matches
  ("lasercutter ~ lasersnijder", "korte lontjes ~ boze leerlingen ~ de-escaleren"). The groups
  come from the caller (the question board keeps them in its own model): core knows no domain.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
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
# Extra words that say nothing about what a question is about; dropped only when matching
# (compounds=True), so the calendar search behaves as before.
QUESTION_STOP_WORDS = frozenset(
    """
    iemand iets ideeen idee tips tip vraag vragen hebben heeft heb had hadden ervaring
    ervaringen andere anderen goed goede graag willen wil wilt zoek zoeken zoekt gezocht
    weet weten welke welk waar hoe hoeveel mogelijk misschien onze ons jullie hun eigen
    school scholen collega collega's collegas iedereen elkaar alle allemaal veel meer
    moet moeten mag mogen zou zouden doen doet gedaan krijgen krijg kun kunt manier
    manieren gebruiken gebruik gebruikt hier daar nu al echt even best beste leuk handig
    help helpen hulp advies nodig zitten zit gaan gaat komen komt staan staat maken maakt
    """.split()  # noqa: SIM905
)
WORD_RE = re.compile(r"[a-z0-9]+")

# Parts of compounds in technical Dutch education, written for this project. A compound is
# split only when every part is in this list (a linking "s" or "e"/"en" between parts is
# allowed: "veiligheidsinstructie", "zonnepaneel"). "part>word" stems the part as `word` does,
# so that "snij" in "lasersnijmachine" meets "snijden".
COMPOUND_PARTS_TEXT = """
    laser snij>snijden snijd>snijden snijder cutter machine machines apparaat apparatuur
    print printer printen 3d cnc frees>frezen draai>draaien bank
    las>lassen lasser plasma robot robots arm programma programmeer>programmeren code
    techniek technisch elektro elektra elektriciteit energie installatie installateur
    warmte pomp pompen zonne>zon zon paneel panelen cel cellen licht stroom spanning meter
    schakel>schakelen kast kasten domotica sensor sensoren micro controller bit
    hout metaal kunststof plaat platen vinyl plotter solder>solderen soldeer
    bout lab techlab doe les lessen materiaal materialen methode methodes
    boek boeken opdracht opdrachten project projecten thema
    leer>leren leerling leerlingen docent docenten team
    groep groepen klas klassen praktijk theorie lokaal werk school scholen
    stage stages plaats plaatsen bedrijf bedrijven begeleider begeleiding begeleiden
    beroep beroepen oriëntatie loopbaan keuze examen examens toets
    toetsen toetsing beoordeling rubric rubrics portfolio gesprek gesprekken
    gedrag agressie conflict conflicten lont lontjes escalatie
    veiligheid veilig instructie instructies regels risico inventarisatie
    onderhoud reparatie storing kalibratie kalibreren filter afzuiging brand
    bouw bouwen installeren monteren montage onderdeel onderdelen
    auto motor motoren fiets voertuig voertuigen mobiliteit
    zorg welzijn media ontwerp design ict game games digitaal digitale
    basis onderwijs college netwerk netwerken bijeenkomst
    duurzaam duurzaamheid klimaat isolatie ventilatie verwarming water leiding
    wetenschap ontdek>ontdekken onderzoek onderzoeken proef proeven
    brief brieven vak vakken management plek lijn lijnen
    taak taken omschrijving assistent voorbeeld leven ontwikkeling opleiding opleidingen
    vervolg overstap aansluiting samenwerking uitwisseling vakman vakmanschap
    bord borden oefen>oefenen practicum opstelling opstellingen kit kits set sets
    software tekening teken>tekenen programma programmas ontwerpen ontwerper
    verwarming koeling lucht luchtbehandeling gas sanitair riool dak gevel muur
    steiger timmer>timmeren timmerman metsel>metselen tegel>tegelen schilder>schilderen
    staal ijzer aluminium lijm lijmen schroef schroeven boor boren zaag zagen
    slijp>slijpen buig>buigen knip>knippen plaatwerk pijp buis buizen
    elektronica elektronisch schakeling schakelingen component componenten
    meet>meten meting metingen waarde temperatuur druk
    wiel banden rem remmen olie accu batterij batterijen laad>laden paal palen
    zelf eigen samen houding motivatie aandacht concentratie rust orde
    taal lezen schrijven rekenen begrip woord woorden
    beroeps beroepsgericht leerweg basisberoeps kader gemengd theoretisch
    onder boven bovenbouw onderbouw brug brugklas eerste tweede derde vierde
    meisje meisjes jongen jongens kind kinderen jeugd ouder
    training trainingen cursus cursussen scholing workshop studie studiedag
    bezoek bezoeken excursie dag ochtend middag avond
    ouders week jaar tijd rooster planning budget subsidie
"""


def _parse_parts(text: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for entry in text.split():
        surface, _sep, like = entry.partition(">")
        parts[fold(surface)] = fold(like or surface)
    return parts


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def fold(text: str) -> str:
    """Lower case without accents: 'coördinator' and 'coordinator' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


COMPOUND_PARTS = _parse_parts(COMPOUND_PARTS_TEXT)
MIN_PART = 2  # "3d" is a part; two-letter parts must be in the list like any other
MIN_COMPOUND = 6
LINKS = ("", "s", "e", "en")
DOUBLE_VOWEL_RE = re.compile(r"(aa|ee|oo|uu)")


def _even_out(stem: str) -> str:
    """What Snowball leaves apart, made one: double vowels ("paneel"/"panel"), final z/v
    ("boos"/"boze" -> "bos"), and the agent "-er" ("printer"/"print", "snijder"/"snijd")."""
    stem = DOUBLE_VOWEL_RE.sub(lambda m: m.group(0)[0], stem)
    if stem.endswith("e") and len(stem) >= 4:
        stem = stem[:-1]
    if stem.endswith("z"):
        stem = stem[:-1] + "s"
    elif stem.endswith("v"):
        stem = stem[:-1] + "f"
    if stem.endswith("er") and len(stem) >= 6:
        stem = stem[:-2]
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            stem = stem[:-1]
    return stem


@lru_cache(maxsize=50_000)
def _term(word: str) -> str:
    return _even_out(_stemmer().stemWord(word))


@lru_cache(maxsize=50_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a (folded) compound, or () when it is not one made of listed parts.

    Fewest parts wins; every part must be listed, with an optional linking s/e/en after it."""
    if len(word) < MIN_COMPOUND:
        return ()
    n = len(word)
    # best[i]: the fewest parts that spell word[i:], as a tuple of listed parts
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[n] = ()
    for start in range(n - 1, -1, -1):
        choice: tuple[str, ...] | None = None
        for end in range(start + MIN_PART, n + 1):
            part = word[start:end]
            if part not in COMPOUND_PARTS:
                continue
            for link in LINKS:
                after = end + len(link)
                if after > n or word[end:after] != link:
                    continue
                rest = best[after]
                if rest is None:
                    continue
                candidate = (part, *rest)
                if choice is None or len(candidate) < len(choice):
                    choice = candidate
        best[start] = choice
    parts = best[0]
    if parts is None or len(parts) < 2:
        return ()
    return tuple(COMPOUND_PARTS[p] for p in parts)


AMPERSAND_RE = re.compile(r"\b([a-z])\s?&\s?([a-z])\b")


def _words(text: str, *, compounds: bool) -> list[str]:
    folded = fold(text)
    if not compounds:
        return [w for w in WORD_RE.findall(folded) if w not in STOP_WORDS]
    # "M&T", "W&T", "Z&W": one word; single letters (from "collega's") say nothing
    folded = AMPERSAND_RE.sub(r"\1\2", folded)
    stop = STOP_WORDS | QUESTION_STOP_WORDS
    return [w for w in WORD_RE.findall(folded) if w not in stop and (len(w) > 1 or w.isdigit())]


def analyse(
    text: str, *, compounds: bool = False, synonyms: "Thesaurus | None" = None
) -> list[str]:
    """The stems of the text's meaningful words, in order (repeats kept).

    With `compounds`, compounds also give their parts (after the whole word) and stems are
    evened out; with `synonyms`, the terms of matching synonym groups are added at the end."""
    words = _words(text, compounds=compounds)
    if not compounds:
        return _stemmer().stemWords(words)
    terms: list[str] = []
    for word in words:
        terms.append(_term(word))
        terms.extend(_term(part) for part in split_compound(word))
    if synonyms is not None:
        terms.extend(synonyms.expand(terms))
    return terms


def search_document(
    *parts: str, compounds: bool = False, synonyms: "Thesaurus | None" = None
) -> str:
    """The text to store for searching: stems separated by spaces, with spaces around."""
    joined = " ".join(p for p in parts if p)
    terms = analyse(joined, compounds=compounds, synonyms=synonyms)
    return " " + " ".join(dict.fromkeys(terms)) + " "


class Thesaurus:
    """Groups of words or phrases that mean the same here, given by the caller.

    A phrase matches a text when each of its words is in the text: as the whole word, or as
    all of that word's compound parts ("laser cutter" matches the phrase "lasercutter").
    `expand(terms)` gives the terms of the other phrases of every group that matched."""

    def __init__(self, groups: Iterable[Sequence[str]]):
        self.groups: list[list[tuple[tuple[frozenset[str], ...], tuple[str, ...]]]] = []
        for group in groups:
            phrases = []
            for phrase in group:
                words = _words(phrase, compounds=True)
                if not words:
                    continue
                needs = tuple(
                    frozenset({_term(w)})
                    | frozenset({"|".join(_term(p) for p in split_compound(w))})
                    for w in words
                )
                phrases.append((needs, tuple(analyse(phrase, compounds=True))))
            if len(phrases) > 1:
                self.groups.append(phrases)
        # phrase -> group, found through the first part of any form of its first word
        self._triggers: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
        for number, phrases in enumerate(self.groups):
            for needs, _terms in phrases:
                for alternative in needs[0]:
                    if alternative:
                        first = alternative.split("|")[0]
                        self._triggers.setdefault(first, []).append((number, needs))

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Thesaurus":
        """One group per line, phrases separated by "~": "lasercutter ~ lasersnijder"."""
        return cls([p.strip() for p in line.split("~") if p.strip()] for line in lines)

    def __len__(self) -> int:
        return len(self.groups)

    @staticmethod
    def _matches(needs: tuple[frozenset[str], ...], present: set[str]) -> bool:
        for alternatives in needs:
            if not any(
                alt and all(part in present for part in alt.split("|")) for alt in alternatives
            ):
                return False
        return True

    def concepts(self, terms: Sequence[str]) -> list[int]:
        """The numbers of the groups the terms match (each once, in group order)."""
        present = set(terms)
        found: set[int] = set()
        for term in present:
            for number, needs in self._triggers.get(term, ()):
                if number not in found and self._matches(needs, present):
                    found.add(number)
        return sorted(found)

    def expand(self, terms: Sequence[str]) -> list[str]:
        present = set(terms)
        added: dict[str, None] = {}
        for phrases in self.groups:
            if not any(self._matches(needs, present) for needs, _terms in phrases):
                continue
            for _needs, phrase_terms in phrases:
                for term in phrase_terms:
                    if term not in present:
                        added[term] = None
        return list(added)
