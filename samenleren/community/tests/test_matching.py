"""The matcher: BM25 over analysed text, kept up to date in process, synonyms as query
expansion, and a backend chosen by a setting."""

import pytest

from samenleren.community.matching import (
    Bm25Index,
    TextIndex,
    Tuning,
    get_matcher,
    gram_terms,
    matcher_reset,
    query_weights,
    thesaurus_for,
)
from samenleren.community.services.expertise import synonym_save
from samenleren.community.services.questions import question_create, question_edit
from samenleren.core.text import Thesaurus, analyse
from samenleren.network.tests.factories import RegionFactory, coordinator_of

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


def ids(results) -> list[int]:
    return [pk for pk, _score in results]


def test_compounds_match_their_parts():
    region = RegionFactory()
    laser = QuestionFactory(region=region, text="Wie leert ons werken met de lasersnijmachine?")
    QuestionFactory(region=region, text="Hoe plannen jullie de toetsweek?")

    found = get_matcher().similar("cursus laser snijden", region=region, limit=5)

    assert ids(found) == [laser.pk]


def test_a_new_question_is_found_without_rebuilding(django_assert_max_num_queries):
    region = RegionFactory()
    QuestionFactory(region=region, text="Hoe plannen jullie de toetsweek?")
    matcher = get_matcher()
    assert matcher.similar("warmtepomp", region=region, limit=5) == []

    new = question_create(author=None, region=region, text="Practicum met een warmtepomp?")

    with django_assert_max_num_queries(2):  # synonyms are cached; one read of changed rows
        found = matcher.similar("warmtepompen", region=region, limit=5)
    assert ids(found) == [new.pk]


def test_an_edited_question_is_matched_on_its_new_text():
    region = RegionFactory()
    question = QuestionFactory(region=region, text="Vraag over solderen")
    matcher = get_matcher()
    assert ids(matcher.similar("solderen", region=region, limit=5)) == [question.pk]

    question_edit(actor=None, question=question, text="Vraag over robotarmen")

    assert matcher.similar("solderen", region=region, limit=5) == []
    assert ids(matcher.similar("robotarm", region=region, limit=5)) == [question.pk]


def test_the_query_question_itself_is_left_out_and_regions_stay_apart():
    region = RegionFactory()
    own = QuestionFactory(region=region, text="Lesmateriaal PIE")
    other = QuestionFactory(region=region, text="Materiaal voor PIE-lessen")
    QuestionFactory(region=RegionFactory(), text="Lesmateriaal PIE elders")

    found = get_matcher().similar(own.text, region=region, limit=5, exclude_id=own.pk)

    assert ids(found) == [other.pk]


def test_synonyms_a_coordinator_adds_are_used_at_once(django_capture_on_commit_callbacks):
    region = RegionFactory()
    question = QuestionFactory(region=region, text="Wie heeft ideeën voor handvaardigheid?")
    matcher = get_matcher()
    assert matcher.similar("knutselen", region=region, limit=5) == []

    with django_capture_on_commit_callbacks(execute=True):
        synonym_save(
            actor=coordinator_of(region),
            region=region,
            words="knutselen ~ handvaardigheid",
        )

    assert ids(matcher.similar("knutselen", region=region, limit=5)) == [question.pk]


class FixedMatcher:
    def similar(self, text, *, region, limit, exclude_id=None):
        return [(42, 1.0)]


def test_a_stronger_backend_is_plugged_in_by_a_setting(settings):
    settings.COMMUNITY_MATCHER = "samenleren.community.tests.test_matching.FixedMatcher"
    matcher_reset()

    assert get_matcher().similar("x", region=1, limit=1) == [(42, 1.0)]


def test_bm25_prefers_the_rarer_shared_term():
    index = Bm25Index()
    index.add(1, ["lasersnijder", "les"])
    index.add(2, ["les", "rooster"])
    index.add(3, ["les", "toets"])

    found = index.search({"lasersnijder": 1.0, "les": 1.0}, limit=3)

    assert [doc for doc, _score in found] == [1, 3, 2]  # equal scores: the newest first
    assert found[0][1] > found[1][1] == found[2][1]


def test_a_synonym_group_is_a_concept_shared_by_query_and_question():
    thesaurus = Thesaurus.from_lines(["pneumatiek ~ perslucht ~ pneumatische besturing"])
    concepts_only = Tuning(expansion_weight=0.0, concept_weight=2.0)
    index = TextIndex(concepts_only, thesaurus)
    index.add(1, analyse("lessen pneumatiek", compounds=True))
    index.add(2, analyse("pneumatiek en perslucht", compounds=True))
    index.add(3, analyse("toetsweek plannen", compounds=True))
    query = analyse("perslucht", compounds=True)

    found = index.search(query_weights(query, thesaurus, concepts_only), limit=3, query_terms=query)

    # question 1 shares no word with the query (and there is no expansion here): only the group
    assert sorted(doc for doc, _score in found) == [1, 2]
    # a group counts once, however many of its words a question uses
    assert index.words.postings["~0"] == {1: 1, 2: 1}
    assert TextIndex(Tuning(), thesaurus).concept_terms(query) == []


def test_character_grams_find_a_misspelt_word():
    index = TextIndex(Tuning(gram_size=4, gram_weight=0.2))
    index.add(1, analyse("schroevendraaiers kwijt", compounds=True))
    index.add(2, analyse("toetsweek plannen", compounds=True))
    query = analyse("shroevendraaiers", compounds=True)

    found = index.search(dict.fromkeys(query, 1.0), limit=2, query_terms=query)

    assert [doc for doc, _score in found] == [1]
    assert gram_terms(["laser"], 4) == ["_las", "lase", "aser", "ser_"]
    assert gram_terms(["pi"], 4) == ["_pi_"]


def test_a_removed_document_leaves_no_trace_in_any_index():
    thesaurus = Thesaurus.from_lines(["pneumatiek ~ perslucht"])
    index = TextIndex(Tuning(gram_size=4, gram_weight=0.1, concept_weight=2.0), thesaurus)
    index.add(1, analyse("perslucht", compounds=True))

    index.remove(1)
    index.remove(1)  # twice is harmless

    assert len(index) == 0
    assert index.words.postings == {} and index.grams.postings == {}


def test_the_thesaurus_of_one_region_survives_a_call_for_another():
    first, second = RegionFactory(), RegionFactory()
    thesaurus = thesaurus_for(first.pk)

    thesaurus_for(second.pk)

    assert thesaurus_for(first.pk) is thesaurus  # so the first region's index is not rebuilt


def test_the_default_groups_are_in_the_database():
    thesaurus = thesaurus_for(RegionFactory().pk)

    assert thesaurus.concepts(analyse("perslucht", compounds=True))
    assert thesaurus.concepts(analyse("lasersnijder", compounds=True))
