"""Lower-case twins and word gates: speed-ups of the figure rules that must find exactly what the
case-insensitive patterns find."""

import re

from sitrep.extract.casualties import find_figures, rules
from sitrep.extract.numbers import find_quantities, lower_text, lower_twin


def test_lower_text_refuses_texts_whose_folds_differ():
    assert lower_text("Three Soldiers KILLED") == "three soldiers killed"
    assert lower_text("\u0130stanbul") is None  # lower() gives two characters
    assert lower_text("k\u0131lled") is None  # dotless i: re matches it with "i", lower() keeps it
    assert lower_text("\u017fhot") is None  # long s


def test_lower_twin_only_for_lower_case_ascii_patterns():
    assert lower_twin(re.compile(r"\bkill(?:ed|ing)\s+(?P<n>\d+)\b", re.I)) is not None
    assert lower_twin(re.compile(r"[A-Z]\w+", re.I)) is None
    assert lower_twin(re.compile(r"(?-i:He) was", re.I)) is None
    assert lower_twin(re.compile(r"bless[ée]s?", re.I)) is None


def test_twins_find_what_the_patterns_find():
    r = rules("en")
    text = "Police said THREE Soldiers Were Killed And 12 Wounded, Including Two Children."
    assert r.after_lower is not None
    for (cat, plain), (_, twin) in zip(r.after, r.after_lower, strict=True):
        spans = [m.span() for m in plain.finditer(text)]
        assert spans == [m.span() for m in twin.finditer(text.lower())], cat


def test_unfolded_characters_keep_the_case_insensitive_reading():
    # "ſ" (long s) matches "s" case-insensitively: the gates and twins must not hide it
    plain = "A man was shot and killed; his son's death followed."
    odd = plain.replace("son's", "\u017fon's")
    assert [f.category for f in find_figures(odd)] == [f.category for f in find_figures(plain)]
    (q,) = find_quantities("\u0130n all, Twenty-One were hurt")  # read as it is, not lower-cased
    assert (q.central, q.is_count) == (21, True)


def test_end_filters_open_wherever_their_pattern_matches():
    # _may_end_a_join and _ends_in_quotes skip searches that cannot match: they must never skip
    # one that does (odd folds included: "hıs" matches "his" case-insensitively)
    from sitrep.extract.casualties import _QUOTES_END, _ends_in_quotes, _may_end_a_join

    r = rules("en")
    ends = ["a man and ", "two girls, ", "a man, and his ", "he AND HER ", "one son and hıs ",
            "killing ", "this ", "a woman and the ", "his wife, their ", "and\n", "x,their "]
    for window in ends:
        if r.joined.search(window):
            assert _may_end_a_join(window), window
    for left in ['fired "', "said “ ", "killing ", "", "'’ \t", 'a "b" c ']:
        assert _ends_in_quotes(left) == (_QUOTES_END.sub(" ", left) != left), left
    # the singular gate, a prefix tree of the lexicon's words, matches where the words do
    from sitrep import lexicons

    as_written = re.compile(lexicons.load("categories", "en")["singular_gate"])
    for text in ["hit by a car", "he was killed", "nothing here", "grazed", "hit  by", "herself"]:
        assert bool(r.singular_gate.search(text)) == bool(as_written.search(text)), text


def test_rewritten_subject_patterns_find_what_their_plain_forms_find():
    # name_subject begins with a character class, and texts without "-old" are read without
    # the age alternatives: both for speed, with the matches of the plain patterns
    from sitrep.extract.casualties import _NAME_VERBS

    r = rules("en")
    name = (r"(?-i:\b(?!(?:Police|Officers|Authorities|Investigators|Deputies|Detectives|They|It|The|"
            r"This|That|A|An|One|Two|Three|But|And|When|After|In|On|At)\b)(?:[A-Z][a-z'’]+(?:\s+[A-Z]"
            r"[a-z'’]+){0,2}(?:,\s*\d{1,2},)?|\b[Hh]e|\b[Ss]he))")
    plain = re.compile(rf"{name}(?=\s+(?:{_NAME_VERBS}))", re.I)
    texts = ["He was shot; she had died", "sHe was", "The man was", "Anna Lee was", "An Smith was",
             "It was", "Ithaca was", "Atlanta was", "x-Jo was", "_Jo was", "ÉJo was", "Policeman was",
             "Jane Doe, 26, was found", "O'Neil has", "Police said Officers Tom Ray had left"]
    for text in texts:
        assert [m.span() for m in r.name_subject.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    for text in ["a man and his wife were shot", "the boy, a girl and the woman died", "one teen was hurt"]:
        assert "-old" not in text and r.ageless_subject_lower is not None
        assert ([m.span() for m in r.ageless_subject_lower.finditer(text)]
                == [m.span() for m in r.singular_subject.finditer(text)]), text


def test_spaced_trigger_patterns_find_what_their_patterns_find():
    # the patterns for any trigger open with the non-word character before it (gates.spaced), read on
    # the text with a space before it: their matches begin where the "\b"-led ones do
    r = rules("en")
    texts = ["were killed", "killed 5", "5 people were shot dead and 3 hurt", "xkilled", "the wounded",
             "fired at the drones, which were shot down", "_killed", "killed", "", "five dead"]
    for spaced in list(r.after_any.values()) + list(r.before_any.values()):
        assert spaced is not None and spaced.pattern.startswith("[^\\w]")
        plain = re.compile(r"\b" + spaced.pattern[len("[^\\w]") :], spaced.flags)
        for text in texts + [t + " " for t in texts] + [t + " the " for t in texts]:
            m, p = spaced.search(" " + text), plain.search(text)
            assert (m and (m.start(), m.end() - 1, m.lastgroup)) == (p and p.span() + (p.lastgroup,)), text


def test_the_name_gate_opens_wherever_a_name_matches():
    # _may_name skips the name search in a sentence with no "he"/"she" and no name's end (a
    # capitalised word, an age's comma) before a verb: it must never skip one that matches
    from sitrep.extract.casualties import _may_name

    r = rules("en")
    texts = ["He was shot; she had died", "sHe was", "The man was", "Anna Lee was", "It was", "x-Jo was",
             "ÉJo was", "Jane Doe, 26, was found", "Jane Doe, ٢٦, was found", "O'Neil has", "he  later died",
             "she\nwas", "Police said Officers Tom Ray had left", "his son was", "police was", "SHE was"]
    for text in texts:
        words = frozenset(re.findall("[a-z]+", text.lower()))
        if r.name_subject.search(text):
            assert _may_name(text, words, words), text
    assert not _may_name("the police said the man was shot", frozenset(["the", "man", "was"]), frozenset())
