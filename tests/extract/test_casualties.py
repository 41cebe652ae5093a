"""Category rules: which counts are casualty, equipment or munitions figures."""

import pytest

from sitrep.extract.casualties import (
    find_figures,
    headline_figures,
    is_running_total,
    mentions_past_year,
    opens_new_incident,
)


def figs(sentence: str) -> list[tuple[str, int | None]]:
    return [(f.category, f.central if f.central is not None else f.low) for f in find_figures(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The death toll rose to 12 on Tuesday.", [("killed", 12)]),
        ("The blast killed at least 7 civilians.", [("killed", 7)]),
        ("Gunmen opened fire, killing four and wounding 12.", [("killed", 4), ("injured", 12)]),
        ("Nine people were wounded in the attack.", [("injured", 9)]),
        ("Three fishermen remain missing.", [("missing", 3)]),
        ("The raid forced 3,000 people from their homes.", [("displaced", 3000)]),
        ("Rebels took 12 soldiers prisoner.", [("captured", 12)]),
        ("Troops destroyed four tanks near the river.", [("equipment_destroyed", 4)]),
        ("Russia launched 40 drones overnight, of which 32 were shot down.",
         [("munitions_launched", 40), ("munitions_intercepted", 32)]),
        ("It had shot down two of the six missiles fired.",
         [("munitions_intercepted", 2), ("munitions_launched", 6)]),
        ("The strikes left five people dead and dozens injured.", [("killed", 5), ("injured", 24)]),
        ("No casualties were reported.", [("killed", 0)]),
        ("No one was injured.", [("killed", 0), ("injured", 0)]),
    ],
)
def test_casualties_categories(sentence, expected):
    assert figs(sentence) == expected


def test_casualties_ignore_counts_of_other_things():
    assert figs("Forty trucks of aid crossed the border and 12 schools reopened.") == []
    assert figs("The rocket launcher can hit targets 80 kilometers away.") == []


def test_casualties_count_singular_victims():
    assert figs("A 23-year-old man was shot and killed on Friday.") == [("killed", 1)]
    assert figs("A man and two girls were shot to death.") == [("killed", 3)]


def test_casualties_add_separate_victims_in_one_sentence():
    assert figs("A man killed his son and then himself.") == [("killed", 2)]
    # a list of counted parts after the verb: each part, and the list's total
    assert sorted(figs("The strike killed 47 soldiers and 84 fighters.")) == [
        ("killed", 47), ("killed", 84), ("killed", 131)]


def test_casualties_people_shot_are_a_separate_internal_category():
    assert figs("Seven men who were shot are expected to survive.") == [("shot", 7)]


def test_casualties_of_displaced_people_are_casualties():
    # a displacement word naming the people counted, then what befell them
    assert figs("Two refugees were killed in the strike.") == [("killed", 2)]
    assert figs("Three internally displaced people were wounded by shelling.") == [("injured", 3)]
    assert figs("Five evacuees died.") == [("killed", 5)]
    # displacement as the predicate stays displacement
    assert figs("About 200 people fled the town.") == [("displaced", 200)]
    assert figs("The shelling left 300 homeless.") == [("displaced", 300)]


def test_casualties_inclusion_is_not_added():
    result = figs("Five people, including two children, were killed.")
    assert max(v for _, v in result) == 5


def test_headlines_drop_articles_and_auxiliaries():
    assert [(f.category, f.central) for f in headline_figures("Man, woman killed in city shooting")] == [("killed", 2)]
    # two clauses, not a list: the officer was wounded, the suspect killed
    found = headline_figures("Officer wounded, suspect killed in shootout")
    assert sorted((f.category, f.central) for f in found) == [("killed", 1), ("shot", 1)]


def test_casualties_more_rules_from_real_phrasing():
    assert figs("A fifth victim of the shooting spree died on Sunday.") == [("killed", 5)]
    assert figs("He is accused of gunning down five people near the campus.") == [("killed", 5)]
    assert figs("Russia launched 40 drones and three ballistic missiles overnight.") == [
        ("munitions_launched", 40), ("munitions_launched", 3)]
    assert figs("Divers recovered four more bodies, bringing the number of confirmed dead to 11.") == [("killed", 11)]
    assert figs("Air defences intercepted 15 of them.") == [("munitions_intercepted", 15)]
    assert figs("They rescued 142 people, 23 of whom were treated in hospital for injuries.") == [("injured", 23)]
    assert figs("The army denied that any civilians were killed.") == [("killed", 0)]


def test_casualties_headline_verbs_in_the_present_and_killings_by_other_verbs():
    assert figs("Twelve die as troops and rebels clash near the border.") == [("killed", 12)]
    assert figs("Four soldiers die in ambush.") == [("killed", 4)]
    assert figs("Insurgents beheaded four hostages.") == [("killed", 4)]
    assert figs("Militants massacre 17 villagers.") == [("killed", 17)]
    assert figs("Two farmers were hacked to death.") == [("killed", 2)]
    assert figs("Afghan forces said 30 Taliban were killed in the operation.") == [("killed", 30)]
    assert figs("The group claimed the killing of 12 soldiers.") == [("killed", 12)]
    assert figs("Ukraine's navy said it destroyed three tugboats.") == [("equipment_destroyed", 3)]
    assert figs("About 50 projectiles crossed from Lebanon.") == [("munitions_launched", 50)]
    assert figs("Some 1,500 people crossed the border into Chad.") == [("displaced", 1500)]
    assert figs("Three men crossed the street.") == []
    assert [(f.category, f.central) for f in headline_figures("Police kill suspected militant in raid")] == [
        ("killed", 1)]


def test_casualties_a_death_after_the_shooting_and_zero_phrasings():
    assert figs("A man was shot Saturday night and later died at the hospital.") == [("killed", 1)]
    assert figs("Two people were shot and later died.") == [("killed", 2)]
    assert figs("Two people were shot and one later died.") == [("shot", 2), ("killed", 1)]
    assert figs("One of them did not survive.") == [("killed", 1)]
    assert figs("Nobody was killed.") == [("killed", 0)]  # "Nobody" names no one
    assert figs("The family was unhurt.") == [("injured", 0)]
    assert figs("The officers were not hurt.") == [("injured", 0)]
    assert figs("Someone was shot.") == [("shot", 1)]


def test_casualties_die_is_a_death_only_as_news():
    assert figs("Hundreds of people could die if the dam bursts.") == []
    assert figs("About 20 people die each year on this road.") == []
    assert figs("Officials fear that 100 more may die.") == []
    assert figs("Dass sich die Beklagte zu 1 die Rezepte zu eigen gemacht hat.") == []  # German "die"


def test_casualties_counts_of_things_that_are_not_people_are_not_figures():
    assert figs("Python 2 support is now officially dead.") == []
    assert figs("She would seek to remove all 41 local cases from Death Row.") == []
    assert figs("Thousands of staff are being treated as second-class citizens.") == []


def test_casualties_others_add_to_a_list_and_ordinals_count():
    assert figs("Two people are in critical condition, four others hurt after the shooting.") == [("injured", 6)]
    assert ("shot", 4) in figs("A fourth victim was also injured.")


def test_casualties_partitives_count_the_part_and_the_whole_right():
    assert figs("Police said two of the five victims died at the hospital.") == [("killed", 2)]
    assert figs("Air defences downed 24 of 27 drones.") == [("munitions_intercepted", 24), ("munitions_launched", 27)]
    assert figs("Three of the four shot were teenagers.") == [("shot", 4)]
    assert figs("The attack claimed 12 lives.") == [("killed", 12)]
    assert figs("Rescuers saved 12 lives.") == []


def test_past_year_gate():
    from sitrep.extract.casualties import mentions_past_year
    assert mentions_past_year("An earthquake in April 2015 killed 9,000.", 2024)
    assert not mentions_past_year("An earthquake in April 2024 killed 9,000.", 2024)
    assert not mentions_past_year("An earthquake in April killed 9,000.", 2024)
    assert mentions_past_year("An earthquake ın April 2015 killed 9,000.", 2024)  # dotless i


@pytest.mark.parametrize("sentence", [
    "A man was hit by a car.", "A man was hit  by a car.", "Whohit by the gate.", "Nothing happened here.",
    "He was killed on Tuesday.", "İstanbul: the house burned.", "Troops destroyed 4 tanks.", "Hıt by a car.",
    "The Hospital said 3 were treated.", "3 people in town.", "à Kyiv, deux morts.",
    "Troops destroyed 4 of the tanks.", "Air defence shot down 12 drones.", "It was a tank-like 5 units of fun.",
])
def test_word_gates_answer_as_the_gates_searched(sentence: str) -> None:
    # the count and singular gates read on a sentence's words find what the patterns find in it
    from sitrep.extract.casualties import _letter_runs, rules

    r = rules("en")
    assert r.word_gates is not None
    low = sentence.lower()
    for _ in range(2):  # a word unknown, then known
        tokens = _letter_runs(low)[0]
        count, singular, things, marked = r.word_gates.read(tokens)
        # the marked words hold every word of the sentence the rules look up
        assert r.vocabulary_bytes.intersection(marked) == r.vocabulary_bytes.intersection(tokens)
        assert count == (r.count_gate.search(low) is not None)
        # the thing gate is open wherever the noun patterns may match after a number
        assert r.thing_lower is not None
        assert things or not any(r.thing_lower.match(low[i:]) for i in range(len(low)))  # it opens with ^
        assert things or "tank" not in low and "drone" not in low
        assert singular in (None, r.singular_gate.search(low) is not None)
        assert singular is not None or "hit" in low


def test_letter_runs_are_the_runs_of_ascii_lower_case_letters() -> None:
    import re

    from sitrep.extract.casualties import _letter_runs

    for text in ("a 23-year-old man", "x\udc80y ünd  façade,ok", "f16 and 9mm", "", "٣ people", "no digit"):
        assert _letter_runs(text) == ([w.encode() for w in re.findall("[a-z]+", text)], re.search("[0-9]", text) is not None)


@pytest.mark.parametrize("text", [
    " was shot and killed", ", 34, was injured", " who died later", " was arrested", "", " later succumbed",
    " is in critical condition", " suffered a gunshot wound", " was hit by a stray bullet", " said",
])
def test_singular_any_matches_where_a_category_does(text: str) -> None:
    from sitrep.extract.casualties import rules

    r = rules("en")
    for after, before, (after_any, before_any) in (
        (r.singular_after, r.singular_before, r.singular_any),
        (r.singular_after_lower, r.singular_before_lower, r.singular_any_lower),
    ):
        assert bool(after_any.match(text)) == any(p.match(text) for _, p in after)
        preceding = text.strip() + " "
        assert bool(before_any.search(preceding)) == any(p.search(preceding) for _, p in before)


def test_word_gates_answer_alike_after_they_forget() -> None:
    from sitrep.extract.casualties import _letter_runs, _WordGates, rules

    r = rules("en")

    class Small(_WordGates):
        LIMIT = 3  # forgets every few words

    gates = Small.of(r.count_gate, "shot|kill|hit by")
    assert gates is not None
    for text in ["he was killed", "a quiet day in town", "troops destroyed tanks", "hit by a car", "he was shot"] * 2:
        count, singular, _, _ = gates.read(_letter_runs(text)[0])
        assert count == (r.count_gate.search(text) is not None)
        assert singular == ((None if "hit" in text else False) if not any(w in text for w in ("shot", "kill")) else True)


@pytest.mark.parametrize("sentence", [
    "No one was hurt.", "There was no damage.", "Nobody had been killed.", "They did not lose any tanks.",
    "No civilians were injured, officials said.", "Anyone with information should call police.",
])
def test_zero_any_finds_where_a_category_does(sentence: str) -> None:
    from sitrep.extract.casualties import rules

    r = rules("en")
    low = sentence.lower()
    assert bool(r.zero_any.search(sentence)) == any(p.search(sentence) for _, p in r.zero)
    assert r.zero_any_lower is not None and r.zero_lower is not None
    assert bool(r.zero_any_lower.search(low)) == any(p.search(low) for _, p in r.zero_lower)


@pytest.mark.parametrize("sentence", [
    "The shooting left a man and a woman dead.", "Police said the man shot himself.",
    "He SHOT HIMSELF after the standoff.", "Officers shot him in the leg.", "The death of his wife shocked the town.",
])
def test_one_person_rules_read_their_twins_alike(sentence: str) -> None:
    from sitrep.extract.casualties import _ONE_PERSON, rules

    r = rules("en")
    for rule in _ONE_PERSON:
        twin = r.twins.get(rule)
        assert twin is not None
        assert [m.span() for m in twin.finditer(sentence.lower())] == [m.span() for m in getattr(r, rule).finditer(sentence)]


@pytest.mark.parametrize("text", [
    "were killed when the building collapsed", "killed; officials said", "were injured, and the police came",
    "three who allegedly shot the man", "nothing here", "wounded\nwhile fleeing", "dead. the end",
    "people, including the mayor,", "soldiers which were",
])
def test_cut_opened_by_a_class_finds_the_same_breaks(text: str) -> None:
    import re

    from sitrep.extract.casualties import rules
    from sitrep.gates import opened_by_class

    r = rules("en")
    plain = re.compile(r.cut.pattern, r.cut.flags & ~re.IGNORECASE)
    assert r.cut_lower is not None and r.cut_lower.pattern != plain.pattern  # opened by a class
    for pos in range(len(text)):
        expected = plain.search(text, pos)
        found = r.cut_lower.search(text, pos)
        assert (found.start() if found else None) == (expected.start() if expected else None), (text, pos)
    # a pattern whose matches may begin otherwise, or that ignores case, is kept as it is
    for kept in (re.compile(r"\bwhen\s"), re.compile(r"(?:x|\s)?y"), re.compile("[;:]", re.I)):
        assert opened_by_class(kept) is kept


def test_including_is_tried_only_where_its_literals_are() -> None:
    from sitrep.extract.casualties import _may_include, rules

    r = rules("en")
    assert r.including_needs
    assert _may_include(r, "five people, including two children, were hurt")
    assert _may_include(r, "ten soldiers, among them a colonel, died")
    assert not _may_include(r, "five people were hurt")
    assert _may_include(r, None)  # a sentence read as it is
    # "four others, including one woman, were injured": the count reads past the parenthesis
    (four, *_) = find_figures("Four others, including one woman, were injured.")
    assert (four.category, four.central, four.subject) == ("injured", 4, "others  were injured")


def test_one_person_rules_are_skipped_together_only_where_each_gate_closes() -> None:
    from sitrep.extract.casualties import _ONE_PERSON, rules

    r = rules("en")
    assert r.one_person_words is not None
    for rule in _ONE_PERSON:  # each rule needs a word of the set
        assert any(words <= r.one_person_words for words in r.gates[rule]), rule
    assert [f.category for f in find_figures("Officers shot him in the leg.")] == ["shot"]
    assert [f.category for f in find_figures("Police said the man later shot himself.")] == ["shot"]


@pytest.mark.parametrize("sentence", [
    "Air defence shot down an attack drone over Kyiv.", "They INTERCEPTED ANOTHER CRUISE MISSILE.",
    "Troops destroyed one Shahed drone and downed a rocket.", "Nothing was downed.",
])
def test_singular_munition_twin_finds_the_same(sentence: str) -> None:
    from sitrep.extract.casualties import rules

    r = rules("en")
    twin = r.twins.get("singular_munition")
    assert twin is not None
    assert [m.span() for m in twin.finditer(sentence.lower())] == [m.span() for m in r.singular_munition.finditer(sentence)]


@pytest.mark.parametrize("text", [
    "the attack killed ", "shot down the ", "after killing at least ", "the toll rose to ", "quiet day with ",
    "shooting killed ", "launched a barrage of ", "wounding their ", "fired at the killing of ",
])
def test_left_trigger_searches_each_category_from_the_first_trigger(text: str) -> None:
    from sitrep.extract.casualties import _ALLOWED, _left_trigger, rules

    r = rules("en")
    assert r.before_lower is not None
    for allowed in _ALLOWED:
        expected = next((c for c, pat in r.before_lower if c in allowed and pat.search(text)), None)
        assert _left_trigger(r, text, text, allowed) == expected, (text, allowed)


def test_seven_words_tells_more_than_six() -> None:
    from sitrep.extract.casualties import _SEVEN_WORDS, _WORDS

    for text in ("", "one two three four five six", "one two three four five six seven", " a-b c'd e’f g h i j ",
                 ",,a,,b,,c,,d,,e,,f,,", "a b c d e f g,", "x" * 40, "a b c d e f  g h"):
        for end in range(len(text) + 1):
            assert (_SEVEN_WORDS.match(text, 0, end) is not None) == (len(_WORDS.findall(text[:end])) > 6)


@pytest.mark.parametrize("sentence, total", [
    ("Since the full-scale invasion began in February 2022, 12,000 civilians have been killed.", True),
    ("More than 3,000 people have been killed since the 2021 military coup.", True),
    ("At least 40 people have died since the fighting broke out.", True),
    ("The strike killed 12 people on Monday.", False),
])
def test_running_totals_since_a_war_or_coup_began(sentence: str, total: bool) -> None:
    (figure,) = find_figures(sentence)
    assert is_running_total(sentence, figure) is total


@pytest.mark.parametrize("sentence, turns", [
    ("Hours later, Israeli jets bombed the port and two power stations.", True),
    ("Also on Tuesday, a missile struck an apartment block in Kharkiv.", True),
    ("Later that night, a drone hit a fuel depot.", True),
    ("The raids followed a Houthi ballistic missile that hit a playground.", True),
    ("Hezbollah said it had fired rockets at the base in response to Israeli strikes.", False),
    ("Rescuers searched the rubble later.", False),
])
def test_new_incident_cues(sentence: str, turns: bool) -> None:
    assert opens_new_incident(sentence) is turns


def test_more_people_nouns_and_a_years_incident_is_background():
    assert figs("A hunter was shot.") == [("shot", 1)]
    assert figs("The store owner was shot and killed.") == [("killed", 1)]
    assert mentions_past_year("It brought back memories of a 2013 attack in which three people died.", 2024)
    assert not mentions_past_year("Police said 2016 was the worst year.", 2024)
    assert not mentions_past_year("The 2024 attack killed 3.", 2024)


def test_a_person_named_with_an_age_after_a_trigger_is_one_victim():
    assert figs("The gunman opened fire, killing Brian Foster, 30, and wounding a 19-year-old woman.") == [
        ("killed", 1), ("injured", 1)]
    assert figs("Police arrested John Smith, 45, on Sunday.") == []


def test_killing_verbs_and_tolls_of_wire_headlines():
    assert figs("Taliban execute four alleged spies in Helmand.") == [("killed", 4)]
    assert figs("Police shoot dead four suspected militants.") == [("killed", 4)]
    assert figs("3 NPA guerrillas killed in Samar encounter.") == [("killed", 3)]
    assert figs("Toll in Blida massacre rises to 25.") == [("killed", 25)]
    assert figs("Body count reaches 45 after raid.") == [("killed", 45)]
    assert figs("The court executed the order on Monday.") == []
    assert [(f.category, f.central) for f in headline_figures("Mob lynches suspected rebel in Bujumbura")] == [
        ("killed", 1)]


def test_a_relative_clause_between_a_person_and_the_verb():
    assert figs("A 19-year-old man who was standing with him was grazed in the arm.") == [("injured", 1)]
    assert figs("A woman who was shot last week has died.") == [("killed", 1)]


def test_both_is_two_people_next_to_a_casualty_word():
    assert figs("Both later died.") == [("killed", 2)]
    assert figs("The gunman opened fire, killing both of them.") == [("killed", 2)]
    assert figs("Both sides claimed victory.") == []
    assert figs("Officials in both countries said 12 people were killed.") == [("killed", 12)]


def test_killing_verbs_split_around_their_count():
    assert figs("ADF rebels hack to death 36 people in Beni.") == [("killed", 36)]
    assert [(f.category, f.central) for f in headline_figures("Insurgents kill ranger in bomb attack")] == [("killed", 1)]
