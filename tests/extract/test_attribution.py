"""Attribution: claimant, side and kind from reporting structures, carried within a paragraph."""

from sitrep.extract.attribution import Attributor


def claimant(sentence: str, default_side: str = "OTHER"):
    a = Attributor(default_side=default_side).attribute(sentence, 0)
    return a.claimant.name, a.claimant.side, a.claimant.kind, a.explicit


def test_attribution_reads_x_said():
    name, side, _, explicit = claimant("Russia's defence ministry said 63 soldiers died.")
    assert (side, explicit) == ("RU", True)
    assert "Defence" in name


def test_attribution_reads_inverted_speaker_after_quote():
    assert claimant("“Up to 10 units were destroyed” said the Ukrainian General Staff.")[1] == "UA"


def test_attribution_reads_according_to():
    assert claimant("Twelve people died, according to the Israeli military.")[1] == "IL"


def test_attribution_independent_voices_are_other():
    assert claimant("Russian war reporters claimed that hundreds were killed.")[1] == "OTHER"


def test_attribution_local_authorities_speak_for_the_article_country():
    assert claimant("Two men were shot, police said.", default_side="US")[1] == "US"


def test_attribution_citing_keeps_the_relay():
    a = Attributor().attribute("TASS, citing a source in the Donetsk forces, said 40 died.", 0)
    assert a.claimant.side == "RU" and a.claimant.via == ("TASS",)


def test_attribution_carries_within_a_paragraph_and_not_beyond():
    at = Attributor()
    at.attribute("The Ukrainian army said it struck the depot.", 0)
    assert at.attribute("It added that 14 were wounded.", 0).claimant.side == "UA"
    assert at.attribute("Eight people died.", 1).claimant.side == "SELF"


def test_attribution_descriptions_resolve_to_the_last_named_actor():
    at = Attributor()
    at.attribute("Russia's defence ministry said the strike hit a barracks.", 0)
    assert at.attribute("The ministry said two missiles were shot down.", 1).claimant.side == "RU"


def test_attribution_stance():
    at = Attributor()
    assert at.stance("The army denied that 40 civilians were killed.") == "denies"
    assert at.stance("Who is going to believe the number 63?") == "disputes"
    assert at.stance("Without confirming or denying the figure, it said 12 died.") == "neither"
    assert at.stance('"The reports of 40 deaths are fake news," he said.') == "disputes"
    assert at.stance("They did not kill 63 soldiers, the group said.") == "denies"
    assert at.stance("Officials did not say how many were killed.") == "asserts"


def test_attribution_stance_belongs_to_the_figures_clause():
    at = Attributor()
    s = "Russia's defence ministry said its troops had taken nine servicemen prisoner, claims Ukraine's military rejected."
    start = s.index("nine")
    assert at.stance(s, start, start + 4) == "asserts"
    s2 = "“The claim of thirty-four deaths is fabricated,” he said."
    start2 = s2.index("thirty-four")
    assert at.stance(s2, start2, start2 + 11) == "disputes"
    s3 = "The army said 17 rebels were killed; the rebels denied any losses."
    start3 = s3.index("17")
    assert at.stance(s3, start3, start3 + 2) == "asserts"
    assert at.stance("The rebels denied that 17 fighters were killed; the army said so.", 23, 25) == "denies"


def test_attribution_a_description_with_no_antecedent_names_its_body():
    # opening an article, "the army" refers back to nobody: it is the army, not the outlet
    for s in ("The army said two soldiers were killed.", "Two soldiers were killed, the army said."):
        assert Attributor().attribute(s, 0).claimant.name == "Army"
    # a body the sentence names before the verb is that army
    at = Attributor()
    s = "Fighters ambushed a Burkinabe army convoy on Monday, killing eight soldiers, the army said."
    assert at.attribute(s, 0).claimant.name == "Burkinabe army"
    assert Attributor().attribute("He said two soldiers were killed.", 0).claimant.side == "SELF"


def test_attribution_armed_groups_named_by_a_common_noun():
    for s in ("The rebels said 12 soldiers were killed.", "Twelve soldiers were killed, insurgents said."):
        claimant = Attributor().attribute(s, 0).claimant
        assert claimant.side == "OTHER" and claimant.kind == "military"
    assert Attributor().attribute("Hamas militants said 3 fighters were killed.", 0).claimant.name == "Hamas"


def test_attribution_who_is_told_never_speaks():
    assert Attributor().attribute('"We found 18 bodies," one villager, aged 63, told reporters.', 0).claimant.name == "Villager"
    assert Attributor().attribute("Police told reporters that two people were shot.", 0).claimant.name == "Police"


def test_attribution_the_army_is_a_states_and_the_group_an_armed_group_named_before():
    at = Attributor(default_side="SD")
    at.attribute("The Rapid Support Forces said its fighters had taken the base.", 0)
    assert at.attribute("The army also said its troops had captured 12 RSF fighters.", 1).claimant.side == "SD"
    at = Attributor(default_side="MM")
    at.attribute("The Arakan Army said it had overrun the base.", 0)
    s = "It captured 24 government soldiers there, including a major, the group said."
    assert at.attribute(s, 1).claimant.name == "Arakan Army"


def test_attribution_a_new_person_with_the_same_role_is_that_person():
    at = Attributor(default_side="RU")
    at.attribute("Governor Vyacheslav Gladkov said two people were killed in Belgorod.", 0)
    s = "In Kursk region, three people were wounded, according to acting governor Alexander Khinshtein."
    assert "Khinshtein" in at.attribute(s, 1).claimant.name
    # "the governor" is the last one named
    assert "Khinshtein" in at.attribute("Three more were wounded, the governor said.", 2).claimant.name


def test_attribution_a_speaker_in_a_long_clause_is_named_by_its_own_words():
    s = "Court documents revealed that police received a call from Hoffman, who told police that three men shot his wife."
    assert Attributor().attribute(s, 0).claimant.name == "Police"


def test_attribution_an_aside_describing_the_speaker_is_passed_over():
    s = "Darfur governor Minni Minnawi, an ally of the army, put the death toll at 57."
    assert Attributor(default_side="SD").attribute(s, 0).claimant.name == "Darfur governor Minni Minnawi"
    # an aside naming the speaker's office says whom they speak for: it is kept
    s = "Jane Doe, a spokesman for the civil defence agency, said 19 bodies were recovered."
    assert "civil defence" in Attributor(default_side="PS").attribute(s, 0).claimant.name.lower()


def test_attribution_armed_groups_by_name_and_bodies_of_other_places():
    assert Attributor().attribute("Al-Shabaab said its fighters had killed 63 soldiers.", 0).claimant.name == "al-Shabaab"
    at = Attributor(default_side="UA")
    at.attribute("Three people were killed in Kharkiv, the head of the regional administration said.", 0)
    s = "Two passengers were killed in Sumy, the Sumy regional administration said."
    assert "Sumy" in at.attribute(s, 1).claimant.name


def test_attribution_it_is_the_latest_speaker_not_a_body_named_as_a_modifier():
    at = Attributor(default_side="NE")
    at.attribute("Gunmen killed 21 villagers, the interior ministry said.", 0)
    at.attribute("The ministry blamed fighters linked to the Islamic State's Sahel Province.", 1)
    assert at.attribute("It added that seven wounded people had been flown to Niamey.", 1).claimant.name == "Interior ministry"


def test_attribution_named_armed_groups_are_not_the_state():
    assert claimant("Twenty soldiers were captured, the Arakan Army said.", default_side="MM")[1] == "OTHER"


def test_attribution_acronyms_defined_in_brackets_resolve_later():
    at = Attributor(default_side="PK")
    at.attribute("Floods killed 17 people, the Provincial Disaster Management Authority (PDMA) said.", 0)
    a = at.attribute("Rains have killed 112 people, according to PDMA figures.", 1)
    assert a.claimant.side == "PK" and "Authority" in a.claimant.name


def test_attribution_each_figure_gets_its_nearest_speaker():
    at = Attributor(default_side="SD")
    s = "The health ministry put the death toll at 43, while activists said at least 60 were killed."
    assert at.attribute(s, 0, at=s.index("43")).claimant.side == "SD"
    assert at.attribute(s, 0, at=s.index("60")).claimant.side == "OTHER"
