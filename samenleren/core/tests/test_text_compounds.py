"""Matching analysis: compounds, evened-out stems and synonyms passed in by the caller. The
plain analysis (calendar search) stays as it was: see test_text.py."""

from samenleren.core.text import Thesaurus, analyse, search_document, split_compound


def test_technical_compounds_keep_the_whole_word_and_give_their_parts():
    assert analyse("lasersnijmachine", compounds=True) == [
        "lasersnijmachin",
        "laser",
        "snijd",
        "machin",
    ]
    assert analyse("cnc-freesmachine", compounds=True) == ["cnc", "fresmachin", "fres", "machin"]
    assert analyse("elektrotechniek", compounds=True) == ["elektrotechniek", "elektro", "techniek"]


def test_hyphenated_words_are_split_at_the_hyphen():
    assert analyse("3d-printer", compounds=True) == ["3d", "print"]


def test_a_linking_s_between_parts_is_allowed():
    assert split_compound("veiligheidsinstructie") == ("veiligheid", "instructie")


def test_a_word_with_an_unlisted_part_is_not_split():
    assert split_compound("lasermuis") == ()


def test_word_forms_that_snowball_leaves_apart_meet():
    assert analyse("printer", compounds=True) == analyse("printen", compounds=True)
    assert analyse("zonnepaneel", compounds=True) == analyse("zonnepanelen", compounds=True)
    assert analyse("boos", compounds=True) == analyse("boze", compounds=True)


def test_question_filler_words_are_dropped_only_when_matching():
    assert analyse("Wie heeft tips voor stage?", compounds=True) == ["stag"]
    assert analyse("tips stage") == ["tip", "stage"]


def test_profile_codes_with_an_ampersand_stay_one_word():
    assert analyse("lesmateriaal M&T", compounds=True)[-1] == "mt"


def test_synonyms_add_the_other_phrases_of_a_matching_group():
    thesaurus = Thesaurus.from_lines(["lasercutter ~ lasersnijder", "korte lontjes ~ de-escaleren"])

    assert analyse("korte lontjes", compounds=True, synonyms=thesaurus) == ["kort", "lon", "escal"]
    assert "lasersnijd" in analyse("laser cutter", compounds=True, synonyms=thesaurus)
    assert analyse("lassen", compounds=True, synonyms=thesaurus) == ["las"]


def test_the_plain_analysis_is_unchanged():
    assert analyse("omgaan met de korte lontjes") == ["omgaan", "kort", "lon"]
    assert search_document("Training", "trainingen voor TOA") == " train toa "


def test_concepts_are_the_groups_a_text_matches_each_once():
    thesaurus = Thesaurus.from_lines(
        ["lasercutter ~ lasersnijder", "korte lontjes ~ de-escaleren", "pneumatiek ~ perslucht"]
    )

    assert thesaurus.concepts(analyse("lasersnijder en lasercutter", compounds=True)) == [0]
    assert thesaurus.concepts(analyse("laser cutter, perslucht", compounds=True)) == [0, 2]
    assert thesaurus.concepts(analyse("korte lessen", compounds=True)) == []
    assert thesaurus.concepts([]) == []
