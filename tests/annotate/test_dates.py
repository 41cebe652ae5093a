"""Date phrases resolved against the publication date (sitrep.annotate.dates)."""

import datetime as dt
import time

import pytest

from sitrep.annotate.dates import DateMention, fallback_date, find_dates

MON = dt.date(2023, 1, 2)  # a Monday
TUE = dt.date(2023, 1, 3)
D = dt.date


def one(text, published=MON, language="en"):
    found = find_dates(text, published, language)
    assert len(found) == 1, found
    return found[0]


def span(m: DateMention):
    return m.earliest, m.latest, m.precision, m.kind


# --------------------------------------------------------------------------- weekdays


def test_on_monday_published_monday_is_that_day():
    m = one("Two people were killed on Monday, the governor said.", MON)
    assert span(m) == (D(2023, 1, 2), D(2023, 1, 2), 1, "weekday")
    assert m.surface == "on Monday"
    assert "Two people were killed on Monday"[m.start : m.end] == "on Monday"


def test_on_monday_published_tuesday_is_the_day_before():
    assert span(one("Shelling on Monday hit a school.", TUE)) == (D(2023, 1, 2), D(2023, 1, 2), 1, "weekday")


@pytest.mark.parametrize(
    "text, day",
    [
        ("Drones struck Kyiv late Sunday.", D(2023, 1, 1)),
        ("Missiles hit the city early Saturday.", D(2022, 12, 31)),
        ("Explosions were heard Monday night.", D(2023, 1, 2)),
        ("Monday's attack killed four.", D(2023, 1, 2)),
        ("The strike on Thursday destroyed a depot.", D(2022, 12, 29)),
    ],
)
def test_weekday_forms(text, day):
    assert span(one(text)) == (day, day, 1, "weekday")


def test_last_weekday_is_strictly_before_publication():
    assert one("The convoy was hit last Monday.", MON).earliest == D(2022, 12, 26)


def test_weekday_never_resolves_to_the_future():
    for text in ("on Friday", "on Tuesday", "on Sunday"):
        m = one(f"The attack happened {text}.", MON)
        assert m.latest <= MON and m.kind == "weekday"


def test_future_weekdays_are_marked():
    m = one("Talks will resume next Monday.", MON)
    assert (m.earliest, m.kind) == (D(2023, 1, 9), "future")
    m = one("A memorial service will be held on Friday.", MON)
    assert (m.earliest, m.kind) == (D(2023, 1, 6), "future")


def test_weekday_names_that_are_not_days():
    assert find_dates("The Sunday Times reported the strike.", MON) == []
    assert find_dates("Shops opened for Black Friday.", MON) == []


# --------------------------------------------------------------------------- relative words


@pytest.mark.parametrize(
    "text, earliest, latest, precision",
    [
        ("Rockets hit the port yesterday.", D(2023, 1, 1), D(2023, 1, 1), 1),
        ("The town was shelled today.", D(2023, 1, 2), D(2023, 1, 2), 1),
        ("Sirens sounded this morning.", D(2023, 1, 2), D(2023, 1, 2), 1),
        ("Another wave is expected tonight.", D(2023, 1, 2), D(2023, 1, 2), 1),
        ("A blast was heard earlier today.", D(2023, 1, 2), D(2023, 1, 2), 1),
        ("Drones attacked last night.", D(2023, 1, 1), D(2023, 1, 2), 2),
        ("Air defences worked overnight.", D(2023, 1, 1), D(2023, 1, 2), 2),
        ("The bridge was hit the day before yesterday.", D(2022, 12, 31), D(2022, 12, 31), 1),
    ],
)
def test_relative_words(text, earliest, latest, precision):
    assert span(one(text)) == (earliest, latest, precision, "relative")


def test_capitalised_today_inside_a_sentence_is_a_name():
    assert find_dates("The channel Russia Today aired the footage.", MON) == []


# --------------------------------------------------------------------------- holidays


def test_new_years_eve_is_the_year_before_in_early_january():
    m = one("Missiles struck on New Year's Eve.", MON)
    assert span(m) == (D(2022, 12, 31), D(2022, 12, 31), 1, "holiday")
    assert one("Missiles struck on New Year’s Eve.", MON).earliest == D(2022, 12, 31)


@pytest.mark.parametrize(
    "text, day",
    [
        ("Celebrations on New Year's Day were cancelled.", D(2023, 1, 1)),
        ("The shelling continued on New Year, officials said.", D(2023, 1, 1)),
        ("On Christmas Eve a market was hit.", D(2022, 12, 24)),
        ("On Christmas Day two civilians died.", D(2022, 12, 25)),
        ("Fighting went on over Christmas.", D(2022, 12, 25)),
    ],
)
def test_holidays(text, day):
    assert span(one(text)) == (day, day, 1, "holiday")


def test_independence_day():
    assert one("Fireworks on the Fourth of July.", D(2023, 7, 10)).earliest == D(2023, 7, 4)
    assert one("Strikes on Independence Day.", D(2023, 7, 10)).earliest == D(2023, 7, 4)
    assert one("Strikes on Ukraine's Independence Day.", D(2023, 9, 1)).earliest == D(2023, 8, 24)


def test_bare_holiday_words_need_a_cue():
    assert find_dates("Christmas trees were lit in the square.", MON) == []
    assert find_dates("The Lunar New Year holiday began.", MON) == []


# --------------------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    "text, day",
    [
        ("The strike happened on January 2.", D(2023, 1, 2)),
        ("The strike happened on Jan. 1.", D(2023, 1, 1)),
        ("The strike happened on 2 January.", D(2023, 1, 2)),
        ("The strike happened on 1 January 2023.", D(2023, 1, 1)),
        ("The strike happened on January 1, 2023.", D(2023, 1, 1)),
        ("The strike happened on the 31st.", D(2022, 12, 31)),
        ("The strike happened early on 1 January.", D(2023, 1, 1)),
        ("The strike happened on 12/31/2022.", D(2022, 12, 31)),
        ("The strike happened on 2023-01-02.", D(2023, 1, 2)),
        ("The strike happened on the 31st of December.", D(2022, 12, 31)),
        ("The strike happened on Dec. 29.", D(2022, 12, 29)),
    ],
)
def test_explicit_dates(text, day):
    m = one(text)
    assert span(m) == (day, day, 1, "explicit"), m


def test_yearless_date_takes_the_latest_occurrence():
    assert one("Shelling on December 31 killed two.", MON).earliest == D(2022, 12, 31)
    assert one("Shelling on 14 June killed two.", D(2023, 8, 1)).earliest == D(2023, 6, 14)


def test_weekday_written_with_its_date_is_one_mention():
    m = one("The attack on Monday, January 2, 2023, killed four.", TUE)
    assert m.earliest == D(2023, 1, 2) and m.kind == "explicit"


def test_invalid_dates_are_skipped_without_error():
    assert find_dates("A report dated 31 February said nothing.", MON) == []
    assert find_dates("A report dated February 30 said nothing.", MON) == []
    assert find_dates("Figures from 2/30/2022 and 2023-02-31.", MON) == []


def test_numeric_dates_among_other_separators():
    # sentence dots, hyphens and slashes that are no date are passed over; a date glued to
    # more digits or separators is no date, and a superscript digit is not a day
    text = ("Updated 3.45 p.m. A 9-year-old, 12-14 people. On 1/2/2023 and 2023-01-02; "
            "not 12/31/2022/5, 1.2.2023.5 or \u00b912/31/2022.")
    got = [(m.surface, m.earliest) for m in find_dates(text, MON)]
    assert got == [("1/2/2023", D(2023, 1, 2)), ("2023-01-02", D(2023, 1, 2))]


def test_capitalised_phrase_after_a_sentence_end_is_a_date():
    assert one("Police came.   Yesterday a blast killed two.", MON).kind == "relative"
    assert one("\u201cYesterday a blast killed two.\u201d", MON).kind == "relative"
    assert find_dates("The channel   Russia Today aired it.", MON) == []


def test_overlapping_phrases_keep_the_longest():
    got = find_dates("yesterday morning on Monday", TUE)
    assert [(m.surface, m.kind) for m in got] == [("yesterday morning", "relative"), ("on Monday", "weekday")]
    got = find_dates("It was early on the 2nd January.", TUE)
    assert [m.surface for m in got] == ["early on the 2nd"]  # not "2nd January", one shorter


def test_future_explicit_date():
    m = one("A donor conference opens on March 3 in Brussels.", D(2023, 3, 2))
    assert span(m) == (D(2023, 3, 3), D(2023, 3, 3), 1, "future")
    assert one("The vote is on 5 May 2024.", MON).kind == "future"


def test_month_with_year_is_a_month():
    assert span(one("The invasion began in February 2022.")) == (D(2022, 2, 1), D(2022, 2, 28), 4, "explicit")


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "text, earliest, latest, precision, kind",
    [
        ("Dozens of drones were downed over the weekend.", D(2022, 12, 31), D(2023, 1, 1), 2, "relative"),
        ("Dozens of drones were downed this weekend.", D(2022, 12, 31), D(2023, 1, 1), 2, "relative"),
        ("Dozens of drones were downed last weekend.", D(2022, 12, 31), D(2023, 1, 1), 2, "relative"),
        ("Dozens of drones were downed last week.", D(2022, 12, 26), D(2023, 1, 1), 3, "relative"),
        ("Dozens of drones were downed earlier this month.", D(2023, 1, 1), D(2023, 1, 2), 4, "relative"),
        ("Dozens of drones were downed last month.", D(2022, 12, 1), D(2022, 12, 31), 4, "relative"),
        ("Dozens of drones were downed this year.", D(2023, 1, 1), D(2023, 1, 2), 5, "period"),
        ("Dozens of drones were downed last year.", D(2022, 1, 1), D(2022, 12, 31), 5, "period"),
    ],
)
def test_periods(text, earliest, latest, precision, kind):
    assert span(one(text)) == (earliest, latest, precision, kind)


# --------------------------------------------------------------------------- ranges


def test_weekday_list_is_one_range():
    m = one("Strikes on Saturday, Sunday and Monday hit power plants.", MON)
    assert span(m) == (D(2022, 12, 31), D(2023, 1, 2), 2, "range")


def test_weekday_ranges():
    assert span(one("Power was cut from Saturday to Monday.", MON)) == (D(2022, 12, 31), D(2023, 1, 2), 2, "range")


def test_explicit_ranges():
    m = one("Strikes between December 29 and January 2 killed 12.", D(2023, 1, 5))
    assert span(m) == (D(2022, 12, 29), D(2023, 1, 2), 2, "range")
    assert span(one("Shelling on Dec. 30-31 killed two.")) == (D(2022, 12, 30), D(2022, 12, 31), 2, "range")
    assert span(one("Shelling on 30-31 December killed two.")) == (D(2022, 12, 30), D(2022, 12, 31), 2, "range")
    assert one("Raids from 20 to 26 December.", MON).precision == 3


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "Officials may revise the toll.",
        "Veterans will march through the city.",
        "Will Smith said the army may retreat.",
        "The Sun reported a second blast.",
        "Two of the six injured were children.",
        "August Schmidt, a volunteer, was wounded.",
        "Five Marines were wounded.",
        "The convoy travelled 3 km.",
    ],
)
def test_words_that_are_not_dates(text):
    assert find_dates(text, MON) == []


def test_august_with_a_day_is_a_date():
    assert one("On August 24 drones hit Kyiv.", D(2023, 9, 1)).earliest == D(2023, 8, 24)


# --------------------------------------------------------------------------- no publication date


def test_without_publication_date_only_dated_explicit_dates_remain():
    found = find_dates("On Monday, yesterday and on 1 January 2023 and on January 2.", None)
    assert [m.surface for m in found] == ["1 January 2023"]
    assert found[0].earliest == D(2023, 1, 1)


def test_fallback_date():
    assert fallback_date(MON) == (D(2022, 12, 27), MON, 3)
    assert fallback_date(None) is None


# --------------------------------------------------------------------------- French


@pytest.mark.parametrize(
    "text, earliest, latest, precision, kind",
    [
        ("Des frappes ont eu lieu lundi.", D(2023, 1, 2), D(2023, 1, 2), 1, "weekday"),
        ("Des frappes ont eu lieu samedi soir.", D(2022, 12, 31), D(2022, 12, 31), 1, "weekday"),
        ("Des frappes ont eu lieu samedi dernier.", D(2022, 12, 31), D(2022, 12, 31), 1, "weekday"),
        ("Des frappes ont eu lieu le 2 janvier.", D(2023, 1, 2), D(2023, 1, 2), 1, "explicit"),
        ("Des frappes ont eu lieu le 1er janvier 2023.", D(2023, 1, 1), D(2023, 1, 1), 1, "explicit"),
        ("Des frappes ont eu lieu le 31 décembre.", D(2022, 12, 31), D(2022, 12, 31), 1, "explicit"),
        ("Des frappes ont eu lieu hier.", D(2023, 1, 1), D(2023, 1, 1), 1, "relative"),
        ("Des frappes ont eu lieu avant-hier.", D(2022, 12, 31), D(2022, 12, 31), 1, "relative"),
        ("Des frappes ont eu lieu la nuit dernière.", D(2023, 1, 1), D(2023, 1, 2), 2, "relative"),
        ("Des frappes ont eu lieu la semaine dernière.", D(2022, 12, 26), D(2023, 1, 1), 3, "relative"),
        ("Des frappes ont eu lieu ce week-end.", D(2022, 12, 31), D(2023, 1, 1), 2, "relative"),
        ("Des frappes ont eu lieu dans la nuit de samedi à dimanche.", D(2022, 12, 31), D(2023, 1, 1), 2, "range"),
        ("Des frappes ont eu lieu la veille du Nouvel An.", D(2022, 12, 31), D(2022, 12, 31), 1, "holiday"),
        ("Des frappes ont eu lieu à la Saint-Sylvestre.", D(2022, 12, 31), D(2022, 12, 31), 1, "holiday"),
        ("Des frappes ont eu lieu le jour de l'An.", D(2023, 1, 1), D(2023, 1, 1), 1, "holiday"),
    ],
)
def test_french(text, earliest, latest, precision, kind):
    assert span(one(text, MON, "fr")) == (earliest, latest, precision, kind)


def test_french_future_and_non_dates():
    assert one("La réunion aura lieu lundi prochain.", MON, "fr").kind == "future"
    assert find_dates("Les sept soldats ont été tués à Mars.", MON, "fr") == []


def test_unknown_language_uses_english_rules():
    assert one("Shelling on Monday.", TUE, "xx").earliest == MON


# --------------------------------------------------------------------------- speed


def test_speed_on_a_long_article():
    paragraph = (
        "Russian drones struck Kyiv late Sunday and early on Monday, officials said. On New Year's "
        "Eve at least 63 soldiers were killed in Makiivka, the ministry said on Monday; relatives "
        "may gather on Friday. Shelling on Dec. 30-31 and last week killed two of the six people "
        "in the village, and the governor said this morning that 1,500 had died last year. "
    )
    text = paragraph * 12  # ~800 words
    find_dates(text, MON)
    t0 = time.perf_counter()
    for _ in range(50):
        find_dates(text, MON)
    per_article = (time.perf_counter() - t0) / 50
    assert per_article < 0.005  # generous for CI; bench/bench_dates.py measures ~0.4 ms


def test_month_without_year():
    assert span(one("Fighting raged in mid-December.")) == (D(2022, 12, 1), D(2022, 12, 31), 4, "explicit")
    assert one("He may be flown home in early February.").kind == "future"
