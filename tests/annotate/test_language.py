"""Language detection on article bodies."""

from sitrep.annotate import detect_language


def test_language_english_and_french():
    assert detect_language("Shelling killed four civilians in the town on Tuesday, the governor said.") == "en"
    assert detect_language("Au moins 63 soldats ont été tués, selon le ministère russe de la Défense.") == "fr"


def test_language_too_short_is_none():
    assert detect_language("Kyiv under fire") is None


def test_language_beyond_the_editions_lexicons():
    # languages without lexicons are still named, with CLD2's older codes renamed to ISO 639-1
    assert detect_language("Внаслідок обстрілу загинули четверо мирних жителів, повідомив голова адміністрації.") == "uk"
    assert detect_language("שלום עולם, זה טקסט בעברית ארוך מספיק כדי לזהות את השפה בוודאות") == "he"


def test_language_text_with_control_characters_and_surrogates():
    # CLD2 refuses such characters (it reads interchange-valid UTF-8); they are read as spaces
    text = "Shelling\x7f killed four\x00 civilians\x85 in the town\ud800 on Tuesday\ufffe, the governor said."
    assert detect_language(text) == "en"
    # beyond the Basic Multilingual Plane: a noncharacter among emoji and other astral letters
    text = "Shelling killed four civilians \U0001fffe in the town \U0001f6a8 on Tuesday\U0010ffff, the governor said."
    assert detect_language(text) == "en"


def test_language_no_letters_is_none():
    assert detect_language("1234 5678 9999 ---- //// 1234 5678 9999 ---- //// 1234") is None
