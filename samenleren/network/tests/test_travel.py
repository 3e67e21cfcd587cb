import pytest

from samenleren.network.travel import in_netherlands, speed_for, straight_km, trip

HEERLEN = (50.888, 5.979)
SITTARD = (50.998, 5.869)
UTRECHT = (52.090, 5.121)


def test_straight_line_distance_matches_the_map():
    assert straight_km(HEERLEN, UTRECHT) == pytest.approx(146, abs=2)


def test_short_trips_are_slower_per_km_than_long_ones():
    near, far = trip(HEERLEN, SITTARD), trip(HEERLEN, UTRECHT)
    assert near.road_km / near.minutes < far.road_km / far.minutes
    assert speed_for(3) < speed_for(30) < speed_for(300)


def test_a_trip_includes_the_detour_and_parking():
    one_way = trip(HEERLEN, UTRECHT)
    assert one_way.road_km == pytest.approx(146 * 1.3, abs=3)
    assert one_way.minutes == pytest.approx(one_way.road_km / 95 * 60 + 5)
    assert one_way.round_trip_hours == pytest.approx(2 * one_way.minutes / 60)


def test_staying_put_costs_nothing():
    assert trip(HEERLEN, HEERLEN).minutes == 0
    assert trip(HEERLEN, HEERLEN).round_trip_cost == 0


def test_round_trip_cost_uses_the_allowance_per_km():
    one_way = trip(HEERLEN, SITTARD)
    assert float(one_way.round_trip_cost) == pytest.approx(2 * one_way.road_km * 0.23, abs=0.02)


def test_coordinates_outside_the_netherlands_are_recognised():
    assert in_netherlands(*HEERLEN)
    assert not in_netherlands(48.85, 2.35)  # Paris
