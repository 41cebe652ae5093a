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
