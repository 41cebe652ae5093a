"""Place names in text: finding them in one pass, resolving them per article."""

from __future__ import annotations

import math

import pytest

from sitrep.annotate.places import (
    PlaceMention,
    ResolvedPlace,
    find_place_mentions,
    resolve_mentions,
)


def resolve(text: str, **kw) -> list[ResolvedPlace]:
    return resolve_mentions(find_place_mentions(text), **kw)


def by_surface(text: str, **kw) -> dict[str, ResolvedPlace]:
    return {r.surface: r for r in resolve(text, **kw)}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("name", ["Makiivka", "Makeevka", "Makiyivka"])
def test_makiivka_spellings(name: str) -> None:
    text = f"A barracks in {name} was struck late on Saturday, the ministry said."
    [place] = resolve(text)
    loc = place.location
    assert place.surface == name and text[place.start : place.end] == name
    assert loc.geonameid == 702320 and loc.precision == 1 and loc.country == "UA"
    assert km(loc.lat, loc.lon, 48.0478, 37.9258) < 25


@pytest.mark.parametrize("name", ["Kyiv", "Kiev"])
def test_kyiv(name: str) -> None:
    [place] = resolve(f"Air raid sirens sounded across {name} before dawn.")
    assert km(place.location.lat, place.location.lon, 50.4501, 30.5234) < 25


@pytest.mark.parametrize("name", ["Kharkiv", "Kharkov"])
def test_kharkiv(name: str) -> None:
    [place] = resolve(f"Trams stopped running in {name} after the power cut.")
    assert place.location.name == "Kharkiv" and place.location.country == "UA"


@pytest.mark.parametrize("phrase", ["Donetsk region", "Donetsk oblast", "Donetska oblast",
                                    "Donetsk Oblast"])
def test_region_phrases_give_admin1(phrase: str) -> None:
    places = by_surface(f"Two villages in the {phrase} lost water supply.")
    loc = places[phrase].location
    assert loc.precision == 4 and loc.country == "UA" and loc.admin1 == "Donetsk"


def test_belgorod_region_and_texas() -> None:
    places = by_surface("Drones flew over the Belgorod region, far from Texas.")
    assert places["Belgorod region"].location.country == "RU"
    assert places["Belgorod region"].location.precision == 4
    assert places["Texas"].location.precision == 4 and places["Texas"].location.country == "US"


def test_region_boosts_its_city() -> None:
    places = by_surface("A depot near Makiivka in the Donetsk region burned for hours.")
    assert places["Makiivka"].location.admin1 == "Donetsk"


def test_samara_with_russia_is_russian() -> None:
    places = by_surface("Officials in Samara, a city on the Volga in Russia, closed the bridge.")
    assert places["Samara"].location.country == "RU"
    assert places["Russia"].location.precision == 6


def test_samara_with_demonym_hint() -> None:
    places = by_surface("The Russian governor said a drone fell near Samara overnight.")
    assert places["Samara"].location.country == "RU"


@pytest.mark.parametrize(
    ("text", "surface", "admin1", "name"),
    [("Crews worked through the night in Chicago, Illinois, after the storm.", "Chicago",
      "Illinois", "Chicago"),
     ("DAYTON, Ohio — A warehouse fire closed two roads.", "DAYTON", "Ohio", "Dayton"),
     ("The fair in Paris, Texas, drew a record crowd.", "Paris", "Texas", "Paris"),
     ("The mayor of Springfield, Illinois, opened the park.", "Springfield", "Illinois",
      "Springfield")],
)
def test_city_state(text: str, surface: str, admin1: str, name: str) -> None:
    mentions = find_place_mentions(text)
    mention = next(m for m in mentions if m.surface == surface)
    assert mention.kind == "city_state"
    loc = by_surface(text)[surface].location
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (name, admin1, "US", 1)


def test_countries_and_alternates() -> None:
    places = by_surface("Ukraine asked the United States, and the US agreed.")
    assert {p.location.country for p in places.values()} == {"UA", "US"}
    assert all(p.location.precision == 6 for p in places.values())


def test_county() -> None:
    places = by_surface("Deputies in Cook County, near Chicago, closed the road.")
    assert places["Cook County"].location.precision == 3
    assert places["Cook County"].location.admin1 == "Illinois"


def test_unknown_word_is_no_mention() -> None:
    assert find_place_mentions("The Zorblatt committee met in Qwzxvbnmplk.") == []


def test_text_without_places() -> None:
    assert find_place_mentions("On Monday the President said the Police would act in March.") == []
    assert find_place_mentions("") == []
    assert resolve_mentions([]) == []


def test_people_are_not_places() -> None:
    assert resolve("Vladimir Putin and Volodymyr Zelensky spoke by phone.") == []


def test_ambiguous_name_without_context_takes_most_populous() -> None:
    [place] = resolve("The parade in Springfield was cancelled.")
    mention = find_place_mentions("The parade in Springfield was cancelled.")[0]
    assert len({c.country + (c.admin1 or "") for c in mention.candidates}) > 3
    top = max((c for c in mention.candidates if c.kind == "city"), key=lambda c: c.population)
    assert place.location.geonameid == top.geonameid


def test_countries_hint_is_used() -> None:
    text = "The port of Tripoli reopened."
    assert by_surface(text)["Tripoli"].location.country == "LY"
    assert by_surface(text, countries_hint=("LB",))["Tripoli"].location.country == "LB"


def test_mention_shape() -> None:
    [m] = find_place_mentions("Shelling hit Kharkiv.")
    assert isinstance(m, PlaceMention) and m.kind == "city"
    assert (m.start, m.end, m.surface) == (13, 20, "Kharkiv")
    pops = [c.population for c in m.candidates]
    assert pops == sorted(pops, reverse=True)
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


def test_demonyms_are_hints_not_places() -> None:
    mentions = find_place_mentions("Ukrainian forces shelled Russian-held positions.")
    assert {m.kind for m in mentions} == {"demonym"}
    assert {m.qualifier for m in mentions} == {"UA", "RU"}
    assert resolve_mentions(mentions) == []


def test_possessive() -> None:
    places = by_surface("Ukraine's second city, Kharkiv, was hit.")
    assert "Ukraine" in places and places["Kharkiv"].location.name == "Kharkiv"


def test_other_name_loses_to_a_town_of_that_name() -> None:
    # "Greenwood" is also filed under a big city; the towns called Greenwood win
    place = by_surface("A man was hurt in Greenwood on Friday.")["Greenwood"].location
    assert place.name == "Greenwood"


def test_a_name_that_is_only_another_name_is_no_place() -> None:
    # a small neighbourhood name GeoNames files under a city is not taken on its own
    found = by_surface("Two men met near Long Point after work; Panola was closed.")
    assert "Long Point" not in found and "Panola" not in found


def test_a_bare_name_is_the_town_named_with_its_state() -> None:
    text = ("Police in Portsmouth, Va., said the store was robbed. "
            "Portsmouth officers found the car later that night.")
    found = resolve(text)
    assert [r.location.admin1 for r in found if r.surface == "Portsmouth"] == ["Virginia"] * 2


def test_url_host_names_a_state_or_city() -> None:
    from sitrep.annotate.places import url_hints

    hints = url_hints("http://web.archive.org/web/2016/http://www.nbcconnecticut.com/news/x-1.html")
    assert ("US", "Connecticut") in hints.regions and "US" in hints.countries
    hints = url_hints("https://www.fox13memphis.com/top-stories/a-story/")
    assert [c.name for c in hints.cities] == ["Memphis"]
    hints = url_hints("https://www.example.com/houston/article/a-b-c.php")
    assert ("houston", "Houston") in [(w, c.name) for w, c in hints.folder_cities]
    assert url_hints("https://www.example.com/news/local/story.html") == type(hints)()
    assert url_hints(None) == type(hints)()


def test_a_host_kept_gives_what_telling_it_again_gives() -> None:
    """The places inside a host, kept by host, are those its words give when told afresh."""
    from sitrep.annotate import places

    urls = ["https://www.abc7chicago.com/news/shooting-in-montgomery/",
            "http://web.archive.org/web/2016/http://www.nbcconnecticut.com/news/x-1.html",
            "https://m.news.kansascitystar.com/houston/a-b/"]
    places._HOSTS.clear()
    told = [places.url_hints(url) for url in urls]
    assert [places.url_hints(url) for url in urls] == told  # read back
    places._HOSTS.clear()
    assert [places.url_hints(url) for url in urls] == told
    assert [c.name for c in told[0].cities] == ["Chicago"]


def test_url_state_picks_the_town_of_that_state() -> None:
    from sitrep.annotate.places import url_hints

    text = "A boy was hurt in Colchester on Saturday while hunting."
    plain = by_surface(text)["Colchester"].location
    hinted = resolve_mentions(find_place_mentions(text),
                              url=url_hints("https://www.nbcconnecticut.com/news/a.html"))
    assert plain.country == "GB"
    assert hinted[0].location.admin1 == "Connecticut"


def test_names_used_for_people_are_not_places() -> None:
    text = ("Gloria Medina woke to the sound of shots. \"It was loud,\" Medina said. "
            "Later, said Mitchell, the street was quiet. Mr. Sutton and Ana Lima, 34, left.")
    found = by_surface(text)
    assert not {"Medina", "Mitchell", "Sutton", "Lima"} & set(found)


def test_a_person_name_that_is_also_a_place_there_stays() -> None:
    text = "Officials in Medina said the road was shut. Medina said nothing more."
    assert "Medina" in by_surface(text)


def test_streets_are_not_places() -> None:
    text = "Officers went to Elm Drive near Shelley Street, then to 2850 Brewer and Toledo."
    found = by_surface(text)
    assert "Shelley" not in found and "Brewer" not in found and "Toledo" in found


def test_acronyms_and_common_words_of_the_text_are_not_places() -> None:
    text = ("Two boys went out to the lake after school. One hid in the trunk of an SUV. "
            "A buffalo ran off; "
            "later the Buffalo was found, and the SUV was towed to Toledo.")
    found = by_surface(text)
    assert "SUV" not in found and "Buffalo" not in found and "Toledo" in found


def test_a_county_of_one_state_makes_that_state_a_region() -> None:
    text = "Deputies in Tishomingo County said a boy was shot near Belmont."
    assert by_surface(text)["Belmont"].location.admin1 == "Mississippi"


def test_a_given_name_that_is_a_big_city_is_no_place() -> None:
    # "Mecca Jones": a capitalised word goes on after it, so it is part of a person's name
    found = by_surface("Her sister, Mecca Jones, found the gun in a drawer in Toledo.")
    assert "Mecca" not in found and "Toledo" in found


def test_a_short_dateline_stays_a_place() -> None:
    found = by_surface("ROME — Two men were stabbed near the station, police said.")
    assert found["ROME"].location.country == "IT"


def test_the_us_state_not_the_country_in_an_article_about_its_county() -> None:
    found = by_surface("Deputies in Butts County said a teenager was shot at a party "
                       "in central Georgia.")
    assert found["Georgia"].location.country == "US"


# -- the scanner reads only the words around capitalised names ----------------------------------

_MIXED_TEXTS = [
    "Shelling on kyiv and on odesa went on all night, while in the town of Izium it was quiet.",
    "In the village of Shelley, Ohio, the buffalo roamed. Buffalo Mayor Jane Doe said so.\n\n"
    "MONROE, Conn. — Two men were hurt at 2850 Brewer Street near the Rostov on Don depot.",
    "troops from moscow reached part of the city; 3kyiv? no: 'in kyiv’s centre', said Ann Lee",
    "The Donetsk region and Kharkiv Oblast; Cook County, Illinois; Dayton, OH; the U.S.-led group",
    "Straße and ΣΟΦΙΑ are odd cases; Köln lies near Bonn, and İzmir in Türkiye.",
    "mid-March, non-Ukrainian iPhone users in   Lviv\tand\n\nKherson — spoke to (the) Mayor of Sumy",
    "",
    "no capital letters at all in this one, only kyiv and a buffalo",
    # capitalised common words alone, and joined to names before or after them
    "Gary, IN The police said. He said The Hague; Rostov on The said. St. The men, U.S. The "
    "end.\nThe Kharkiv Oblast. In the Donetsk region THE END Of. Officer Smith said it.",
    "In the kyiv suburbs the. In Izium, said Police Chief Ann Lee. Frankfurt am  The  Main. The",
    # the words next to a name, cut from the text only when the name is a place
    "It was quiet in the  Kharkiv region, and near the town of Sumy oblast's edge. Portland, OR "
    "police said; Dayton, OH said. Medina said. Officers said Mitchell. Canty, 21, left Izium",
    "Kyiv said: Mr. Hayes of Buffalo spoke. the war in the Donetsk\tregion — in Lviv. attacks on "
    "the kyiv region; from the — Kharkiv; Memphis Police Department, Memphis, Tenn. Street",
    # a text opening with spaces and marks: its first name opens a sentence all the same
    " Sake lies on the lake, near Goma.",
    "  — Sake lies near Goma.",
]


@pytest.mark.parametrize("text", _MIXED_TEXTS)
def test_words_around_names_give_what_every_word_gives(text: str) -> None:
    """Cutting only the stretches around names into words finds what cutting all does."""
    from sitrep.annotate.places import _lexicon, _Scanner, load_gazetteer

    gaz, lex = load_gazetteer(), _lexicon()
    assert _Scanner(text, gaz, lex).run() == _Scanner(text, gaz, lex, plain=True).run()


_RUN_TEXTS = [
    # one run met where it names nothing, then before a region word, after a locative, with a
    # state after it, in capitals, as a person's name
    "Cook said. Cook County was quiet; in Cook, Illinois, and in Cook; COOK — Cook Smith said.",
    "Police Chief Ann Lee said. Ann Lee County. Lee, Ohio. In Lee. Lee region; Lee Oblast.",
    "Mayor Jane Dayton, Ohio, said; Mayor Jane Dayton said; Jane Dayton, OH. Jane Dayton Ohio",
    "Donetsk People's Republic. Donetsk region. The Donetsk Oblast, Donetsk; Russian-backed "
    "Donetsk; Frankfurt am Main region; Rostov on Don Oblast. New York City Police Department",
    # a name the gazetteer knows only with its region word after it, in lower case
    "Autauga said. Autauga county; the Wallonne region, Barbuda parish. St Mary parish",
]


@pytest.mark.parametrize("text", _MIXED_TEXTS + _RUN_TEXTS)
def test_runs_kept_by_their_words_find_what_every_try_finds(text: str, monkeypatch) -> None:
    """Keeping what the gazetteer says of a run's spans (by the run as written) and trying
    only the spans it may give finds what trying every span of every run does."""
    from sitrep.annotate import places

    def every_span(self, i: int, j: int) -> places._Run:
        connectors = self.lex.connectors
        tries = tuple(tuple(q - i for q in range(min(j, p + places.MAX_TOKENS), p, -1)
                            if self.toks[q - 1].low not in connectors) for p in range(i, j))
        return places._Run(tries, (False,) * (j - i), False)

    places._RUNS.clear()
    kept = [find_place_mentions(text), find_place_mentions(text)]  # told, then read back
    monkeypatch.setattr(places._Scanner, "_new_run", every_span)
    places._RUNS.clear()
    assert kept == [find_place_mentions(text)] * 2
    places._RUNS.clear()


def test_a_stretch_is_cut_into_the_words_every_word_gives() -> None:
    """The shortcuts for a stretch of one word (a mark before or after it) cut
    it as cutting the whole text does."""
    from itertools import product

    from sitrep.annotate.places import _stretch_tokens, _tokens

    parts = ["Kyiv", "kyiv", "'s", "’s", "s", "'", "’", ",", ".", "-", "St", "U.S", "3", "é", "'S"]
    for k in (1, 2, 3):
        for combo in product(parts, repeat=k):
            stretch = "".join(combo)
            text = f"ab {stretch} cd"
            end = 3 + len(stretch)
            assert list(_stretch_tokens(text, 3, end)) == _tokens(text, 3, end), stretch


def test_places_far_apart_in_longitude_are_far_apart() -> None:
    """The longitude test that spares distances (_near) never passes over a place within
    300 km: two places under 60° of latitude, within _NEAR_DEG of latitude and more than
    _NEAR_LON of longitude apart, are over 300 km apart."""
    import random

    from sitrep.annotate import places
    from sitrep.annotate.gazetteer import km

    rng = random.Random(3)
    for _ in range(20_000):
        lat = rng.uniform(-places._NEAR_LOW_LAT, places._NEAR_LOW_LAT)
        lat2 = lat + rng.uniform(-places._NEAR_DEG, places._NEAR_DEG)
        lon = rng.uniform(-180.0, 180.0)
        lon2 = (lon + rng.uniform(places._NEAR_LON, 360.0 - places._NEAR_LON) + 180.0) % 360.0 - 180.0
        if places._NEAR_LON < abs(lon2 - lon) < 360.0 - places._NEAR_LON:
            assert km(lat, lon, lat2, lon2) > places.NEAR_KM


def test_the_best_candidate_and_its_lead_as_sorting_scores_and_indices_gives() -> None:
    """_pick takes the best score, a tie to the later candidate, and its lead over the best
    candidate elsewhere, as sorting (score, index) pairs from the highest does."""
    import random

    from sitrep.annotate.gazetteer import Place
    from sitrep.annotate.places import _pick, _same_spot

    rng = random.Random(5)
    for n in range(1, 8):
        for _ in range(300):
            cands = tuple(Place(k, f"P{k}", rng.choice("AB"), None, rng.choice([0.0, 0.5, 40.0]),
                                rng.choice([0.0, 0.5, 30.0]), 1000, "city") for k in range(n))
            scores = [float(rng.randint(0, 3)) for _ in range(n)]
            m = PlaceMention(0, 1, "P", cands, "city")
            scored = sorted(zip(scores, range(n), strict=True), reverse=True)
            best = cands[scored[0][1]]
            rival = next((s for s, i in scored[1:] if not _same_spot(best, cands[i])), None)
            assert _pick(m, scores) == (best, math.inf if rival is None else scored[0][0] - rival)


def test_odd_case_characters_are_all_listed() -> None:
    """The texts where ``lower`` is not ``casefold`` at the same offsets take the plain way."""
    from sitrep.annotate.places import _ODD_CASE

    for code in range(0x110000):
        ch = chr(code)
        lower = ch.lower()
        if len(lower) != 1 or lower != ch.casefold() or (code > 127 and lower.isascii()):
            assert _ODD_CASE.match(ch), hex(code)


def test_two_ambiguous_names_near_each_other_pick_that_pair() -> None:
    """Two names each of several towns: the towns of the two that lie close together."""
    got = by_surface("A barn burned down in Montgomery, a short drive from Aurora, on Tuesday.")
    assert got["Montgomery"].location.admin1 == "Illinois"
    assert got["Aurora"].location.admin1 == "Illinois"


def test_a_headline_word_in_the_address_is_no_anchor_for_its_own_name() -> None:
    """'/fire-in-montgomery/' repeats the headline: it says nothing of which Montgomery, though
    it still counts as a place near the others."""
    from sitrep.annotate.places import url_hints

    url = url_hints("https://example.test/2020/01/02/barn-fire-in-montgomery/")
    assert not url.cities and url.folder_cities
    text = "A barn burned down in Montgomery, a short drive from Aurora, on Tuesday."
    assert by_surface(text, url=url)["Montgomery"].location.admin1 == "Illinois"


def test_a_small_foreign_namesake_far_from_the_article_is_no_place() -> None:
    """A neighbourhood the gazetteer lacks, in an article about a big city, is not a small
    town of that name in a country the article never names."""
    text = ("Two men were shot late on Friday in Whitehaven, near a shopping centre, and "
            "were taken to a hospital in Memphis.")
    found = by_surface(text)
    assert "Whitehaven" not in found and found["Memphis"].location.admin1 == "Tennessee"
    # the same town stays when the article names its country
    found = by_surface("Two men were hurt in Whitehaven, England, and flown to Memphis later.")
    assert found["Whitehaven"].location.country == "GB"


def test_the_congo_names() -> None:
    for name, iso in [("Democratic Republic of Congo", "CD"), ("DR Congo", "CD"),
                      ("Republic of Congo", "CG"), ("Congo-Brazzaville", "CG")]:
        [place] = resolve(f"Floods hit the {name} on Monday.")
        assert place.location.country == iso, name


def test_a_small_town_in_a_dateline_is_a_place() -> None:
    """A dateline opening a paragraph names the town however small (not only big cities at
    the start of a sentence); a capitalised word opening a sentence otherwise does not."""
    text = "The Weekly Herald\n\nIUKA – A boy was hurt on Saturday, Tishomingo County deputies said."
    assert by_surface(text)["IUKA"].location.admin1 == "Mississippi"
    assert "Iuka" not in by_surface("Iuka was quiet. A boy was hurt on Saturday.")


def test_a_part_of_a_city_is_in_that_city() -> None:
    """"<City>'s <Name>": a part of the city (the gazetteer lacks most neighbourhoods), not a
    namesake far away; a namesake near the city stays itself."""
    found = by_surface("Three men were shot on Chicago's South Side late on Friday.")
    assert found["South Side"].location.name == "Chicago"
    found = by_surface("Shells fell on Kharkiv’s Chuhuiv and on Kharkiv itself overnight.")
    assert found["Chuhuiv"].location.name == "Chuhuyiv"  # 35 km from Kharkiv



_REFERENCE_WORD = r"(?:[A-Z]\.){2,}|(?:St|Ste|Mt|Ft)\.|[^\W\d_]+(?:['’\-][^\W\d_]+)*"


def _reference_tokens(text: str, pos: int) -> list[tuple[int, int, str, str, bool]]:
    """The words of a text from ``pos`` as the scanner first cut them: one match object each,
    a possessive taken off."""
    import re

    out = []
    for m in re.compile(_REFERENCE_WORD).finditer(text, pos):
        (start, end), word = m.span(), m.group()
        if word.endswith(("'s", "’s")) and len(word) > 2:
            end, word = end - 2, word[:-2]
        out.append((start, end, word, word.casefold(), word[0].isupper()))
    return out


@pytest.mark.parametrize("text", [
    "Kharkiv's mayor said U.S.-made St. Louis Ste. Genevieve Mt. Hood Ft. Worth",
    "O'Brien’s son's s, U.S.'s A's x-ray 5th ²nd N.Y. ſ İstanbul",
    "  L'viv’s  Rostov-on-Don; Frankfurt am Main St.Pete Mt Stew.",
])
def test_tokens_match_the_reference_cut(text: str) -> None:
    """Words found with findall and located with str.find are those of match objects."""
    from sitrep.annotate.places import _tokens

    for pos in range(len(text)):
        assert [tuple(t) for t in _tokens(text, pos)] == _reference_tokens(text, pos)


def test_stretch_words_are_the_words_of_the_stretch() -> None:
    """The shortcuts for a stretch of one word with a mark before or after it cut what
    :func:`_tokens` cuts, the words whose dot is their own too ("St.", "U.S.")."""
    from sitrep.annotate.places import _stretch_tokens, _tokens

    words = ["Kyiv", "St", "Mt", "Ft", "Ste", "Sta", "A", "S", "U.S", "O'Brien", "Kyiv's",
             "x²", "Texas1", "Köln", "é", "Rostov-on-Don", "ǅ"]
    marks = ["", ".", ",", "'", "’", "-", "_", "1", "²", '"', "“", "(", ")", ".,", "é", "ʼ"]
    for word in words:
        for before in marks:
            for after in marks:
                text = f"a {before}{word}{after} b"
                s, e = 2, len(text) - 2
                assert list(_stretch_tokens(text, s, e)) == _tokens(text, s, e), text


def test_address_read_back_is_the_address_search() -> None:
    """A house number or "block of" before a name, read back on the reversed text, is what a
    search of the 16 characters before the name finds."""
    import itertools
    import re

    from sitrep.annotate.places import _ADDRESS_BACK, _ADDRESS_MAX

    search = re.compile(r"(?:\d+[A-Za-z]?|\bblock of)\s+(?:[NSEW]\.?\s+)?$", re.I)
    parts = ["12", "5b", "x", "Block of", "sunblock of", " ", "   ", "\n", "N.", "s", "-", "é"]
    for n in range(1, 5):
        for pieces in itertools.product(parts, repeat=n):
            text = "".join(pieces) + "Main"
            start = len(text) - 4
            back = len(text) - start
            address = _ADDRESS_BACK.match(text[::-1], back)
            found = address is not None and address.end() - back <= _ADDRESS_MAX
            assert found == (search.search(text, max(0, start - 16), start) is not None), text


def test_names_opening_with_an_article_are_found_whole() -> None:
    found = {m.surface for m in find_place_mentions("The RSF shelled El Fasher, and families fled to El Obeid.")}
    assert {"El Fasher", "El Obeid"} <= found
    assert "Rostov on Don" in {m.surface for m in find_place_mentions("Drones hit Rostov on Don overnight.")}
