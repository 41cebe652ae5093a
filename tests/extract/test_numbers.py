"""The quantity grammar: values, qualifiers, vague words, and measures that are never counts."""

import re

import pytest

from sitrep.extract.numbers import find_quantities


def one(text: str):
    (q,) = [q for q in find_quantities(text) if q.is_count]
    return q.low, q.high, q.central, q.qualifier


@pytest.mark.parametrize(
    "text, expected",
    [
        ("63 soldiers", (63, 63, 63, "exact")),
        ("at least 63 people", (63, None, 63, "at_least")),
        ("more than 80 drones", (81, None, 80, "more_than")),
        ("nearly 400 soldiers", (360, 400, 400, "approximately")),
        ("Up to 10 units", (0, 10, 10, "up_to")),
        ("some 200 families", (180, 220, 200, "approximately")),
        ("five people", (5, 5, 5, "exact")),
        ("a dozen civilians", (12, 12, 12, "exact")),
        ("three dozen villagers", (36, 36, 36, "exact")),
        ("twenty-five children", (25, 25, 25, "exact")),
        ("1,200 residents", (1200, 1200, 1200, "exact")),
    ],
)
def test_numbers_read_values_and_qualifiers(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, word, low, high",
    [("hundreds of people", "hundreds", 200, 999), ("dozens injured", "dozens", 24, 99),
     ("several soldiers", "several", 3, 9), ("scores of bodies", "scores", 40, 99)],
)
def test_numbers_map_vague_words_to_ranges(text, word, low, high):
    (q,) = find_quantities(text)
    assert (q.vague, q.low, q.high, q.central) == (word, low, high, None)


@pytest.mark.parametrize(
    "text",
    ["a range of 80 kilometers", "since 2014", "Ten months after the start", "a 23-year-old man",
     "at 11:50 p.m.", "the 5500 block of Main Street", "on Monday January 2", "cost $5 million",
     "Jane Doe, 26, died", "called 911 to report", "ages 13, 17 and 19", "shot 5 times",
     "at 450 S. 1st St."],
)
def test_numbers_never_count_measures(text):
    assert [text[q.start:q.end] for q in find_quantities(text) if q.is_count] == []


def test_numbers_partitive_gives_both_numbers():
    qs = find_quantities("shot down two of the six missiles fired")
    assert [q.central for q in qs] == [2, 6]


def test_numbers_glued_before_reads_the_last_characters():
    # the glued-before test reads only the end of the text before a number ("$" also matches
    # before a last newline)
    assert [q.is_count for q in find_quantities("F-\n16 people, #5 and 24/7, saw 16 people")] == [
        False, False, False, False, True]


def test_numbers_measure_before_at_the_start_and_after_a_word():
    # a unit or month before the number opens the window, or follows a non-word character
    assert [q.is_count for q in find_quantities("Room 5, on March 3, flight 12, so 4 people")] == [
        False, False, False, True]
    assert [q.is_count for q in find_quantities("bedroom 5 and xmarch 3")] == [True, True]


@pytest.mark.parametrize("text", [
    "5 people", "F16 and F-16 jets, 3.5 dozen, 1,200 and 1,2345 men", "route 5a dozen", "٣٤ people and ٣5 more",
    "twenty-five of the 400", "(12) killed", "x12 _5 ²3 people", "Half a dozen and a hundred men",
    "KELVIN 5 and \u212a5", "seventy\nfive", "\u0131 5 ſeven people",
])
def test_numbers_are_found_where_the_candidates_and_the_grammar_found_them(text):
    # one regex finds every number (the character before it, then the grammar); the spans are
    # those of a scan of candidates (a digit or starter word after no letter), the grammar
    # matched at each candidate outside a previous number and not inside a token
    import re

    from sitrep.extract.numbers import grammar, lower_text

    g = grammar("en")
    for read, flags in ((text, re.IGNORECASE), (lower_text(text), 0)):
        if read is None:
            continue
        words = "|".join(sorted(g.starters, key=len, reverse=True))
        candidate = re.compile(rf"(?<![A-Za-z])(?:\d+|(?:{words})(?![A-Za-z]))", re.IGNORECASE)
        number = re.compile(g.number.pattern, flags)
        expected, pos = [], 0
        for tok in candidate.finditer(read):
            start = tok.start()
            if start < pos or (read[start].isdigit() and start
                               and (text[start - 1].isalnum() or text[start - 1] in ".,-")):
                continue
            m = number.match(read, start)
            if m is not None and m.end() > start:
                pos = m.end()
                expected.append(m.span())
        p = g.plain if flags else g.lower
        assert p is not None
        assert [(m.start(), m.end() - 1) for m in p.numbers.finditer(" " + read)] == expected, read


def test_code_before_opens_at_a_word():
    from sitrep.extract.numbers import _CODE_BEFORE

    old = re.compile(r"\b[A-Z]{2,}\s?$")
    for text in ("(CBS ", "KCTV", "xCBS ", "A", "AB", "aBC", "_BC", "é BC\n", "on CNN  "):
        assert bool(_CODE_BEFORE.search(text)) == bool(old.search(text)), text


def test_age_before_searches_only_texts_that_end_as_its_matches():
    from sitrep.extract.numbers import _AGE_BEFORE, _AGE_CLAUSE, _age_before

    for before in ("Jane Doe, ", "the man,\n", "three who were ", "killing ", "who are\n", "Doe,", "Doe ,x",
                   "who was", "their wife,  ", "", ",", "who is\u00a0", "Smith, 3,"):
        assert _age_before(before) == bool(_AGE_BEFORE.search(before) or _AGE_CLAUSE.search(before)), before


def test_word_values_are_read_alike_however_they_are_written():
    from sitrep.extract.numbers import _word_value, grammar

    g = grammar("en")
    for text, value in (("twenty-five", 25), ("Twenty  five", 25), ("a hundred", 100), ("A Hundred", 100),
                        ("one thousand and two", 1002), ("two", 2), ("two", 2)):
        assert _word_value(text, g) == value, text


def test_words_matched_through_letters_re_folds_are_read_not_a_crash():
    # "ſ" (long s) is an "s" to a case-insensitive pattern, and not to str.lower: the lexicon
    # key is the one the pattern matched
    (q,) = find_quantities("Hundredſ of people died.")
    (plain,) = find_quantities("Hundreds of people died.")
    assert (q.vague, q.low, q.high) == ("hundreds", plain.low, plain.high)
    (q,) = find_quantities("at leaſt 12 people died")
    assert (q.qualifier, q.low) == ("at_least", 12)


def test_the_text_before_a_number_read_backwards_finds_what_was_searched_for_forwards():
    # the qualifier and the measure before a number are matched on the 25 characters before it
    # read backwards (_backwards): what the forward patterns, which end in "$", found in the 24
    # before it, at the edge of those, after a letter, before a last newline, at the start
    from sitrep import lexicons
    from sitrep.extract.numbers import _backwards, grammar, lower_text

    g = grammar("en")
    data = lexicons.load("numbers", "en")
    body = (rf"(?:(?:{lexicons.literal_alternation(data['units_before'])})\s*"
            rf"|(?:{lexicons.alternation(data['months'])})\.?,?\s+(?:the\s+)?)$")
    at_start, inner = re.compile(body, re.I), re.compile(rf"[^\w]{body}", re.I)
    texts = ["said at least 5", "xabout 5", "about 5", "Well Over\n12", "route 66, xroute 7", "No. 5",
             "01234567890123456789route 5", "0123456789012345678about 5", "on March 3, March the 4",
             "aged between  5", "US$5 and $ 6", "more than\u00a0\u00a05", "near 5 or so", "hıs 5"]
    for text in texts:
        for p, read in ((g.plain, text), (g.lower, lower_text(text))):
            if p is None or read is None:
                continue
            for start in range(len(read) + 1):
                back, window = _backwards(read, start), read[max(0, start - 24) : start]
                found = p.measure_before.match(back, 0, min(start, 24)) is not None
                assert found == bool(at_start.match(window) or inner.search(window)), (read, start)
                q, b = g.qualifier_before.search(read, max(0, start - 24), start), p.qualifier_before.match(back)
                assert (q and (q.start(1), q.group(1))) == (b and (start - b.end(1), b.group(1)[::-1])), (read, start)


def test_texts_without_number_words_are_read_for_digits_alone():
    # find_figures tells find_counts a sentence holds no number word: its digits are found by a
    # pattern opened by a digit, with the spans and values the full pattern gives
    from sitrep.extract.numbers import find_counts, lower_text

    for text in ["F-16 jets hit 3 sites at 10:30 on May 5", "1,200 people, 3.5 km and 2 million dead",
                 "x5 _5 -5 .5 ,5 12 34 people", "٣ people and 1,234,56 were 7", "5\nthousand fled"]:
        low = lower_text(text)
        assert find_counts(text, low, "en", False) == find_counts(text, low), text


@pytest.mark.parametrize("text, value", [
    ("The death toll rose to 1,200, the ministry said.", 1200),
    ("It put the toll at 2,053, a figure disputed by others.", 2053),
    ("Some 1,200,000 people fled.", 1200000),
])
def test_numbers_a_comma_after_a_grouped_number_ends_it(text, value):
    assert value in [q.value for q in find_quantities(text)]


def test_numbers_a_range_of_ages_is_a_measure():
    counts = [q.value for q in find_quantities("Seven people between 19 and 33 years old were hurt.") if q.is_count]
    assert 19 not in counts and 33 not in counts


def test_numbers_an_age_after_a_word_for_one_person_is_a_measure():
    counts = [q.value for q in find_quantities("His former girlfriend, 38, was shot in the arm.") if q.is_count]
    assert 38 not in counts
    counts = [q.value for q in find_quantities("They rescued 142 people, 23 of whom were hurt.") if q.is_count]
    assert 23 in counts
