"""Blocking: which article events may be compared."""

from resolve_builders import FARPORT, HILLCREST, NORTH_REGION, RIVERTON

from sitrep.models import EventDate, Location
from sitrep.resolve import blocking


def test_blocking_points_within_25_km_fit_and_far_ones_do_not():
    assert blocking.place_fits(RIVERTON, HILLCREST)
    assert not blocking.place_fits(RIVERTON, FARPORT)


def test_blocking_a_vague_place_fits_a_point_of_its_admin1_only():
    assert blocking.place_fits(NORTH_REGION, RIVERTON)
    assert not blocking.place_fits(NORTH_REGION, FARPORT)
    assert not blocking.place_fits(Location(), Location())


def test_blocking_keys_of_a_point_and_of_its_region_meet_both_ways():
    days = (blocking.day("2024-03-04"), blocking.day("2024-03-04"))
    for a, b in ((RIVERTON, NORTH_REGION), (NORTH_REGION, RIVERTON), (RIVERTON, HILLCREST)):
        assert set(blocking.query_keys(a, days)) & set(blocking.insert_keys(b, days))
    assert not set(blocking.query_keys(RIVERTON, days)) & set(blocking.insert_keys(FARPORT, days))


def test_blocking_an_undated_or_very_vague_date_has_no_range():
    assert blocking.day_range(EventDate()) is None
    assert blocking.day_range(EventDate("2024-01-01", "2024-12-31", 5)) is None
    assert blocking.day_range(EventDate("2024-03-01", None, 1)) == (blocking.day("2024-03-01"),) * 2
    assert blocking.date_gap((10, 12), (14, 15)) == 2 and blocking.date_gap((10, 12), (11, 20)) == 0


def test_blocking_types_of_one_violent_incident_fit_and_protests_do_not():
    assert blocking.types_fit("Explosions/Remote violence", "Violence against civilians")
    assert blocking.types_fit(None, "Protests")
    assert not blocking.types_fit("Protests", "Explosions/Remote violence")
