"""Extract stage: which quantities in a sentence are casualty, equipment or munitions figures.

Rules ``casualties.rules.v1``. For each *count* found by :mod:`.numbers` the counted noun phrase
is read (people, munitions or equipment), then the nearest category trigger: right after the noun
phrase ("63 soldiers had been killed", "six missiles fired") or right before the number ("killing
at least 5", "shot down two of the six missiles"). Singular victims ("a 23-year-old man was shot
and killed", "killed his wife") count one each; "no one was hurt" is a zero. ``shot`` is an
internal category (hit by gunfire), turned into injured figures when figures are merged. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from .. import gates, lexicons
from .numbers import UNFOLDED, Quantity, find_counts, grammar, lower_text, lower_twin

RULES = "casualties.rules.v1"



class Figure(NamedTuple):
    """A category figure found in a sentence (before attribution and events). A tuple: a
    frozen dataclass set its nine fields through ``object.__setattr__``, some 1 µs a figure, and
    every reader reads its fields by name."""

    category: str  # one of models.CATEGORIES, or "shot"
    low: int | None
    high: int | None
    central: int | None
    qualifier: str
    vague: str | None
    subject: str | None
    start: int  # span of the figure in the sentence text
    end: int


@dataclass(frozen=True, slots=True)
class _Rules:
    munition: re.Pattern[str]
    equipment: re.Pattern[str]
    thing_lower: re.Pattern[str] | None  # the lower-case twin of both together
    after: tuple[tuple[str, re.Pattern[str]], ...]
    before: tuple[tuple[str, re.Pattern[str]], ...]
    after_lower: tuple[tuple[str, re.Pattern[str]], ...] | None  # their lower-case twins
    before_lower: tuple[tuple[str, re.Pattern[str]], ...] | None
    # allowed → any trigger (a twin, to search the text with a space before it: see gates.spaced)
    before_any: dict[tuple[str, ...], re.Pattern[str] | None]
    # the same for the ``after`` triggers, each category's a group named after it (_named_any)
    after_any: dict[tuple[str, ...], re.Pattern[str] | None]
    singular_subject: re.Pattern[str]
    singular_subject_lower: re.Pattern[str] | None  # its lower-case twin
    ageless_subject_lower: re.Pattern[str] | None  # the twin without ages, for texts with none
    singular_after: tuple[tuple[str, re.Pattern[str]], ...]
    singular_before: tuple[tuple[str, re.Pattern[str]], ...]
    singular_after_lower: tuple[tuple[str, re.Pattern[str]], ...] | None  # lower-case twins
    singular_before_lower: tuple[tuple[str, re.Pattern[str]], ...] | None
    singular_any: tuple[re.Pattern[str], re.Pattern[str]]  # any singular_after, any singular_before
    singular_any_lower: tuple[re.Pattern[str], re.Pattern[str]] | None  # their lower-case twins
    zero: tuple[tuple[str, re.Pattern[str]], ...]
    zero_lower: tuple[tuple[str, re.Pattern[str]], ...] | None  # lower-case twins
    zero_any: re.Pattern[str]  # any zero pattern: it finds one where one of them does
    zero_any_lower: re.Pattern[str] | None  # its lower-case twin
    self_harm: re.Pattern[str]
    running_total: re.Pattern[str]
    new_incident: re.Pattern[str]
    left_dead: re.Pattern[str]
    self_shot: re.Pattern[str]
    inclusion: re.Pattern[str]
    joined: re.Pattern[str]
    joined_lower: re.Pattern[str] | None  # its lower-case twin
    joined_after: re.Pattern[str]
    singular_gate: re.Pattern[str]
    name_subject: re.Pattern[str]
    number_words: frozenset[str]
    person_words: frozenset[str]
    subject_words: frozenset[str]  # the last word of a singular person noun, and its plural
    twins: dict[str, re.Pattern[str]]  # lower-case twins of _TWINNED, _ONE_PERSON and singular_munition
    # every word a rule looks up in a sentence's word set (_vocabulary), as ASCII bytes (see
    # _letter_runs)
    vocabulary_bytes: frozenset[bytes]
    vocabulary_text: dict[bytes, str]  # each of them as text, looked up where decoding cost more
    number_bytes: frozenset[bytes]  # number_words, as the ASCII bytes vocabulary_bytes holds
    count_gate: re.Pattern[str] | None  # words one of which a count's figure needs (_count_gate)
    word_gates: _WordGates | None  # the count and singular gates read on a sentence's words
    # the words of _word_rules, as the ASCII bytes vocabulary_bytes holds (None: some rule needs none)
    word_rules_words: frozenset[bytes] | None
    gates: dict[str, tuple[frozenset[str], ...]]  # rule → word lists it needs a word of each of
    # a word of which each one-person rule needs (the shortest of its gate lists; None: some
    # rule has none): a sentence that holds none skips them all (see _singulars)
    one_person_words: frozenset[str] | None
    people_triggers: frozenset[str]
    object_shot: re.Pattern[str]
    multiples: dict[str, int]
    headline: tuple[tuple[str, re.Pattern[str]], ...]
    singular_munition: re.Pattern[str]
    pair_subject: re.Pattern[str] | None  # "both" before a casualty word ("Both later died")
    pair_object: re.Pattern[str] | None  # and after one ("killing both of them")
    singular_munition_words: frozenset[str] | None  # words one of which it needs (None: no gate)
    ordinal_victim: re.Pattern[str]
    ordinal_victim_hurt: re.Pattern[str]
    ordinals: dict[str, int]
    past_year: re.Pattern[str]
    past_year_marks: tuple[str, ...] | None  # what the year of each match begins with ("19", "20")
    multiple: tuple[tuple[str, re.Pattern[str]], ...]
    joined_unit: re.Pattern[str]
    possessive_death: re.Pattern[str]
    cut: re.Pattern[str]
    cut_lower: re.Pattern[str] | None  # its lower-case twin, opened by a class (gates.opened_by_class)
    partitive: re.Pattern[str]
    relative: re.Pattern[str]
    including: re.Pattern[str]
    including_needs: tuple[str, ...] | None  # literals one of which each match holds (lower case)
    no_noun: re.Pattern[str]
    ellipsis: re.Pattern[str]
    none_of: re.Pattern[str]
    coordinated: re.Pattern[str]
    own_predicate: re.Pattern[str]
    noun_phrase: re.Pattern[str]
    np_pp_aux: re.Pattern[str]
    not_news: re.Pattern[str] | None  # the words before a trigger that make it no report
    np_token: re.Pattern[str]
    not_a_noun: frozenset[str]
    others: frozenset[str]
    zero_words: frozenset[str]
    list_and: re.Pattern[str]
    others_subject: re.Pattern[str]


def _headline_patterns(d: dict, person: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    # a word after a list item's person noun is never a casualty word of any category: "Officer
    # wounded, suspect killed" is two clauses, not a list of two killed
    every = "|".join(d["headline_passive"].values())
    for cat in d["headline_passive"]:
        passive, active = d["headline_passive"][cat], d["headline_active"][cat]
        hn = rf"(?:(?:\d+|[a-z]+)-(?:year|month)-old|{person})(?:\s+(?!(?:{every})\b|and\b)[\w'’-]+){{0,2}}?"
        out.append((cat, re.compile(
            rf"(?:^|[:;]\s*|\b)(?P<np>{hn}(?:\s*(?:,|\band\b|&)\s*{hn})*)\s+(?:\w+ly\s+)?{passive}\b"
            rf"|\b{active}\s+(?P<obj>(?:[\w'’-]+\s+){{0,2}}?(?:{person}))\b", re.I)))
    return tuple(out)


_alt = lexicons.alternation

# every match holds "-old"; the digits or letters are possessive, as a "-" follows them: giving
# one back never makes a match, and re does not retry (a tenth faster on texts with an age)
_AGE = r"(?:\d++|[a-z]++)-(?:year|month|week)-old"


def _subject(person: str, ages: bool) -> tuple[str, str]:
    """The regexes of a singular person noun and of a subject with it ("a 23-year-old man",
    "his wife"), with or without ages ("a 5-month-old"). Without them, the subject pattern
    finds the same in any text that does not hold "-old" (lower-cased), faster: the age
    alternatives are tried at every word, and can match only where "-old" is. A word before the
    noun is possessive (``[\\w-]++``): white space follows it, which it cannot end in, so giving
    back its characters never makes a match (the same matches, without the retries)."""
    noun = rf"(?:{person}|{_AGE})" if ages else rf"(?:{person})"
    # an age can begin with any letter or digit; without it, the subject begins with a
    # determiner, which the pattern opens with as one character class (see _led_words)
    start = (rf"\b(?:{'|'.join(_DETERMINERS)})\s+|\b(?={_AGE}\b)" if ages
             else rf"{_led_words(_DETERMINERS)}\s+")
    subj = (rf"(?:(?:{start})"
            r"(?:(?!(?:of|a|an|the|and|or|in|on|at|to|for|with|by|was|were|is|that|who|which|whom|"
            rf"killed|shot|wounded|injured|died|killing|shooting)\b)[\w-]++\s+){{0,3}}(?:{noun})s?\b)")
    return noun, subj


_DETERMINERS = ("a", "an", "one", "the", "his", "her", "their", "another", "a second", "a third")


def _led_words(words: tuple[str, ...]) -> str:
    """``\\b(?:w1|w2|...)``, the words as a whole word in the order given, written to begin with
    one character class (their first letters): ``re`` then skips the other characters in a fast
    loop instead of trying the pattern at each position (a fifth faster for the subject). After
    that first character, ``(?<!\\w.)`` is the word boundary before it, and ``(?<=t)(?:he|heir)``
    the words that begin with "t". The words of one first letter keep their order; those of two
    never match at one place: the same matches."""
    firsts = dict.fromkeys(w[0] for w in words)
    branches = "|".join(rf"(?<={re.escape(f)})(?:{'|'.join(re.escape(w[1:]) for w in words if w[0] == f)})"
                        for f in firsts)
    return rf"[{''.join(map(re.escape, firsts))}](?<!\w.)(?:{branches})"


# capitalised words that open a sentence or name a body, not a person (see _name_pattern)
_NOT_NAMES = ("Police", "Officers", "Authorities", "Investigators", "Deputies", "Detectives",
              "They", "It", "The", "This", "That", "A", "An", "One", "Two", "Three", "But", "And",
              "When", "After", "In", "On", "At",
              # pronouns and quantifiers that open a sentence: nobody named ("Nobody was hurt")
              "Nobody", "No", "None", "Neither", "Nothing", "Everyone", "Everybody",
              "Anyone", "Anybody", "Both", "All", "Each", "Several", "Many", "Some",
              "Most", "Few", "Who", "We", "You", "I", "There", "Here")


def _name_pattern() -> str:
    """A person named before a verb, case-sensitive: up to three capitalised words, with an age
    ("Jane Doe, 26,"), or "he"/"she", as a whole word and not one of ``_NOT_NAMES``. It reads

        \\b(?!(?:Police|...|At)\\b)(?:[A-Z][a-z'’]+(?:\\s+[A-Z][a-z'’]+){0,2}(?:,\\s*\\d{1,2},)?|\\b[Hh]e|\\b[Ss]he)

    written to begin with one character class, as every match begins with a capital, "h" or
    "s": ``re`` then skips the other characters in a fast loop instead of trying the pattern at
    each position (a third faster). After that first character, ``(?<!\\w.)`` is the word
    boundary before it, ``(?<=T)he\\b`` the word "The" at it, ``(?<=[A-Z])`` a capital. The
    letters of a word are possessive (``[a-z'’]++``): what follows them (white space, a comma,
    the verb after white space) is none, so giving one back never makes a match; ``re`` does
    not retry (a fifth faster). The words of ``_NOT_NAMES`` are grouped by their first letter,
    one look-behind for each letter (``(?<=A)(?:uthorities|n|...)\\b``) where each word had its
    own: the test at every capital tries a few, not all (a fifth faster again)."""
    rests: dict[str, list[str]] = {}
    for w in _NOT_NAMES:
        rests.setdefault(w[0], []).append(re.escape(w[1:]))
    not_names = "|".join(rf"(?<={first})(?:{'|'.join(words)})\b" for first, words in rests.items())
    return (rf"(?-i:[A-Zhs](?<!\w.)(?!{not_names})"
            r"(?:(?<=[A-Z])[a-z'’]++(?:\s+[A-Z][a-z'’]++){0,2}(?:,\s*\d{1,2},)?|(?<=[Hh])e|(?<=[Ss])he))")


def _word_gate(pattern: str) -> re.Pattern[str]:
    """A gate pattern (only ever tested for a match), compiled; an alternation of plain
    lower-case words as a prefix tree: the same texts match, and ``re`` follows one branch per
    character instead of trying each word in turn (a quarter faster on every sentence)."""
    words = pattern.split("|")
    if all(_PLAIN_WORDS.fullmatch(w) for w in words):
        return re.compile(lexicons.literal_alternation(words))
    return re.compile(pattern)


_PLAIN_WORDS = re.compile(r"[a-z]+(?: [a-z]+)*")


def _lower_twins(
    patterns: tuple[tuple[str, re.Pattern[str]], ...], led: bool = False
) -> tuple[tuple[str, re.Pattern[str]], ...] | None:
    """The lower-case twins of (category, pattern) pairs, or None unless every pattern has one
    (``led``: each as :func:`_led` makes it)."""
    twins = tuple((c, _led(lower_twin(p)) if led else lower_twin(p)) for c, p in patterns)
    return None if any(t is None for _, t in twins) else twins  # type: ignore[return-value]


def _led(twin: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A lower-case twin of a trigger pattern (``\\b(?:...)...``) that tries its alternation only
    at a word that begins one of its matches: a lookahead on the literals every match begins with
    (``gates.first_literals``), a prefix tree ``re`` rejects most words with in a character or
    two, where the alternation's regular expressions ("toll(?: \\w+){0,3} (?:to|at|of)") are each
    tried at every word. The same matches; the twin as it is when there are no such literals."""
    if twin is None or not twin.pattern.startswith(r"\b"):
        return twin
    literals = gates.first_literals(twin.pattern, twin.flags)
    if literals is None:
        return twin
    return re.compile(rf"\b(?={lexicons.literal_alternation(literals)}){twin.pattern[2:]}", twin.flags)


def _any(triggers: dict[str, list[str]], allowed: tuple[str, ...]) -> str:
    """One alternation of the triggers of the allowed categories: a pattern built on it matches
    a text exactly when the pattern of one of those categories does."""
    return "|".join(_alt(triggers[c]) for c in allowed if c in triggers) or "(?!)"


def _named_any(triggers: dict[str, list[str]], allowed: tuple[str, ...]) -> str:
    """:func:`_any` with the triggers of each category in a group named after it, in the order
    of ``triggers`` (the order their patterns are tried in): at a place where the triggers of
    several categories match, the alternation takes the first category's, so the group of a
    match (``lastgroup``) is the first category whose pattern matches there."""
    return "|".join(rf"(?P<{c}>{_alt(triggers[c])})" for c in triggers if c in allowed) or "(?!)"


@lru_cache(maxsize=8)
def rules(language: str = "en") -> _Rules:
    """The compiled category lexicon for a language (built once per process)."""
    d = lexicons.load("categories", language)
    numbers = grammar(language)
    g = d["grammar"]
    person = _alt(d["singular_persons"])
    noun, subj = _subject(person, ages=True)
    stop = r"(?!(?:and|died|dies|killed|dead|wounded|injured|hurt|shot|was|were|is|are|has|have|had|of|in|at|on)\b)"
    unit = (rf"(?:\b(?:he|she)\b|{subj}|\b(?:\d+|{numbers.word})\s+(?:{stop}[\w-]+\s+){{0,2}}?"
            rf"{stop}[\w-]+)")
    name = _name_pattern()
    after = tuple((c, re.compile(rf"\b(?:{_alt(p)})\b", re.I)) for c, p in d["after"].items())
    before = tuple(
        (c, re.compile(rf"\b(?:{_alt(p)})\s+(?:(?:{g['before_determiners']})\s+)?$", re.I))
        for c, p in d["before"].items()
    )
    zero = tuple((c, re.compile(rf"\b(?:{_alt(p)})\b", re.I)) for c, p in d["zero"].items())
    zero_any = re.compile(rf"\b(?:{_any(d['zero'], tuple(d['zero']))})\b", re.I)
    singular_subject = re.compile(rf"{subj}(?:\s*(?:,|and|,\s*and)\s+(?:{subj}|{noun}s?\b))*", re.I)
    ageless_noun, ageless_subj = _subject(person, ages=False)
    ageless_subject = re.compile(
        rf"{ageless_subj}(?:\s*(?:,|and|,\s*and)\s+(?:{ageless_subj}|{ageless_noun}s?\b))*", re.I)
    def after_subject(triggers: str) -> re.Pattern[str]:
        # "a man who was standing with him was grazed": a relative clause between subject and
        # verb (tried only after "who"/"that", where the verb is not the clause's own)
        return re.compile(rf"^(?:\s*,[^,]{{1,60}},)?(?:\s+(?:who|that)\s+[^,.;]{{1,60}}?)?\s+(?:who\s+|that\s+)?(?:{triggers})\b", re.I)

    def before_subject(triggers: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{triggers})\s+$", re.I)

    singular_after = tuple((c, after_subject(_alt(p))) for c, p in d["singular_after"].items())
    singular_before = tuple((c, before_subject(_alt(p))) for c, p in d["singular_before"].items())
    # one pattern for the triggers of all categories: it matches where one of theirs does
    singular_any = (after_subject(_any(d["singular_after"], tuple(d["singular_after"]))),
                    before_subject(_any(d["singular_before"], tuple(d["singular_before"]))))
    singular_any_lower = (lower_twin(singular_any[0]), _led(lower_twin(singular_any[1])))
    # _may_end_a_join reads the end of this pattern: keep them alike
    joined = re.compile(rf"(?:{unit}\s*(?:,\s*and|,|and)\s+)+(?:(?:{'|'.join(_POSSESSIVES)})\s+)?$", re.I)
    rules = _Rules(
        thing_lower=lower_twin(re.compile(
            rf"^\s*(?:of\s+(?:the|its|their)\s+)?(?:[\w'’-]+\s+){{0,3}}?"
            rf"(?:{_alt(d['munition_nouns'])}|{_alt(d['equipment_nouns'])})\b", re.I)),
        munition=re.compile(rf"^\s*(?:of\s+(?:the|its|their)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{_alt(d['munition_nouns'])})\b", re.I),
        equipment=re.compile(rf"^\s*(?:of\s+(?:the|its|their)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{_alt(d['equipment_nouns'])})\b", re.I),
        after=after,
        before=before,
        after_lower=_lower_twins(after, led=True),
        before_lower=_lower_twins(before, led=True),
        before_any={
            allowed: gates.spaced(_led(lower_twin(re.compile(
                rf"\b(?:{_any(d['before'], allowed)})\s+(?:(?:{g['before_determiners']})\s+)?$", re.I))))
            for allowed in _ALLOWED
        },
        after_any={
            allowed: gates.spaced(_led(lower_twin(re.compile(rf"\b(?:{_named_any(d['after'], allowed)})\b", re.I))))
            for allowed in _ALLOWED
        },
        singular_subject=singular_subject,
        singular_subject_lower=lower_twin(singular_subject),
        ageless_subject_lower=lower_twin(ageless_subject),
        name_subject=re.compile(rf"{name}(?=\s+(?:{_NAME_VERBS}))", re.I),
        singular_after=singular_after,
        singular_before=singular_before,
        singular_after_lower=_lower_twins(singular_after),
        singular_before_lower=_lower_twins(singular_before, led=True),
        singular_any=singular_any,
        singular_any_lower=(None if singular_any_lower[0] is None or singular_any_lower[1] is None
                            else (singular_any_lower[0], singular_any_lower[1])),
        zero=zero,
        zero_lower=_lower_twins(zero, led=True),
        zero_any=zero_any,
        zero_any_lower=_led(lower_twin(zero_any)),
        self_harm=re.compile(rf"\b(?:{_alt(d['self_harm_killed'])})", re.I),
        running_total=re.compile(rf"\b(?:{_alt(d['running_total'])})\b", re.I),
        new_incident=re.compile(rf"\b(?:{_alt(d['new_incident'])})", re.I),
        left_dead=re.compile(d["left_dead"], re.I),
        self_shot=re.compile(d["self_shot"], re.I),
        inclusion=re.compile(d["inclusion"], re.I),
        joined=joined,
        joined_lower=lower_twin(joined),
        joined_unit=re.compile(unit, re.I),
        joined_after=re.compile(
            rf"\s+(?:[\w'’-]+\s+){{0,3}}?and\s+{subj}(?!\s+(?:[\w-]+\s+)?(?:was|were|is|are|had|has)\b)", re.I),
        singular_gate=_word_gate(d["singular_gate"]),
        person_words=frozenset(
            [w for p in d["singular_persons"] for w in (p.split()[-1], p.split()[-1] + "s")]
            + d["person_plurals"] + d.get("group_members", []) + ["men", "women", "children", "people"]
        ),
        subject_words=frozenset(
            w for p in d["singular_persons"] for w in (p.split()[-1], p.split()[-1] + "s")
        ),
        gates={rule: tuple(frozenset(words) for words in lists)
               for rule, lists in d.get("gates", {}).items() if not rule.startswith("_")},
        people_triggers=frozenset(  # the first word of each trigger for people
            m.group(0) for c in _PEOPLE for p in d["after"].get(c, [])
            if (m := re.search(r"[a-z]{3,}", p)) is not None
        ) | frozenset(g["aux_words"]),
        number_words=numbers.gate,
        object_shot=re.compile(d["object_shot"], re.I),
        multiples=d["multiples"],
        headline=_headline_patterns(d, person),
        singular_munition=re.compile(d["singular_munition"], re.I),
        pair_subject=re.compile(d["pair_subject"], re.I) if d.get("pair_subject") else None,
        pair_object=re.compile(d["pair_object"], re.I) if d.get("pair_object") else None,
        singular_munition_words=frozenset(d["singular_munition_words"]) if "singular_munition_words" in d else None,
        ordinal_victim=re.compile(d["ordinal_victim"], re.I),
        ordinal_victim_hurt=re.compile(d["ordinal_victim_hurt"], re.I),
        ordinals=d["ordinals"],
        past_year=re.compile(d["past_year"], re.I),
        past_year_marks=gates.group_literals(d["past_year"], re.I, 1),
        multiple=tuple(
            (cat, re.compile(rf"\b({_alt(list(d['multiples']))})[- ](?:fatal\s+)?(?:{noun_re})\b", re.I))
            for cat, noun_re in d["multiple_nouns"].items()
        ),
        possessive_death=re.compile(d["possessive_death"], re.I),
        cut=re.compile(g["cut"], re.I),
        cut_lower=gates.opened_by_class(lower_twin(re.compile(g["cut"], re.I))),
        partitive=re.compile(g["partitive"], re.I),
        relative=re.compile(g["relative"], re.I),
        including=re.compile(g["including"], re.I),
        including_needs=_needs(re.compile(g["including"], re.I)),
        no_noun=re.compile(g["no_noun"]),
        ellipsis=re.compile(g["ellipsis"], re.I),
        none_of=re.compile(g["none_of"], re.I),
        coordinated=re.compile(g["coordinated"], re.I),
        own_predicate=re.compile(g["own_predicate"], re.I),
        noun_phrase=re.compile(g["noun_phrase"]),
        np_pp_aux=re.compile(g["np_pp_aux"], re.I),
        not_news=re.compile(g["not_news"], re.I) if g.get("not_news") else None,
        np_token=re.compile(g["np_token"]),
        not_a_noun=frozenset(g["not_a_noun"]),
        others=frozenset(g["others"]),
        zero_words=frozenset(g["zero_words"]),
        list_and=re.compile(g["list_and"]),
        others_subject=re.compile(g["others_subject"], re.I),
        twins={},
        vocabulary_bytes=frozenset(),
        vocabulary_text={},
        number_bytes=frozenset(),
        one_person_words=None,
        count_gate=None,
        word_gates=None,
        word_rules_words=None,
    )
    twins = {name: twin for name in _TWINNED + _ONE_PERSON + ("singular_munition",)
             if (twin := lower_twin(getattr(rules, name))) is not None}
    count_gate = _count_gate([p for _, p in after + before] + [rules.munition, _LIVES])
    word_rules_words = (None if rules.singular_munition_words is None else
                        _ascii_bytes(frozenset(rules.ordinals) | rules.singular_munition_words
                                     | frozenset(rules.multiples) | rules.zero_words))
    one_person_words = (None if not all(rules.gates.get(rule) for rule in _ONE_PERSON) else
                        frozenset().union(*(min(rules.gates[rule], key=len) for rule in _ONE_PERSON)))
    vocabulary = _ascii_bytes(_vocabulary(rules))
    return replace(rules, twins=twins, count_gate=count_gate, one_person_words=one_person_words,
                   vocabulary_bytes=vocabulary,
                   vocabulary_text={w: w.decode() for w in vocabulary},
                   number_bytes=_ascii_bytes(rules.number_words),
                   word_gates=_WordGates.of(count_gate, d["singular_gate"],
                                            _count_gate([rules.thing_lower]) if rules.thing_lower else None,
                                            vocabulary),
                   word_rules_words=word_rules_words)


def _needs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals one of which every match of a case-insensitive ``pattern`` holds, lower-cased
    (``gates.inner_literals``): a sentence whose ``lower_text`` holds none has no match. None
    when there are none, or when ``re`` folds one of their letters from a character
    ``lower_text`` reads as it is (see ``numbers.UNFOLDED``) but the text does not hold."""
    literals = gates.inner_literals(pattern.pattern, pattern.flags)
    if literals is None or not set(gates.odd_cases(literals)) <= set(UNFOLDED):
        return None
    return literals


def _ascii_bytes(words: frozenset[str]) -> frozenset[bytes]:
    """The ASCII words among ``words``, as bytes: the words of a sentence ``find_figures`` can
    find among its letter runs (see _letter_runs), and looks up before it decodes any."""
    return frozenset(w.encode() for w in words if w.isascii())


def _count_gate(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """A case-sensitive pattern for lower-cased sentences that finds none in a sentence where
    no count can be a figure; None when it cannot be made. A count is a figure by the match of
    a trigger (``after``, ``before``), of a munition noun (a partitive: "two of the six
    missiles") or of ``_LIVES`` ("claimed 12 lives"), or by a figure before it: in a text read
    from the sentence, whose pieces are the sentence's own, joined by white space (the words
    around a parenthesis, a quote turned into a space). Every match of such a pattern holds one
    of its literals (``gates.inner_literals``), so each run of letters of that literal is in
    the sentence: the gate looks for one run per literal. A literal of several words is left to
    a run the gate has already when one of its words holds it ("dead" for "found dead"), else
    to its longest word, the last of equals ("homes" for "left their homes"): a common word
    ("their") would open the gate on most sentences."""
    literals: set[str] = set()
    for pattern in patterns:
        found = gates.inner_literals(pattern.pattern, pattern.flags)
        if found is None:
            return None
        literals.update(found)
    runs = [_TOKENS.findall(literal) for literal in literals]
    if not all(runs):
        return None
    pieces: set[str] = set()
    for words in sorted(runs, key=lambda w: (len(w), w)):  # one-word literals first
        if not any(piece in word for word in words for piece in pieces):
            pieces.add(max(reversed(words), key=len))
    return re.compile(lexicons.literal_alternation(sorted(pieces)))


class _WordGates:
    """``count_gate`` and ``singular_gate`` read on a sentence's words (its runs of letters,
    ``_letter_runs``) instead of its text. Each literal of the count gate is a run of letters,
    and so is each one-word literal of the singular gate ("injur", "kill"): a match lies within
    one word of the text, and a gate finds one in a sentence exactly when it finds one in one of
    its words. What a word holds is learnt once and kept in sets (news reuse the same words):
    the gates of a sentence are then an ``issuperset`` and a few ``isdisjoint`` in C, where each
    gate scanned every character of the text. A new word costs about a microsecond to learn: a
    fresh process pays some 0.3 ms more on its first article, and is even after a few dozen. A
    literal of several words ("hit by") spans words: a sentence with a word that ends in its
    first word ("hit") is left to the search of the singular gate itself. A third gate, of the
    same kind as the count gate, tells the sentences where a count may name a thing (a munition
    or equipment: ``thing_lower``): most name none, and their counts skip that match. The words
    a gate marks, and those of ``vocabulary`` (what the rules look up), are kept in one more
    set: a sentence's words are read in two passes (is each known, which of them are marked),
    and the gates on the few marked ones, where each gate read them all."""

    __slots__ = ("_count", "_singular", "_firsts", "_thing", "_vocabulary", "_known")

    LIMIT = 50_000  # the words kept at most (some 5 MB); past it, they are learnt anew

    def __init__(self, count: re.Pattern[str], singular: re.Pattern[str] | None, firsts: tuple[str, ...],
                 thing: re.Pattern[str] | None = None, vocabulary: frozenset[bytes] = frozenset()):
        self._count, self._singular, self._firsts, self._thing = count, singular, firsts, thing
        self._vocabulary = vocabulary
        # seen, count, singular, joining, thing, marked (in one of those four or the vocabulary)
        self._known: tuple[set[bytes], ...] = (set(), set(), set(), set(), set(), set())

    @classmethod
    def of(cls, count_gate: re.Pattern[str] | None, singular_gate: str,
           thing_gate: re.Pattern[str] | None = None, vocabulary: frozenset[bytes] = frozenset()
           ) -> _WordGates | None:
        """The gates of these patterns (the singular one as its lexicon alternation; the thing
        gate None when there is none), or None when a literal may hold other than letters: the
        text is then searched."""
        literals = singular_gate.split("|")
        if count_gate is None or not all(_PLAIN_WORDS.fullmatch(w) for w in literals):
            return None
        one_word = [w for w in literals if " " not in w]
        firsts = tuple(dict.fromkeys(w.split(" ")[0] for w in literals if " " in w))
        singular = re.compile(lexicons.literal_alternation(one_word)) if one_word else None
        return cls(count_gate, singular, firsts, thing_gate, vocabulary)

    def read(self, words: list[bytes]) -> tuple[bool, bool | None, bool, set[bytes]]:
        """Whether the count gate and the singular gate find a match in a sentence of these
        words (its ``_letter_runs``), the singular one None when the sentence is to be searched;
        whether it may name a thing (True when there is no thing gate); and its marked words (a
        new set), of which the vocabulary's are those of the sentence. The sets of a state are
        filled before it knows a word, and a full state is replaced, not emptied: a reader never
        sees a word as known before its sets say what it holds."""
        known = self._known
        if not known[0].issuperset(words):  # a word not learnt yet (rare once warm)
            new = set(words).difference(known[0])
            if len(known[0]) > self.LIMIT:
                known = self._known = (set(), set(), set(), set(), set(), set())
                new = set(words)
            seen, count, singular, joining, thing, marked = known
            for word in new:
                text = word.decode()
                found = [kept for kept, holds in (
                    (count, self._count.search(text) is not None),
                    (singular, self._singular is not None and self._singular.search(text) is not None),
                    (joining, text.endswith(self._firsts)),
                    (thing, self._thing is not None and self._thing.search(text) is not None)) if holds]
                for kept in found:
                    kept.add(word)
                if found or word in self._vocabulary:
                    marked.add(word)
            seen.update(new)
        hits = known[5].intersection(words)
        named = self._thing is None or not known[4].isdisjoint(hits)
        if not known[2].isdisjoint(hits):
            return not known[1].isdisjoint(hits), True, named, hits
        return not known[1].isdisjoint(hits), None if not known[3].isdisjoint(hits) else False, named, hits


def _vocabulary(r: _Rules) -> frozenset[str]:
    """The words the rules look up in a sentence's word set (number words, person nouns, the
    lexicon gates, ...). A sentence's words are kept only where they are one of these: every
    look-up answers the same, and a set of the few words of interest is made faster than a set
    of all the words of a sentence (a seventh of the cost of ``find_figures``)."""
    return (r.number_words | r.person_words | r.subject_words | r.zero_words | _NAME_VERB_WORDS | _PRONOUNS
            | frozenset(r.ordinals) | frozenset(r.multiples) | (r.singular_munition_words or frozenset())
            | frozenset(w for lists in r.gates.values() for words in lists for w in words))


_WORDS = re.compile(r"[\w'’-]+")
# seven words of _WORDS, each the whole run (possessive): a text it matches holds more than six
_SEVEN_WORDS = re.compile(r"(?:[^\w'’-]*+[\w'’-]++){7}")
_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, all else a space


def _letter_runs(low: str) -> tuple[list[bytes], bool]:
    """The runs of ASCII lower-case letters in ``low`` (what ``_TOKENS.findall`` gives), as
    bytes, and whether ``low`` holds an ASCII digit. In UTF-8 every byte of a character past
    ASCII is 0x80 or above, and like every other byte but "a"-"z" is turned into a space;
    ``split`` then cuts the runs out in C, at half the cost of ``findall``'s match objects and
    strings. They are a list: the set operations that read them take any iterable, and
    making a set of them would cost more than all those operations. The digits are told by
    the length of the bytes without them (a fifth of the cost of a search for a digit)."""
    encoded = low.encode("utf-8", "surrogatepass")
    return encoded.translate(_LETTERS).split(), len(encoded.translate(None, b"0123456789")) < len(encoded)


def _right_trigger(
    r: _Rules, text: str, low: str | None, allowed: tuple[str, ...]
) -> tuple[str, int] | None:
    """The nearest trigger after a number's noun phrase, of the allowed categories, and where it
    starts (the lower-case twins on ``low``, the text lower-cased, when it reads alike: see
    :func:`_classify`)."""
    patterns, searched = r.after, text
    if r.after_lower is not None and low is not None:
        patterns, searched = r.after_lower, low
        any_trigger = r.after_any.get(allowed)
        if any_trigger is not None:
            # one pass for all: it finds the earliest trigger of any allowed category, which wins
            # when its place qualifies (the test reads only the place); most texts hold none.
            # Its match begins where the trigger does in ``low`` (see gates.spaced)
            first = any_trigger.search(" " + low)
            if first is None:
                return None
            if _trigger_place(r, text, first.start()):
                # the first allowed category whose pattern matches there: the match's group
                # (see _named_any), where each pattern was matched there in turn
                if _not_news(r, text, first.start()):
                    return None
                return first.lastgroup, first.start()  # type: ignore[return-value]
    best: tuple[str, int] | None = None
    for cat, pat in patterns:
        if cat not in allowed:
            continue
        m = pat.search(searched)
        if m and _trigger_place(r, text, m.start()):
            if best is None or m.start() < best[1]:
                best = (cat, m.start())
    if best is not None and _not_news(r, text, best[1]):
        return None
    return best


def _not_news(r: _Rules, text: str, start: int) -> bool:
    """Whether the words before a trigger at ``start`` make it no report of a casualty: a modal
    or a negation before a bare verb ("could die", "to die", "did not die")."""
    return r.not_news is not None and r.not_news.search(text, 0, start) is not None


_NOUN_PLACE = re.compile(r"[^\w'’-]*+(?:[\w'’-]++[^\w'’-]++){0,2}")  # up to two words (and the marks around)


def _displaced_victims(r: _Rules, text: str, low: str | None, start: int, allowed: tuple[str, ...]) -> str | None:
    """The casualty that befell people a displacement word names, when a trigger of one
    follows it: "two refugees were killed", "three displaced people were injured" count the
    killed and the injured, not the displaced. The displacement word (at ``start`` in ``text``,
    the words after the count) names them only where a noun stands, within the two words after
    the count; "200 people fled" has none after it and stays displaced."""
    if not _NOUN_PLACE.fullmatch(text, 0, start):
        return None
    hit = _right_trigger(r, text, low, tuple(c for c in allowed if c != "displaced" and c in _PEOPLE))
    return hit[0] if hit is not None and hit[1] > start else None


def _trigger_place(r: _Rules, text: str, start: int) -> bool:
    """Whether a trigger at ``start`` is near enough the number to tell what it counts: a few
    words on, or after a noun phrase with its auxiliary."""
    return _SEVEN_WORDS.match(text, 0, start) is None or r.np_pp_aux.fullmatch(text[:start]) is not None


def _cut(r: _Rules, text: str, low: str | None, pos: int = 0) -> re.Match[str] | None:
    """The first clause break in ``text`` from ``pos`` (the lower-case twin of ``cut`` on ``low``,
    the text lower-cased, when it reads alike: the same place, faster). Only the match's start
    is the break's: the twin's match spans one character (see :func:`gates.opened_by_class`)."""
    if low is not None and r.cut_lower is not None:
        return r.cut_lower.search(low, pos)
    return r.cut.search(text, pos)


def _left_trigger(r: _Rules, text: str, low: str | None, allowed: tuple[str, ...]) -> str | None:
    """The category of the first allowed trigger that ends ``text`` (followed by whitespace, as
    every ``before`` pattern is; ``low`` is the text lower-cased, or None). One pass for all of
    them first: most texts hold none. Its match is the leftmost of any allowed category's: each
    category's is searched for from there, not from the start of the text."""
    if not text[-1:].isspace():
        return None
    pos = 0
    if low is None or r.before_lower is None:
        patterns, searched = r.before, text
    else:
        patterns, searched = r.before_lower, low
        any_trigger = r.before_any.get(allowed)
        if any_trigger is not None:
            first = any_trigger.search(" " + low)  # its match begins where in ``low`` (see gates.spaced)
            if first is None:
                return None
            pos = first.start()
    for cat, pat in patterns:
        if cat in allowed and pat.search(searched, pos):
            return cat
    return None


_PEOPLE = ("killed", "injured", "shot", "missing", "captured", "displaced")
_MUNITION_R = ("munitions_intercepted", "munitions_hit", "munitions_launched")
_EQUIPMENT_R = ("equipment_destroyed",)
_ALLOWED = (_PEOPLE, _MUNITION_R, _EQUIPMENT_R, _PEOPLE + _MUNITION_R)  # the category sets a count reads


_TOKENS = re.compile(r"[a-z]+")
_NAME_VERBS = "was|had|has|is|died|later|succumbed"
_NAME_VERB_WORDS = frozenset(_NAME_VERBS.split("|"))
_PRONOUNS = frozenset(("he", "she"))  # the names of name_subject in lower case
# what ends each other match of name_subject, before its verb: a capitalised word (a name's
# last) or the comma after an age ("Jane Doe, 26,"). Opened by a class, capitals and the
# comma, which ``re`` skips to in its fast scan: under half the cost of name_subject, which
# stops at every "h" and "s" too (the verbs, as there, in any case)
_NAME_END = re.compile(rf"[A-Z,](?:(?<=[A-Z])[a-z'’]*+|(?<=,))\s+(?i:{_NAME_VERBS})")
# a person named with an age, wherever the name stands ("killing Jane Doe, 30, and"): two or
# three capitalised words before an age between commas; ``_AGE_COMMA`` is its cheap gate
_NAMED_WITH_AGE = re.compile(r"\b[A-Z][a-z'’]++(?:\s+[A-Z][a-z'’]++){1,2}(?=,\s*\d{1,2},)")
_AGE_COMMA = re.compile(r",\s*\d{1,2},")
_DIGIT = re.compile(r"\d")
def _gate_words(sentence: str, words: frozenset[str]) -> frozenset[str] | None:
    """The word set the lexicon's rule gates read, or None (every gate open) when the word set
    may miss a word a rule matches (an ASCII text holds none of ``UNFOLDED``: ``isascii`` is
    a flag, where the generator cost more than the rest of this call)."""
    return words if sentence.isascii() or not any(c in sentence for c in UNFOLDED) else None


def _may_match(r: _Rules, rule: str, words: frozenset[str] | None) -> bool:
    """Whether a sentence with these words can match ``rule``: it holds a word of each of the
    rule's gate lists (lexicon ``gates``). Skipping a rule its gate closes finds the same."""
    if words is not None:
        for needed in r.gates.get(rule, ()):
            if needed.isdisjoint(words):
                return False
    return True


def _may_include(r: _Rules, low: str | None) -> bool:
    """Whether ``r.including`` may match in a sentence (``low``: its ``lower_text``, or None):
    it holds one of the literals every match holds. Most sentences hold none ("including",
    "among them"), and their counts are not matched against it, a match tried at each. A loop,
    not any() over a generator, which would cost more than the few ``in`` tests."""
    if low is None or r.including_needs is None:
        return True
    for literal in r.including_needs:
        if literal in low:
            return True
    return False


def _classify(
    sentence: str, low: str | None, q: Quantity, nxt: Quantity | None, left_start: int, r: _Rules,
    inherited: str | None = None, including: bool = True, things: bool = True, partitive: bool = False,
) -> tuple[str, str | None] | None:
    """The category of a count and the noun phrase it counts, or None. ``low`` is
    ``lower_text(sentence)``: each text read around the count is a slice of the sentence, and
    its slice of ``low`` is its lower-cased form for the lower-case twins (a text that does not
    read alike lower-cased has None, and the patterns themselves: the same answers).
    ``including``: False when the sentence cannot match ``r.including`` (:func:`_may_include`);
    ``things``: False when no count of it can name a thing (the thing gate of _WordGates);
    ``partitive``: whether the text up to the next count is a partitive ("two of the six"),
    which the caller reads for this count and the next (:func:`_partitive_total`)."""
    stop = nxt.qualifier_start if nxt is not None else len(sentence)
    right = sentence[q.end : stop]
    low_right = low[q.end : stop] if low is not None else None
    incl = r.including.match(sentence, q.end) if including else None
    if incl and not partitive:
        comma = incl.start() + incl.group(0).find(",")
        if not _right_trigger(r, sentence[q.end : comma], low[q.end : comma] if low is not None else None, _PEOPLE):
            # "four others, including one woman, were injured": read past the parenthesis
            head = _HEAD.match(sentence[q.end :])
            right = (head.group(0) if head else "") + " " + sentence[incl.end() : incl.end() + 80]
            low_right = lower_text(right)
    rel = r.relative.match(right)  # "23 of whom were treated"
    cut = _cut(r, right, low_right, rel.end() if rel else 0)
    if cut:
        right = right[: cut.start()]
        low_right = low_right[: cut.start()] if low_right is not None else None
    # fired "dozens: the quotes a text ends in read alike lower-cased (one test for both)
    left = sentence[left_start : q.qualifier_start]
    low_left = low[left_start : q.qualifier_start] if low is not None else None
    if _ends_in_quotes(left):
        left = _QUOTES_END.sub(" ", left)
        low_left = _QUOTES_END.sub(" ", low_left) if low_left is not None else None
    low_left = low_left[-90:] if low_left is not None else None
    noun_source, low_noun = right, low_right
    if partitive and nxt:
        noun_source = sentence[nxt.end : nxt.end + 80]
        low_noun = low[nxt.end : nxt.end + 80] if low is not None else None
    allowed: tuple[str, ...]
    left_cat, left_read = None, False  # the trigger before the number, once read
    thing = things and _may_name_a_thing(r, low_noun)
    if thing and r.munition.match(noun_source):
        kind, allowed = "munition", _MUNITION_R
    elif thing and r.equipment.match(noun_source):
        kind, allowed = "equipment", _EQUIPMENT_R
    elif inherited and r.ellipsis.match(noun_source):
        # "40 drones, of which 32 were shot down": the noun is the earlier one
        kind = inherited
        allowed = _MUNITION_R if kind == "munition" else _EQUIPMENT_R
    elif r.no_noun.match(noun_source):
        # no noun: "intercepted 15 of them", "killing four": the verb decides the kind
        kind, allowed = "person", _PEOPLE + _MUNITION_R
    else:
        kind, allowed = "person", _PEOPLE
        if not _counts_people(noun_source, r):
            left_cat, left_read = _left_trigger(r, left[-90:], low_left, allowed), True
            if left_cat is None:
                # "Python 2 support is now dead", "41 local cases from Death Row"; but a verb
                # before the number governs it: "wounded 42 overnight"
                return None
    noun_end = 0
    if kind != "person":
        m = (r.munition if kind == "munition" else r.equipment).match(noun_source)
        noun_end = m.end() if m else 0
    # the nearest trigger before the number (up to a few words) wins for active verbs
    cat = left_cat if left_read else _left_trigger(r, left[-90:], low_left, allowed)
    if cat == "shot" and not _LOWER_WORD.match(right):
        cat = None  # "shot 3 people" counts people; "a single shot 223" is a rifle
    if cat is None and not partitive:
        hit = _right_trigger(r, right[noun_end:], low_right[noun_end:] if low_right is not None else None, allowed)
        cat = hit[0] if hit else None
        if cat == "displaced" and hit is not None:
            cat = _displaced_victims(r, right[noun_end:], low_right[noun_end:] if low_right is not None else None,
                                     hit[1], allowed) or cat
    if cat is None and _LIVES.match(right) and _CLAIMED.search(left[-30:]):
        cat = "killed"  # "the attack claimed 12 lives"
    if cat is None and partitive and nxt is not None:
        # "two of the six missiles were shot down": the predicate counts the part
        end = nxt.end + 80
        cut2 = _cut(r, sentence[nxt.end : end], low[nxt.end : end] if low is not None else None)
        end = nxt.end + cut2.start() if cut2 else end
        after_next = sentence[nxt.end : end]
        hit = _right_trigger(r, after_next, low[nxt.end : end] if low is not None else None, allowed)
        # "two of the six missiles struck" (a verb after the noun) or "...were shot down";
        # not "three of the four shot were teenagers" (a participle straight after the number)
        if hit and _WORDS.search(after_next[: hit[1]]):
            cat = hit[0]
    # "none of the other eight people were injured": read last, as every test above is pure and
    # most counts have no category by then
    if cat is None or r.none_of.search(left[-30:]):
        return None
    # the noun phrase, read only for a count that is a figure (a third are not)
    np = r.noun_phrase.match(noun_source)
    subject = (np.group(0).strip() or None) if np else None
    if kind != "person":
        subject = noun_source[:noun_end].strip() or subject
    return cat, subject


# the small patterns of the helpers below, compiled once: an inline ``re.search("...")`` is
# compiled again whenever the pipeline has pushed it out of ``re``'s cache of 512 patterns
_THE = re.compile(r"the\s", re.I)
_PLURAL_END = re.compile(r"s\s*$")
_HE_SHE = re.compile(r"(?:he|she)\b", re.I)
_DIGITS_WORD = re.compile(r"\d+\s")
_HEADLINE_LIST = re.compile(r"\s*(?:,|\band\b|&)\s*")
_LIST_MARK = re.compile(r"\band\b|,")
_LIST_SPLIT = re.compile(r"\s*(?:,\s*and|,|\band)\s+")
_PLURAL_VERB = re.compile(r"^(?:\s*,[^,]{1,60},)?\s+(?:who\s+|that\s+)?were\b", re.I)
_AND = re.compile(r"\band\b", re.I)
_KILL = re.compile(r"\bkill", re.I)
_NEW_CLAUSE = re.compile(r"\b(?:and|while|but|as)\b|;")
_OF = re.compile(r"\s+of\s+")
_SENTENCE_MARK = re.compile(r"[;.!?]")
_HEAD = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?[\w'’-]+")  # the words before a parenthesis
_QUOTES = "\"“”‘’'"
_QUOTES_END = re.compile(rf"[{_QUOTES}]+\s*$")
_LOWER_WORD = re.compile(r"\s+[a-z]")
_INCREMENT = re.compile(r"(?:more|additional|further)\b", re.I)
_REDUCED_RELATIVE = re.compile(r"\s+(?:[\w'’-]+\s+)?(?:shot|killed|wounded|injured|hurt)\s+(?:were|was|are|is|had|have)\b", re.I)
_LIVES = re.compile(r"\s+(?:[\w'’-]+\s+)?lives\b", re.I)
_CLAIMED = re.compile(r"\b(?:claimed|claiming|claims|took|taking|cost|costing)\s+(?:the\s+)?$", re.I)


def _ends_in_quotes(text: str) -> bool:
    """Whether ``text`` ends in quotes (and white space), which ``_QUOTES_END`` reads as one
    space: only a text whose last character but white space is a quote can hold a match; the
    others are not searched (the search tries every position of the text). A text and its
    ``lower_text`` end alike (quotes and white space have no case)."""
    tail = text.rstrip()  # str.isspace is re's \s: both read Py_UNICODE_ISSPACE
    return bool(tail) and tail[-1] in _QUOTES


def _may_name_a_thing(r: _Rules, low: str | None) -> bool:
    """Whether the words after a number (``low``: lower-cased, or None) may name munitions or
    equipment: one pass of the twin of both noun patterns together (most counts are of people),
    before each runs on its own."""
    return low is None or r.thing_lower is None or r.thing_lower.match(low) is not None


def _counts_people(noun_source: str, r: _Rules) -> bool:
    """Whether the words after a number count people: none at all ("400 dead", "killing four
    and"), a person word ("soldiers", "a 16-year-old"), a group name ("Palestinians"), or "others",
    in its first four words (of its first 60 characters). The first word decides most counts
    (three in four): it is read alone, the next three only when it does not, where findall read
    every word of the 60 characters for each count."""
    head = r.np_token.search(noun_source, 0, 60)
    if head is None:
        return True
    # what findall gives: the pattern's group where it has one (the word after "d'" in French)
    first = head.group(min(r.np_token.groups, 1)) or ""
    low = first.lower()
    if (low in r.not_a_noun or low in r.people_triggers or low.endswith("ly") or low in r.others
            or _names_people(first, r)):
        return True
    for token in r.np_token.findall(noun_source, head.end(), 60)[:3]:
        if _names_people(token, r):
            return True
    return False


def _names_people(token: str, r: _Rules) -> bool:
    """Whether a word after a number names people: a person word, an age, a group ("Palestinians")."""
    low = token.lower()
    return low in r.person_words or "year-old" in low or (token[0].isupper() and low.endswith("s") and len(low) > 4)


def _partitive_total(sentence: str, q: Quantity, prev: Quantity | None, r: _Rules) -> bool:
    return prev is not None and r.partitive.fullmatch(sentence[prev.end : q.qualifier_start]) is not None


_POSSESSIVES = ("his", "her", "their")  # before the count in ``joined`` (see ``rules``)


def _may_end_a_join(window: str) -> bool:
    """Whether ``r.joined`` may match at the end of ``window``: each of its matches ends in ","
    or "and", white space, and maybe a possessive of ``_POSSESSIVES`` and white space. Most
    windows before a count do not ("killing at least "), and are not searched: the search tries
    each of their 90 positions. A window with a letter that ``re`` folds to an ASCII one while
    ``str.lower`` does not (the dotless i of "hıs") is left to the search."""
    if not window.isascii() and any(c in window for c in UNFOLDED):
        return True
    tail = window.rstrip().lower()
    for word in _POSSESSIVES:
        if tail.endswith(word) and tail[: -len(word)][-1:].isspace():
            tail = tail[: -len(word)].rstrip()
            break
    return tail.endswith((",", "and"))


def _joined_count(sentence: str, low: str | None, start: int, r: _Rules) -> tuple[int, int]:
    """People named before a count and joined to it: "he and three others", "a man and two
    girls", "two teenage girls and two men", "his girlfriend and her three daughters".
    ``low`` is ``lower_text(sentence)``, which the caller has."""
    window = sentence[max(0, start - 90) : start]
    if not window[-1:].isspace() or not _may_end_a_join(window):
        return 0, start
    if low is not None and r.joined_lower is not None:
        m = r.joined_lower.search(low, max(0, start - 90), start)
    else:
        m = r.joined.search(sentence, max(0, start - 90), start)
    if not m:
        return 0, start
    total, begin = 0, m.start()
    for unit in r.joined_unit.finditer(sentence[m.start() : m.end()]):
        text = unit.group(0)
        qs = [q for q in find_counts(text, lower_text(text)) if q.central is not None]
        if qs and _THE.match(text):
            # "the two other teens, one female and one male": the list spells out the group
            total, begin = 0, m.start() + unit.end()
            continue
        if not qs and _PLURAL_END.search(text) and not _HE_SHE.match(text):
            return 0, start  # "the victims, Jane Doe, ...": a plural without a number counts nobody
        total += qs[0].central if qs else 1  # type: ignore[operator]
    return total, begin


@lru_cache(maxsize=4096)
def _first_count(phrase: str) -> int | None:
    """The value of the first count in a short phrase ("two girls" → 2, "a man" → None); cached,
    as the phrases of person subjects repeat ("a man", "his wife")."""
    for q in find_counts(phrase, lower_text(phrase)):
        if q.central is not None:
            return q.central
    return None


def headline_figures(title: str, language: str = "en") -> list[Figure]:
    """One-person figures in headline grammar, which drops articles and auxiliaries:
    "16-Year-Old Accidentally Shot", "Man shot officer", "Drive-by injures child"."""
    r = rules(language)
    out: list[Figure] = []
    for cat, pat in r.headline:
        for m in pat.finditer(title):
            np = m.group("np") or m.group("obj")
            if np and not _DIGITS_WORD.match(np):
                n = len(_HEADLINE_LIST.split(np.strip()))
                out.append(Figure(cat, n, n, n, "exact", None, np.strip(), m.start(), m.end()))
    return out


def find_figures(sentence: str, language: str = "en") -> list[Figure]:
    """Category figures stated in one sentence, in order."""
    r = rules(language)
    folded = lower_text(sentence)  # for the lower-case twins; None when it would not read alike
    lower = folded if folded is not None else sentence.lower()
    tokens, ascii_digit = _letter_runs(lower)
    # a count is a figure only by a trigger (or the words of the few rules without one): a
    # sentence that holds none has its counts read only for the one-person rules, if they run
    if r.word_gates is not None:
        triggered, singular, things, marked = r.word_gates.read(tokens)
        known = r.vocabulary_bytes.intersection(marked)  # only the words rules look up
    else:
        triggered, singular, things = None, None, True
        known = r.vocabulary_bytes.intersection(tokens)
    # a digit of another script (``\d`` is any) is searched for in a text that is not ASCII
    number_word = not r.number_bytes.isdisjoint(known)
    has_number = (ascii_digit or number_word
                  or (not sentence.isascii() and _DIGIT.search(sentence) is not None))
    may_count = has_number and (folded is None or r.count_gate is None or (
        triggered if triggered is not None else r.count_gate.search(folded) is not None))
    if singular is None:
        singular = r.singular_gate.search(lower) is not None
    # a sentence with no number word (most of those with a number) is read for digits alone
    qs = find_counts(sentence, folded, language, number_word) if has_number and (may_count or singular) else []
    out: list[Figure] = []
    kind: str | None = None
    including = bool(qs) and may_count and _may_include(r, folded)
    # whether the text between the previous count and this one is a partitive ("two of the
    # six"): read once for both, the later count's total (_partitive_total) and the earlier's
    partitive_before = False
    for i, q in enumerate(qs if may_count else ()):
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        prev = qs[i - 1] if i else None
        left_start = prev.end if prev is not None else 0
        partitive_after = _partitive_total(sentence, nxt, q, r) if nxt is not None else False
        found = _classify(sentence, folded, q, nxt, left_start, r, kind, including, things or folded is None,
                          partitive_after)
        if (found is None and out and prev is not None and out[-1].end == prev.end
                and r.coordinated.fullmatch(sentence, prev.end, q.qualifier_start)
                and not r.own_predicate.match(sentence, q.end)):
            # "launched 40 drones and three ballistic missiles": the verb governs both
            same_kind = (r.munition.match(sentence[q.end : q.end + 60]) is not None) == out[-1].category.startswith("munitions")
            if same_kind:
                found = (out[-1].category, None)
        if found is not None:
            cat = found[0]
            kind = "munition" if cat.startswith("munitions") else ("equipment" if cat == "equipment_destroyed" else None)
        if partitive_before:
            if r.munition.match(sentence[q.end : q.end + 60]):
                # "two of the six missiles struck": the verb counts the two; the six is the salvo
                found = ("munitions_launched", None)
            elif found is not None and not _REDUCED_RELATIVE.match(sentence, q.end):
                # "two of the five victims died": the verb counts the two, not the five
                # (but "three of the four shot were teenagers" counts four shot)
                found = None
        partitive_before = partitive_after
        if found is None:
            continue
        cat, subject = found
        low, high, central, start = q.low, q.high, q.central, q.qualifier_start
        relative = r.relative.match(sentence[q.end : q.end + 12])
        if q.qualifier in ("exact", "at_least") and central is not None and cat in _PEOPLE and not relative:
            extra, joined_start = _joined_count(sentence, folded, start, r)
            if extra and q.qualifier == "exact":
                if any(joined_start <= f.start < start and f.category == cat for f in out):
                    # the list's parts are figures of their own ("killed 47 soldiers and 84
                    # fighters"): this part is one too, besides the list's total
                    out.append(Figure(cat, low, high, central, q.qualifier, q.vague, subject, start, q.end))
                low = high = central = central + extra
                start = joined_start
            if r.joined_after.match(sentence, q.end):
                # "killing three port workers and a security guard"
                central += 1
                low = central if low is not None else None
                high = central if high is not None else None
        out.append(Figure(cat, low, high, central, q.qualifier, q.vague, subject, start, q.end))
    word_rules = r.word_rules_words is None or not r.word_rules_words.isdisjoint(known)
    # the words as text, for the rules that read them: most sentences run none, and skip decoding
    words = frozenset(map(r.vocabulary_text.__getitem__, known)) if singular or word_rules else frozenset()
    if singular:
        out.extend(_singulars(sentence, folded, r, qs, words, _gate_words(sentence, words)))
    if r.pair_subject is not None and "both" in lower:  # "Both later died", "killing both": two people
        out.extend(_pairs(sentence, r))
    if len(out) > 1:  # each step below leaves a single figure as it is
        out = _sum_lists(sentence, _disjoint_shot(sentence, out), r)
        # "recovered four more bodies, bringing the toll to 11": the increment is not a figure.
        # Most lists hold none, and skip the Counter (its making costs more than the tests)
        if any(_INCREMENT.match(f.subject or "") for f in out):
            per_category = Counter(f.category for f in out)
            out = [f for f in out if not (_INCREMENT.match(f.subject or "") and per_category[f.category] > 1)]
    if word_rules:
        out += _word_rules(sentence, folded, r, words)
    return out


def _word_rules(sentence: str, folded: str | None, r: _Rules, words: frozenset[str]) -> list[Figure]:
    """Figures of the rules that each need a word of their own: an ordinal ("a fifth victim
    died"), a munition ("shot down an attack drone"), a multiple ("a triple homicide") or a
    zero ("no one was hurt"). Most sentences hold none (``word_rules_words``), and skip them all."""
    out: list[Figure] = []
    ordinal = not r.ordinals.keys().isdisjoint(words)  # the ordinal rules need an ordinal word
    for m in r.ordinal_victim.finditer(sentence) if ordinal else ():  # "a fifth victim died"
        n = r.ordinals[gates.key_of(r.ordinals, m.group("ord"))]
        out.append(Figure("killed", n, None, n, "at_least", None, m.group(0)[:40], m.start(), m.end()))
    for m in r.ordinal_victim_hurt.finditer(sentence) if ordinal else ():  # "a fourth victim was also injured"
        n = r.ordinals[gates.key_of(r.ordinals, m.group("ord"))]
        out.append(Figure("shot", n, None, n, "at_least", None, m.group(0)[:40], m.start(), m.end()))
    munition_gate = r.singular_munition_words is None or not r.singular_munition_words.isdisjoint(words)
    # its lower-case twin on the lower-cased sentence where both exist (a third of the time), the
    # text read from the sentence by its span
    twin = r.twins.get("singular_munition")
    munitions = (() if not munition_gate else twin.finditer(folded) if twin is not None and folded is not None
                 else r.singular_munition.finditer(sentence))
    for m in munitions:  # "shot down an attack drone"
        out.append(Figure("munitions_intercepted", 1, 1, 1, "exact", None, sentence[m.start() : m.end()],
                          m.start(), m.end()))
    for cat, pat in r.multiple if not r.multiples.keys().isdisjoint(words) else ():
        for m in pat.finditer(sentence):  # "a quadruple shooting", "a triple homicide"
            n = r.multiples[gates.key_of(r.multiples, m.group(1))]
            out.append(Figure(cat, n, n, n, "exact", None, m.group(0), m.start(), m.end()))
    zeros, zero_any, read = r.zero, r.zero_any, sentence
    if r.zero_lower is not None and r.zero_any_lower is not None and folded is not None:
        zeros, zero_any, read = r.zero_lower, r.zero_any_lower, folded
    # one search for all categories first: most sentences with "no" or "any" state no zero
    for cat, pat in zeros if words & r.zero_words and zero_any.search(read) else ():
        zero = pat.search(read)
        if zero:
            out.append(Figure(cat, 0, 0, 0, "exact", None, None, zero.start(), zero.end()))
    return out


def _subjects(
    sentence: str, low: str | None, r: _Rules, words: frozenset[str], gate_words: frozenset[str] | None
) -> list[tuple[int, int]]:
    """Spans of person subjects ("a 23-year-old man", "Jane Doe") in order; each pattern runs
    only on sentences whose words can hold it (the singular subject as its lower-case twin on
    ``low``, the sentence lower-cased, when there is one)."""
    found: list[tuple[int, int]] = []
    if ((not r.person_words.isdisjoint(words) or "year-old" in sentence or "Year-Old" in sentence)
            and _may_hold_subject(sentence, low, r, gate_words)):
        if low is not None and r.singular_subject_lower is not None:
            subject = (r.singular_subject_lower if "-old" in low or r.ageless_subject_lower is None
                       else r.ageless_subject_lower)  # the same matches, faster (see _subject)
            found += [m.span() for m in subject.finditer(low)]
        else:
            found += [m.span() for m in r.singular_subject.finditer(sentence)]
    if not _NAME_VERB_WORDS.isdisjoint(words) and _may_name(sentence, words, gate_words):
        taken = list(found)
        found += [m.span() for m in r.name_subject.finditer(sentence)
                  if not any(a <= m.start() < b for a, b in taken)]
    if _AGE_COMMA.search(sentence):  # the object of a trigger before it: "killing Jane Doe, 30,"
        taken = list(found)
        found += [m.span() for m in _NAMED_WITH_AGE.finditer(sentence)
                  if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken)]
    return sorted(found)


def _may_name(sentence: str, words: frozenset[str], gate_words: frozenset[str] | None) -> bool:
    """Whether ``name_subject`` may match in a sentence with a verb of it: its words hold "he"
    or "she", or a name's end is before such a verb (``_NAME_END``, as "He" and "She" are).
    Most sentences hold neither (a match in one of ten): each such search costs less than
    the search for a name it skips."""
    return gate_words is None or not _PRONOUNS.isdisjoint(words) or _NAME_END.search(sentence) is not None


def _may_hold_subject(sentence: str, low: str | None, r: _Rules, gate_words: frozenset[str] | None) -> bool:
    """Whether ``singular_subject`` can match: each match ends in a singular person noun (or its
    plural) as a whole word, or in an age ("a 5-month-old"). ``low``, the caller's
    ``lower_text(sentence)``, is ``sentence.lower()`` when not None: it is not lowered again."""
    return (gate_words is None or not r.subject_words.isdisjoint(gate_words)
            or "-old" in (low if low is not None else sentence.lower()))


def _singulars(
    sentence: str, low: str | None, r: _Rules, qs: list[Quantity], words: frozenset[str],
    gate_words: frozenset[str] | None,
) -> list[Figure]:
    """One-person figures: "a man was shot and killed", "killed his wife", "shot himself".
    ``gate_words`` (see :func:`_gate_words`) lets rules skip sentences that lack their words;
    ``low`` is ``lower_text(sentence)``."""
    out: list[Figure] = []
    # the lower-case twins read the lower-cased sentence where it reads alike (same offsets)
    after, before, read, (after_any, before_any) = (
        (r.singular_after_lower, r.singular_before_lower, low, r.singular_any_lower)
        if low is not None and r.singular_after_lower and r.singular_before_lower and r.singular_any_lower
        else (r.singular_after, r.singular_before, sentence, r.singular_any))
    for begin, end in _subjects(sentence, low, r, words, gate_words):
        subject = sentence[begin:end]
        if qs and any(begin <= q.start < end for q in qs) and not _LIST_MARK.search(subject):
            continue  # "the five victims": the number rules count it
        # the trigger after the subject, else before it: most subjects have neither, which one
        # pattern for all categories tells (the patterns after begin with ^: a slice)
        following = read[end : end + 120]
        cat = next(c for c, pat in after if pat.match(following)) if after_any.match(following) else None
        cat_before = None
        if cat is None:
            preceding = read[max(0, begin - 40) : begin]
            if not before_any.search(preceding):
                continue
            cat_before = next(c for c, pat in before if pat.search(preceding))
        # skip subjects that are counted already ("two men and a woman" counts the woman only)
        n = 0
        for part in _LIST_SPLIT.split(subject):
            count = _first_count(part)
            n += count if count is not None else 1
        if cat is not None:
            if n > 1 and not _PLURAL_VERB.match(sentence[end : end + 120]):  # a slice: it begins with ^
                n = 1
            extra, start = _joined_count(sentence, low, begin, r)
            total = n + extra
            out.append(Figure(cat, total, total, total, "exact", None, subject, start, end))
        else:
            out.append(Figure(cat_before, n, n, n, "exact", None, subject, begin, end))
    if gate_words is not None and r.one_person_words is not None and r.one_person_words.isdisjoint(gate_words):
        return out  # no one-person rule's gate opens (most sentences): one test, not four
    # the texts of these rules' matches are read from the sentence (see _one_person)
    for m in _one_person(r, "left_dead", sentence, low, gate_words):
        if any(m.start() <= q.start < m.end() for q in qs):
            continue  # a counted phrase ("left five people dead") is read by the number rules
        np = sentence[m.start("np") : m.end("np")]
        n = 1 + len(_AND.findall(np))
        out.append(Figure("killed", n, n, n, "exact", None, np.strip(), m.start(), m.end()))
    for m in _one_person(r, "possessive_death", sentence, low, gate_words):
        out.append(Figure("killed", 1, 1, 1, "exact", None, sentence[m.start() : m.end()], m.start(), m.end()))
    for m in _one_person(r, "object_shot", sentence, low, gate_words):
        out.append(Figure("shot", 1, 1, 1, "exact", None, sentence[m.start() : m.end()], m.start(), m.end()))
    for m in _one_person(r, "self_shot", sentence, low, gate_words):
        phrase = sentence[m.start() : m.end()].lower()
        cat = ("killed" if r.self_harm.search(sentence) or "kill" in phrase or "turn" in phrase
               or (phrase.startswith("and") and _KILL.search(sentence)) else "shot")
        out.append(Figure(cat, 1, 1, 1, "exact", None, "self", m.start(), m.end()))
    return out


_ONE_PERSON = ("left_dead", "possessive_death", "object_shot", "self_shot")


def _pairs(sentence: str, r: _Rules) -> list[Figure]:
    """"Both" as two people before or after a casualty word ("Both later died", "wounding both
    of them"); the word's category is the trigger it is, as after or before a count."""
    out = []
    for pattern, triggers, read in ((r.pair_subject, r.after, str), (r.pair_object, r.before, lambda w: w + " ")):
        for m in pattern.finditer(sentence) if pattern is not None else ():
            word = read(m.group("trig"))
            cat = next((c for c, pat in triggers if pat.search(word)), None)
            if cat is not None:
                out.append(Figure(cat, 2, 2, 2, "exact", None, "both", m.start(), m.end()))
    return out


def _one_person(
    r: _Rules, rule: str, sentence: str, low: str | None, gate_words: frozenset[str] | None
) -> Iterator[re.Match[str]]:
    """The matches of a one-person rule of ``_ONE_PERSON`` in a sentence its gate lets through:
    its lower-case twin's on ``low`` (``lower_text(sentence)``) when both exist, the same
    spans at twice the speed; a caller reads their text from the sentence by their spans."""
    if not _may_match(r, rule, gate_words):
        return iter(())
    twin = r.twins.get(rule)
    if twin is not None and low is not None:
        return twin.finditer(low)
    return getattr(r, rule).finditer(sentence)


def _disjoint_shot(sentence: str, figures: list[Figure]) -> list[Figure]:
    """People shot in a clause of their own after a killing is stated ("a man was killed and a
    girl was shot") are other people: they count as injured, not as the total the dead are part
    of ("the three men killed in the shooting of five people" keeps five as the total)."""
    first_killed = min((f.end for f in figures if f.category == "killed" and f.central), default=None)
    if first_killed is None:
        return figures
    return [
        f._replace(category="injured")
        if f.category == "shot" and f.start >= first_killed
        and _NEW_CLAUSE.search(sentence[first_killed : f.start]) else f
        for f in figures
    ]


def _sum_lists(sentence: str, figures: list[Figure], r: _Rules) -> list[Figure]:
    """Add up a list of exact figures of one category in one sentence ("a man was killed and
    his son was killed", "two officers wounded and three residents injured"), unless the text
    between them says one includes the other ("five people, including two children")."""
    figures = sorted(figures, key=lambda f: f.start)
    out: list[Figure] = []
    last: dict[str, int] = {}  # category → index in ``out`` of its latest figure
    for f in figures:
        index = last.get(f.category)
        prev = out[index] if index is not None else None
        if (
            prev is not None and index is not None and f.category in _PEOPLE
            and prev.qualifier == f.qualifier == "exact"
            and prev.central and f.central and prev.end <= f.start
            and f.start - prev.end <= 60
            and (f.subject == "self" or r.list_and.search(sentence[prev.end : f.start])
                 or r.others_subject.match(f.subject or ""))  # "two critical, four others hurt"
            and not _OF.match(sentence[prev.end : f.start])
            and not (prev.central == f.central and prev.subject == f.subject)
            and not r.inclusion.search(sentence, max(prev.start, prev.end - 60), f.end)
            and not r.inclusion.search(sentence, max(0, prev.start - 30), prev.start)
        ):
            total = prev.central + f.central
            out[index] = Figure(f.category, total, total, total, "exact", None,
                                prev.subject, prev.start, f.end)
            continue
        last[f.category] = len(out)
        out.append(f)
    return out


def is_running_total(sentence: str, figure: Figure, language: str = "en") -> bool:
    """A figure stated as a total over a period ("since the start of 2023"), not an event."""
    right = sentence[figure.end : figure.end + 110]
    cut = _SENTENCE_MARK.search(right)
    window = sentence[max(0, figure.start - 100) : figure.end] + (right[: cut.start()] if cut else right)
    pattern, text = _reading(rules(language), "running_total", window)
    return pattern.search(text) is not None


def opens_new_incident(sentence: str, language: str = "en") -> bool:
    """A sentence that turns to another incident ("In a separate attack", "last month's")."""
    pattern, text = _reading(rules(language), "new_incident", sentence)
    return pattern.search(text) is not None


def mentions_past_year(sentence: str, year: int | None, language: str = "en") -> bool:
    """A sentence set in an earlier year than the article ("An earthquake in April 2015 killed")."""
    if year is None:
        return False
    r = rules(language)
    if r.past_year_marks is not None:  # no year: most sentences, told by ``in`` (a loop, not
        for mark in r.past_year_marks:  # any() over a generator: it is most of this call's cost)
            if mark in sentence:
                break
        else:
            return False
    pattern, text = _reading(r, "past_year", sentence)
    return any(int(m.group(1)) < year for m in pattern.finditer(text))  # the year's digits


_TWINNED = ("running_total", "new_incident", "past_year")


def _reading(r: _Rules, name: str, text: str) -> tuple[re.Pattern[str], str]:
    """The rule pattern ``name`` and ``text``, or its lower-case twin and ``text`` lower-cased
    when both exist (``numbers.lower_twin``): the same matches at the same offsets, faster; only
    their groups are lower-cased."""
    twin = r.twins.get(name)
    low = lower_text(text) if twin is not None else None
    return (twin, low) if twin is not None and low is not None else (getattr(r, name), text)
