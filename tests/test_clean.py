"""Cleaning: boilerplate lines out, body sentences kept, broken quotations repaired."""

from __future__ import annotations

import re

from sitrep.clean import clean_text, is_boilerplate, split_fused


def test_clean_drops_boilerplate_lines_only():
    raw = ("Latest International News\n\nTwo people died in the blast, officials said.\n\n"
           "Leave a comment\n\nThis website uses cookies to improve your experience. Accept Read More")
    assert clean_text(raw) == "Two people died in the blast, officials said."


def test_clean_keeps_sentences_that_mention_boilerplate_words():
    line = "Residents were asked to leave a comment with the council about the shelling."
    assert not is_boilerplate(line)
    assert clean_text(line) == line


def test_clean_splits_a_closing_quote_fused_to_the_next_word():
    raw = "The missiles hit “a temporary deployment centerof the army in the town."
    assert "“a temporary deployment center” of the army" in clean_text(raw)


def test_clean_does_not_split_words_outside_quotations():
    raw = "Nevertheless the governor said the bypass road stayed open."
    assert clean_text(raw) == raw
    assert split_fused("nevertheless") is None


def test_clean_turns_a_closing_opening_quote_around():
    raw = "“Losses are being specified“, indicated the staff."
    assert clean_text(raw) == "“Losses are being specified”, indicated the staff."


def test_clean_closes_an_unclosed_quotation_at_its_sentence_end():
    raw = "He said “we lost eight men. The rest came back."
    assert clean_text(raw) == "He said “we lost eight men.” The rest came back."


def test_clean_fixes_mojibake_but_keeps_curly_quotes():
    assert clean_text("The mayorâ€™s office said “five diedâ€\x9d.") == "The mayor’s office said “five died”."


def test_clean_seed_article(seed_text_path):
    raw = seed_text_path.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert not cleaned.startswith("Latest International News")
    assert "cookies" not in cleaned and "Leave a comment" not in cleaned
    for fused, fixed in [("centerof", "center” of"), ("damagedsaid", "damaged” said"),
                         ("nothingsaid", "nothing” said"), ("destroyedwrote", "destroyed” wrote")]:
        assert fused not in cleaned and fixed in cleaned
    # every body sentence survives: compare the words of the body paragraphs
    body_words = re.findall(r"[A-Za-z]+", raw.split("Leave a comment")[0].split("\n", 1)[1])
    clean_words = re.findall(r"[A-Za-z]+", cleaned)
    assert len(clean_words) >= len(body_words)


def test_clean_mojibake_test_agrees_with_ftfy_line_by_line():
    from ftfy.badness import BADNESS_RE

    from sitrep.clean import _beyond_ascii, _looks_bad

    texts = ["The mayor’s office said “five died” — Zürich, Café.\nNext line «ici».",
             "The mayorâ€™s office", "Ã©tÃ©\n", "a\nb Ø§Ù„ c", "clean ascii text", "Â© 2024", "вЂ” x",
             "“quoted” text\nand Ã\x83 here", "crème brûlée «quoted» ©"]
    for text in texts:
        expected = any(BADNESS_RE.search(seg) for seg in text.splitlines(keepends=True))
        assert _looks_bad(text, _beyond_ascii(text)) == expected, text


def test_clean_drops_a_cookie_line_only_where_one_is():
    raw = ("The site of the strike was cordoned off, officials said.\n\n"
           "We use cookies to improve your experience.\n\nThe site or email address was not given.")
    assert clean_text(raw) == ("The site of the strike was cordoned off, officials said.\n\n"
                               "The site or email address was not given.")
