"""Travel time between two places by car, estimated from coordinates (see docs/travel-time.md).

No routing service: installations run offline and the estimate only has to rank venues and size
the time saved. Straight-line distance times a detour factor gives the road distance; the speed
depends on how far one drives (town streets for short trips, motorways for long ones), plus a
fixed few minutes to park and walk in.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

EARTH_RADIUS_KM = 6371.0
DETOUR_FACTOR = 1.3  # road distance / straight line, typical for Dutch and Belgian roads
PARK_AND_WALK_MINUTES = 5
# (road km up to, average km/h over the whole trip)
SPEED_BANDS = [(5, 30), (15, 45), (40, 65), (100, 85), (math.inf, 95)]
COST_PER_KM = Decimal("0.23")  # the Dutch tax-free travel allowance per km


@dataclass(frozen=True)
class Trip:
    road_km: float
    minutes: float

    @property
    def round_trip_hours(self) -> float:
        return 2 * self.minutes / 60

    @property
    def round_trip_cost(self) -> Decimal:
        return (COST_PER_KM * Decimal(str(round(2 * self.road_km, 1)))).quantize(Decimal("0.01"))


def straight_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) pairs."""
    lat1, lon1, lat2, lon2 = map(math.radians, (float(a[0]), float(a[1]), float(b[0]), float(b[1])))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def speed_for(road_km: float) -> float:
    return next(speed for limit, speed in SPEED_BANDS if road_km <= limit)


def trip(a: tuple[float, float], b: tuple[float, float]) -> Trip:
    """One way by car from a to b. The same place costs nothing (you are already there)."""
    road_km = straight_km(a, b) * DETOUR_FACTOR
    if road_km < 0.05:
        return Trip(0.0, 0.0)
    return Trip(road_km, road_km / speed_for(road_km) * 60 + PARK_AND_WALK_MINUTES)


def travel_minutes(a: tuple[float, float], b: tuple[float, float]) -> float:
    return trip(a, b).minutes


def coordinates_of(organisation) -> tuple[float, float] | None:
    """An organisation's (latitude, longitude), or None when it has no coordinates."""
    if organisation.latitude is None or organisation.longitude is None:
        return None
    return (float(organisation.latitude), float(organisation.longitude))


# The Netherlands with a margin (for validating imported coordinates).
NL_LATITUDE = (50.7, 53.7)
NL_LONGITUDE = (3.2, 7.3)


def in_netherlands(latitude: float, longitude: float) -> bool:
    return (
        NL_LATITUDE[0] <= latitude <= NL_LATITUDE[1]
        and NL_LONGITUDE[0] <= longitude <= NL_LONGITUDE[1]
    )
