"""Sentence splitting with offsets, abbreviations and quotations."""

from sitrep.extract.sentences import split_sentences


def texts(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_sentences_split_and_keep_offsets():
    text = "Gov. Smith spoke at 3 p.m. on Monday. Two died.\n\nA new paragraph."
    assert texts(text) == ["Gov. Smith spoke at 3 p.m. on Monday.", "Two died.", "A new paragraph."]
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1]


def test_sentences_do_not_split_inside_quotes():
    text = "“We lost many. Twelve are dead,” he said. Then he left."
    assert texts(text) == ["“We lost many. Twelve are dead,” he said.", "Then he left."]


def test_sentences_mark_headings():
    (head, body) = split_sentences("Strike on the port\n\nThe port was hit on Monday.")
    assert head.heading and not body.heading


def test_boundary_pattern_finds_what_its_plain_form_finds():
    # _BOUNDARY begins with a character class for speed: the matches are those of the plain form
    import re

    from sitrep.extract.sentences import _BOUNDARY

    plain = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n")
    for text in ["a.\nB", "x...  Y", "end.” Next", "a?!) B", "a.\n\nB", "a . b", "e.g. X",
                 "...", "a.)] 1", "No! (Yes) it is. “Quote.” 12 more.\nLine?\n"]:
        assert ([(m.span(), m.group()) for m in _BOUNDARY.finditer(text)]
                == [(m.span(), m.group()) for m in plain.finditer(text)]), text
