"""Language detection on article bodies."""

from sitrep.annotate import detect_language


def test_language_english_and_french():
    assert detect_language("Shelling killed four civilians in the town on Tuesday, the governor said.") == "en"
    assert detect_language("Au moins 63 soldats ont été tués, selon le ministère russe de la Défense.") == "fr"


def test_language_too_short_is_none():
    assert detect_language("Kyiv under fire") is None
