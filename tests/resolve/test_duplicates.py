"""Wire copies: MinHash LSH over word 3-grams."""

from sitrep.resolve.duplicates import DuplicateIndex, from_bytes, signature, similarity, to_bytes

STORY = (
    "Shells struck the covered market in Riverton early on Monday, killing seven people and "
    "wounding nineteen, the regional governor said. Rescue teams were still searching the "
    "rubble of two stalls in the afternoon, and the governor declared a day of mourning. "
    "The ministry in the capital said its air defences had been overwhelmed by the barrage."
)
OTHER = (
    "A drone hit a fuel depot near Hillcrest on Monday night, setting two tanks alight. No one "
    "was hurt, the emergency service said, but residents of nearby streets were evacuated "
    "while firefighters worked through the night to stop the blaze from spreading."
)


def test_duplicates_a_wire_copy_is_found_and_another_story_is_not():
    index = DuplicateIndex()
    assert index.add("a", 100, signature(STORY)) == []
    links = index.add("b", 100, signature("RIVERTON (Wire) - " + STORY + " Distributed by Wire."))
    assert [(k.a, k.b) for k in links] == [("a", "b")] and links[0].similarity >= 0.5
    assert index.add("c", 100, signature(OTHER)) == []


def test_duplicates_copies_published_far_apart_are_not_linked_but_undated_ones_are():
    index = DuplicateIndex(max_gap_days=30)
    index.add("a", 100, signature(STORY))
    assert index.add("late", 200, signature(STORY + " Updated.")) == []
    assert [k.a for k in index.add("undated", None, signature(STORY + " Syndicated."))] == ["a", "late"]


def test_duplicates_signatures_are_deterministic_and_round_trip_as_bytes():
    sig = signature(STORY)
    assert sig == signature(STORY) and len(sig) == 128
    assert from_bytes(to_bytes(sig)) == sig
    assert similarity(sig, signature(OTHER)) < 0.2


def test_duplicates_eviction_drops_old_dated_articles_only():
    index = DuplicateIndex()
    index.add("old", 1, signature(STORY))
    index.add("undated", None, signature(OTHER))
    assert index.evict_before(50) == ["old"]
    assert "undated" in index and "old" not in index
