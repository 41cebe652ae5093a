"""Resolver: clustering across articles, order independence, incremental and streamed runs."""

import itertools

from resolve_builders import GOV, HILLCREST, MOD, RIVERTON, article, claim, event, market_report

from sitrep.resolve import Resolver, resolve, resolve_stream

MARKET_A = "Shells hit Riverton covered market on Monday, governor Kovach said seven died at the fish stalls."
MARKET_B = "Governor Kovach said seven people died when shells hit the covered market in Riverton on Monday."
MARKET_C = "Nine dead at Riverton covered market after Monday shelling, says governor Kovach, fish stalls burned."
DEPOT = "A drone set a fuel depot in Hillcrest ablaze on Monday evening; two guards were hurt, the governor said."


def _depot(doc: str = "dep") -> object:
    cs = (claim(doc, 1, "injured", 2, GOV),)
    ev = event(doc, HILLCREST, "2024-03-04", sub_type="Air/drone strike", weapons=("drone",), claims=cs)
    return article(doc, "2024-03-04", DEPOT, (ev,), cs, "Hill News")


def _corpus():
    return [
        market_report("m1", "2024-03-04", 7, MARKET_A, "Post"),
        market_report("m2", "2024-03-04", 7, MARKET_B, "Herald"),
        market_report("m3", "2024-03-05", 9, MARKET_C, "Tribune"),
        _depot(),
    ]


def _shape(ledgers):
    return sorted((led.event.id, led.event.members, led.history, led.estimates, led.contradictions)
                  for led in ledgers)


def test_resolver_reports_of_one_incident_merge_and_a_nearby_other_incident_does_not():
    ledgers = resolve(_corpus())
    groups = sorted(led.event.documents for led in ledgers)
    assert groups == [("dep",), ("m1", "m2", "m3")]
    market = next(led for led in ledgers if len(led.event.documents) == 3)
    assert market.event.id == "m1-e1" and market.event.sources == 3
    (killed,) = market.estimates
    assert (killed.low, killed.best, killed.high) == (9, 9, 9)  # the governor's 7 was revised


def test_resolver_gives_the_same_ledger_in_any_order():
    corpus = _corpus()
    expected = _shape(resolve(corpus))
    for order in itertools.permutations(corpus):
        assert _shape(resolve(order)) == expected


def test_resolver_incremental_runs_equal_one_run():
    corpus = _corpus()
    r = Resolver()
    r.add(corpus[2:])
    touched = r.add(corpus[:2])
    assert touched == ["m1-e1"]
    assert _shape(r.ledger(x) for x in r.roots()) == _shape(resolve(corpus))


def test_resolver_stream_equals_batch():
    corpus = sorted(_corpus(), key=lambda a: (a.published or "", a.document_id))
    assert _shape(resolve_stream(corpus)) == _shape(resolve(corpus))


def test_resolver_events_without_place_or_date_never_merge_with_everything():
    cs1 = (claim("u1", 1, "killed", 7, GOV),)
    no_place = article("u1", "2024-03-04", MARKET_B + " Reprinted.", (event("u1", None, "2024-03-04", claims=cs1),), cs1)
    cs2 = (claim("u2", 1, "killed", 7, GOV),)
    no_date = article("u2", "2024-03-04", "Seven killed, the governor says, in an attack.", (event("u2", RIVERTON, None, claims=cs2),), cs2)
    cs3 = (claim("u3", 1, "killed", 7, GOV),)
    nothing = article("u3", None, "Seven people were killed, officials said.", (event("u3", None, None, claims=cs3),), cs3)
    ledgers = resolve([*_corpus(), no_date, nothing])
    assert sorted(len(led.event.documents) for led in ledgers) == [1, 1, 1, 3]
    # a wire copy of a placed report is strong evidence: it joins that report's event
    with_copy = resolve([*_corpus(), no_place])
    market = max(with_copy, key=lambda led: len(led.event.documents))
    assert "u1" in market.event.documents


def test_resolver_blocks_so_unrelated_far_events_are_never_compared():
    r = Resolver()
    arts = []
    for i in range(300):
        doc = f"far{i:03d}"
        cs = (claim(doc, 1, "killed", 3, MOD),)
        loc = RIVERTON.__class__(f"Town {i}", f"R{i}", "XA", 40.0 + i * 0.5, 20.0, 5000 + i, 1)
        arts.append(article(doc, f"2024-0{1 + i % 9}-1{i % 10}", f"Report {i}.", (event(doc, loc, f"2024-0{1 + i % 9}-1{i % 10}", claims=cs),), cs))
    r.add(arts)
    assert r.clusters.comparisons == 0 and len(r.roots()) == 300
