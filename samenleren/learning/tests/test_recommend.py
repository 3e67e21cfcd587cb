"""The recommender on plain data: reasons, exclusions and the popularity fallback."""

from samenleren.learning.recommend import (
    BECAUSE,
    POPULAR,
    PROFILE_POPULAR,
    ItemFeatures,
    Recommender,
)

ITEMS = {
    1: ItemFeatures(
        1, "Lasersnijden basis", frozenset({"PIE"}), frozenset({"laser"}), frozenset({"laser"})
    ),
    2: ItemFeatures(
        2,
        "Lasersnijden gevorderd",
        frozenset({"PIE"}),
        frozenset({"laser"}),
        frozenset({"laser", "graveer"}),
    ),
    3: ItemFeatures(3, "LOB-gesprekken", frozenset(), frozenset({"lob"}), frozenset({"gesprek"})),
    4: ItemFeatures(4, "Klassenmanagement", frozenset(), frozenset({"klas"}), frozenset({"klas"})),
    5: ItemFeatures(
        5, "Zorg en welzijn", frozenset({"Z&W"}), frozenset({"zorg"}), frozenset({"zorg"})
    ),
}
HISTORIES = {
    10: [1, 2],
    11: [1, 2],
    12: [1, 2, 4],
    13: [3, 4],
    14: [3, 4],
    15: [4],
    16: [5],
}
PROFILES = {10: {"PIE"}, 11: {"PIE"}, 12: {"PIE"}, 13: {"Z&W"}, 14: {"Z&W"}, 16: {"Z&W"}}


def recommender():
    return Recommender(items=ITEMS, histories=HISTORIES, person_profiles=PROFILES)


def test_what_others_did_after_your_module_comes_first_with_that_reason():
    first = recommender().recommend(history=[1], limit=2)[0]

    assert (first.module_id, first.reason, first.because_id) == (2, BECAUSE, 1)


def test_modules_you_did_or_want_excluded_are_never_recommended():
    ids = [r.module_id for r in recommender().recommend(history=[1, 2], exclude=[4], limit=10)]

    assert ids == [3, 5]


def test_a_new_person_gets_what_is_popular_with_their_profile_then_overall():
    result = recommender().recommend(history=[], profiles=["PIE"], limit=3)

    assert [(r.module_id, r.reason, r.profile) for r in result] == [
        (1, PROFILE_POPULAR, "PIE"),
        (2, PROFILE_POPULAR, "PIE"),
        (4, PROFILE_POPULAR, "PIE"),
    ]


def test_without_history_or_profile_the_fallback_is_popularity():
    result = recommender().recommend(history=[], limit=2)

    assert [(r.module_id, r.reason) for r in result] == [(4, POPULAR), (1, POPULAR)]


def test_the_baseline_is_plain_popularity():
    assert recommender().popular(exclude=[4], limit=3) == [1, 2, 3]
