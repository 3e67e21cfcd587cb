from samenleren.core.text import analyse, fold, search_document


def test_plural_and_singular_share_a_stem():
    assert analyse("trainingen") == analyse("training")


def test_accents_and_case_are_folded():
    assert fold("Coördinator Één") == "coordinator een"


def test_stop_words_are_dropped():
    assert analyse("omgaan met de korte lontjes") == ["omgaan", "kort", "lon"]


def test_search_document_has_unique_stems_between_spaces():
    assert search_document("Training", "trainingen voor TOA") == " train toa "
