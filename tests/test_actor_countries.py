"""Actor countries from the text's one country, from well-known names and from town names.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.nlp.lexicon import known_name
from tests.conftest import actor_named

# --- the only country a text names ---------------------------------------------------------


def test_the_one_country_a_minister_talks_with_is_not_his_own(actors_of):
    actors = actors_of(
        "Interior Minister Omar Bakary said on Friday that talks with Chad had stalled."
    )
    assert actor_named(actors, "Omar Bakary").country is None


def test_the_one_country_a_short_text_sends_an_official_to_is_not_his_own(actors_of):
    actors = actors_of("The defence minister flew to Japan on Sunday for two days of talks.")
    minister = next(a for a in actors if a.sector == "GOV" and a.kind == "person")
    assert minister.country is None


def test_the_place_where_rebels_act_is_their_country(actors_of):
    actors = actors_of("Rebels attacked an army post in northern Mali on Sunday.")
    rebels = next(a for a in actors if a.sector == "REB")
    assert rebels.country == "MLI"


def test_a_longer_domestic_story_gives_its_one_country_to_the_president(actors_of):
    actors = actors_of(
        "President Teodor Marin opened a new gas pipeline on Monday. The project cost two "
        "billion dollars and took four years. Officials said exports would rise next year. "
        "Romania hopes to double its gas sales by 2030."
    )
    assert actor_named(actors, "Teodor Marin").country == "ROU"


def test_an_organisation_named_with_a_country_is_its_branch_there(actors_of):
    # the tagger leaves the country out of the name: one actor, of that country
    actors = actors_of("Amnesty International Indonesia also condemned the police.")
    branch = actor_named(actors, "Amnesty International Indonesia")
    assert branch.country == "IDN"
    assert not any(a.name == "Indonesia" for a in actors)


def test_a_country_name_the_tagger_cut_short_owns_a_body(actors_of):
    # the tagger tags "Burkina" alone: the possessor is still the whole country's name
    actors = actors_of("Burkina Faso's military authorities made no immediate comment.")
    authorities = next(a for a in actors if a.sector == "GOV")
    assert authorities.country == "BFA"


def test_a_town_name_the_tagger_cut_short_is_the_whole_town(actors_of):
    # "Novi" alone is a town in Michigan; "Novi Sad" is in Serbia
    actors = actors_of("On Tuesday, police in Novi Sad arrested four students.")
    police = next(a for a in actors if a.sector == "COP")
    assert police.country == "SRB"


def test_a_body_for_a_country_is_that_countrys_not_a_listed_namesake(actors_of):
    actors = actors_of("The Electoral Commission for Sierra Leone declared the results on "
                       "Tuesday. The commission rejected the claims of fraud.")
    commission = actor_named(actors, "Electoral Commission")
    assert commission.country == "SLE"
    assert commission.kb_id is None  # (the listed Electoral Commission is Britain's)


def test_a_bodys_of_phrase_after_its_name_gives_its_country(actors_of):
    actors = actors_of("The Association of International Road Carriers of Ukraine said the "
                       "blockade had cost its members millions.")
    assert actor_named(actors, "Association of International Road Carriers").country == "UKR"


def test_an_envoy_called_in_gives_the_ministry_no_country(actors_of):
    # the envoy serves abroad: the ministry he is called to is not Britain's
    actors = actors_of("The British ambassador was called to the foreign ministry on "
                       "Wednesday and handed a note of protest.")
    ministry = next(a for a in actors if a.kind == "organization" and a.sector == "GOV")
    assert ministry.country != "GBR"


def test_a_general_body_name_given_a_country_later_is_another_body(actors_of):
    actors = actors_of(
        "BUCHAREST - The Foreign Ministry said it had handed the Russian charge d'affaires a "
        "note of protest. Ukraine's Foreign Ministry expressed solidarity with Romania.")
    ministries = sorted(a.country or "" for a in actors if "Foreign Ministry" in a.name)
    assert ministries == ["ROU", "UKR"]


def test_opposition_with_no_article_is_a_stance_not_a_party(actors_of):
    actors = actors_of("The bloc could not agree on sanctions because of opposition from "
                       "Hungary and Slovakia.")
    assert not any(a.sector == "OPP" for a in actors)
    assert actor_named(actors_of("The opposition said the vote was rigged."),
                       "opposition").sector == "OPP"


# --- well-known people ----------------------------------------------------------------------


def test_a_known_surname_gives_country_and_sector(actors_of):
    actors = actors_of("Lavrov said on Monday that talks with Washington had been useful.")
    assert actor_named(actors, "Lavrov").code == "RUSGOV"


def test_known_people_on_both_sides_of_a_meeting(actors_of):
    actors = actors_of("Erdogan hosted Zelenskyy in Istanbul for three hours of talks.")
    assert actor_named(actors, "Erdogan").code == "TURGOV"
    assert actor_named(actors, "Zelenskyy").code == "UKRGOV"


def test_an_international_official_is_coded_igo(actors_of):
    actors = actors_of("Guterres urged both armies to pull back from the border.")
    assert actor_named(actors, "Guterres").code == "IGO"


def test_a_business_figure_keeps_his_sector(actors_of):
    actors = actors_of("Elon Musk criticised the new rules on satellite launches.")
    assert actor_named(actors, "Elon Musk").code == "USABUS"


def test_another_first_name_is_another_person(actors_of):
    actors = actors_of("Hunter Biden spoke to reporters outside the court on Friday.")
    assert actor_named(actors, "Hunter Biden").country is None


def test_the_text_wins_over_the_list(actors_of):
    actors = actors_of("Kenyan opposition leader Musa Kenyatta led a march in the capital.")
    assert actor_named(actors, "Musa Kenyatta").code == "KENOPP"
    actors = actors_of("Canadian Senator Harris praised the new budget on Tuesday.")
    assert actor_named(actors, "Harris").code == "CANLEG"


def test_users_can_add_and_replace_people(tmp_path, monkeypatch):
    from eventwire.nlp.people import load_people
    from eventwire.settings import Settings

    extra = tmp_path / "people.yaml"
    extra.write_text(
        "people:\n"
        "  - {name: Ana Tavares, country: PRT, sector: GOV, from: 2031}\n"
        "  - {name: Sergei Lavrov, country: RUS, sector: ELI}\n",
        encoding="utf-8",
    )
    listed = load_people([extra])
    assert listed.find(["Tavares"]).country == "PRT"
    assert listed.find(["Lavrov"]).sector == "ELI"
    assert load_people().find(["Lavrov"]).sector == "GOV"
    monkeypatch.setenv("EVENTWIRE_PEOPLE", str(extra))
    assert Settings().people == str(extra)


def test_the_publication_year_picks_the_post():
    from eventwire.nlp.people import load_people

    listed = load_people()
    assert listed.find(["Mark Rutte"], 2015).country == "NLD"
    assert listed.find(["Rutte"], 2025).sector == "IGO"
    assert listed.find(["Bush"], 1991).country == "USA"  # father and son: one country
    assert listed.find(["Kim"]) is None  # North and South Korean leaders


# --- towns and regions -----------------------------------------------------------------------


def test_a_shelled_town_is_a_place_in_its_country(actors_of):
    actors = actors_of("Artillery shelled Gorazde for a third day on Tuesday.")
    town = actor_named(actors, "Gorazde")
    assert (town.kind, town.country, town.code) == ("location", "BIH", None)


def test_a_town_where_something_happened_has_a_country(actors_of):
    actors = actors_of("The earthquake destroyed most of the old houses in Bam.")
    assert actor_named(actors, "Bam").country == "IRN"


def test_capitals_stay_as_they_were(actors_of):
    actors = actors_of("Thousands of protesters marched in Caracas on Saturday.")
    caracas = actor_named(actors, "Caracas")
    assert (caracas.kind, caracas.country) == ("location", "VEN")


def test_town_table_guards_ambiguous_and_everyday_names():
    from eventwire.nlp.towns import town_country

    assert town_country("Sivas") == "TUR"
    assert town_country("Kharkiv") == "UKR"
    assert town_country("Texas") == "USA"  # a US state
    assert town_country("Idlib") == "SYR"  # a first-level region
    assert town_country("Xinjiang") == "CHN"  # ISO 3166-2 writes "Xinjiang Uygur Zizhiqu"
    assert town_country("Valencia") is None  # big towns in Spain and Venezuela
    assert town_country("Reading") is None  # an everyday word
    assert town_country("Erdogan") is None  # a well-known person


def test_the_pipeline_hands_the_publication_date_to_the_actor_stage(analyse_text):
    def tusk(published: str) -> tuple[str | None, str | None]:
        result = analyse_text("Donald Tusk met Angela Merkel in Berlin on Monday to discuss "
                              "the budget of the union.", published=published)
        actor = next(a for a in result.actors if a.name == "Donald Tusk")
        return actor.country, actor.sector

    assert tusk("2016-05-02")[1] == "IGO"  # President of the European Council then
    assert tusk("2024-05-02") == ("POL", "GOV")


def test_a_country_tagged_as_a_person_is_the_country(actors_of):
    assert actor_named(actors_of("Jordan opened its border to refugees fleeing the fighting."),
                 "Jordan").country == "JOR"
    michael = actor_named(actors_of("Michael Jordan visited Paris."), "Michael Jordan")
    assert michael.kind == "person"
    korea = actors_of("The United States demanded that the Democratic People's Republic of Korea "
                      "give up its nuclear program.")
    assert actor_named(korea, "Democratic People's Republic of Korea").country == "PRK"


def test_peoples_and_groups_take_the_country_they_are_in(actors_of):
    assert actor_named(actors_of("Ethnic Albanians in southern Serbia demanded autonomy."),
                 "Albanians").country == "SRB"
    assert actor_named(actors_of("Iraqi Kurds demonstrated in Kirkuk on Sunday."),
                 "Kurds").country == "IRQ"
    rebels = actors_of("Ivory Coast rebels rejected a peace plan drawn up by Senegal.")
    assert actor_named(rebels, "Ivory Coast rebels").country == "CIV"


def test_a_possessive_inside_the_country_entity(actors_of):
    actors = actors_of("Norway said Sri Lanka's government should protect aid workers.")
    assert actor_named(actors, "Sri Lanka's government").country == "LKA"


def test_a_listed_name_the_tagger_missed_is_still_a_person(actors_of):
    modi = actor_named(actors_of("Modi held a phone call with Zelensky on Friday."), "Modi")
    assert (modi.kind, modi.country, modi.sector) == ("person", "IND", "GOV")


def test_a_listed_surname_the_tagger_took_for_a_nationality_is_a_person(actors_of):
    trump = actor_named(actors_of("Trump threatened Japan with new tariffs."), "Trump")
    assert (trump.kind, trump.country, trump.sector) == ("person", "USA", "GOV")
    # a people no list knows as a person stays what it was
    assert not [a for a in actors_of("Sunni clerics met in the capital.") if a.name == "Sunni"
                and a.kind == "person"]


def test_a_known_group_the_tagger_took_for_a_nationality_owns_its_attack(actors_of):
    actors = actors_of("A Houthi drone attack on a tanker caused a fire on Tuesday.")
    houthis = [a for a in actors if a.country == "YEM"]
    assert houthis and houthis[0].sector == "REB"


def test_a_body_is_not_of_the_country_it_acts_against_in_its_sentence(actors_of):
    ministry = actor_named(actors_of("The ministry proposed new sanctions against Iran."),
                           "ministry")
    assert ministry.country is None
    # the country the sentence's other actor belongs to still gives it
    admin = actor_named(actors_of("In Washington, Senator Whitfield called on the "
                                  "administration to act."), "administration")
    assert admin.country == "USA"


def test_regions_news_names_that_no_gazetteer_gives_have_their_country():
    from eventwire.nlp.towns import town_country

    assert [town_country(n) for n in ("Darfur", "North Waziristan", "Nagorno-Karabakh",
                                      "Kaduna state", "Kherson oblast")] == [
        "SDN", "PAK", "AZE", "NGA", "UKR"]
    assert town_country("Reading") is None  # a town that is an everyday word stays unknown


def test_envoys_are_not_given_the_country_that_expels_them(actors_of):
    actors = actors_of("Venezuela expelled the ambassadors of seven Latin American countries.")
    assert actor_named(actors, "ambassadors of seven Latin American countries").country is None


def test_a_two_letter_country_inside_an_organisation_name(actors_of):
    actors = actors_of("The US Treasury slapped sanctions on two oil officials.")
    treasury = next(a for a in actors if "Treasury" in a.name)
    assert treasury.country == "USA"


def test_armed_groups_and_bodies_in_the_news(actors_of):
    actors = actors_of("Boko Haram fighters attacked a village, and ECOWAS condemned the raid.")
    assert actor_named(actors, "Boko Haram fighters").country == "NGA"
    assert actor_named(actors, "Economic Community of West African States").sector == "IGO"
    assert known_name("al-Qaeda").sector == "REB"  # a name with a lowercase particle


def test_a_nationality_tagged_as_a_place_still_gives_its_country(actors_of):
    actors = actors_of("The president banned Ugandan opposition candidates from the election.")
    assert any(a.country == "UGA" for a in actors)


def test_a_leaders_name_before_administration_gives_the_country(actors_of):
    actors = actors_of("The Bush administration said China must drop its trade barriers.")
    assert actor_named(actors, "Bush administration").country == "USA"
    community = actors_of("European Community foreign ministers agreed to send aid to Romania.")
    assert actor_named(community, "European Community foreign ministers").sector == "IGO"


def test_a_misspelt_listed_name_is_still_known():
    from eventwire.nlp.people import people

    assert people().find(["Francois Mitterand"]).country == "FRA"
    assert people().find(["Hunter Biden"]) is None  # another first name: another person


def test_us_lawmakers_by_title_and_party_state_tag(actors_of):
    actors = actors_of("Rep. Dana Whitcomb (D-Minn.) said the threats were frightening. "
                       "Sen. Paul Okafor (R-Texas) disagreed.")
    assert actor_named(actors, "Dana Whitcomb").code == "USALEG"
    assert actor_named(actors, "Paul Okafor").code == "USALEG"
    assert not [a for a in actors if a.name.startswith(("D-", "R-"))]  # the tags are no actors


def test_the_country_an_envoy_serves_in_is_not_the_envoys_own(actors_of):
    # the parser runs "Ukraine Kurt Volker" into one phrase
    actors = actors_of("Former special envoy to Ukraine Kurt Volker met the committee.")
    assert actor_named(actors, "Kurt Volker").country != "UKR"
    actors = actors_of("Ukraine President Volodymyr Zelenskiy spoke on Monday.")
    assert actor_named(actors, "Volodymyr Zelenskiy").country == "UKR"


def test_a_body_named_on_its_operation_is_an_actor(actors_of):
    actors = actors_of("The police crackdown on protesters in Tehran left 20 dead.")
    police = next(a for a in actors if a.name == "police")
    assert (police.country, police.sector) == ("IRN", "COP")


# --- names that mean different things in different stories -------------------------------------


def test_a_surname_tagged_as_a_place_is_the_person_without_the_places_country(actors_of):
    actors = actors_of(
        "Nadia Paris, a former volunteer, says the charity kept her passport for a year. "
        "Paris says she asked for it back twice. The charity denies the claim."
    )
    nadia = actor_named(actors, "Nadia Paris")
    assert nadia.country != "FRA"
    assert not any(a.name == "Paris" for a in actors)


def test_a_bare_supreme_court_is_the_storys_own(actors_of):
    actors = actors_of(
        "Israel's parliament passed the bill on Monday. Thousands of Israelis protested in Tel "
        "Aviv. The Supreme Court will hear the first appeals against the law in September."
    )
    assert actor_named(actors, "Supreme Court").country == "ISR"


def test_a_bare_supreme_court_is_the_us_one_in_an_american_story(actors_of):
    actors = actors_of(
        "The Supreme Court heard arguments on Tuesday over the Biden administration's student "
        "loan plan. Lawyers for six states said the plan exceeded the president's powers."
    )
    assert actor_named(actors, "Supreme Court").country == "USA"


def test_a_partys_listed_country_does_not_become_the_storys(actors_of):
    actors = actors_of(
        "Voters in Hong Kong elected a new council on Sunday. Democrats won six seats, and "
        "Lo Ka-wing of the Democrats kept his seat. The Democrats said the result showed that "
        "people wanted change. Turnout was the highest since the handover."
    )
    assert actor_named(actors, "Lo Ka-wing").country != "USA"


def test_north_koreas_army_and_news_agency_are_north_korean(actors_of):
    actors = actors_of("The Korean Central News Agency said the Korean People's Army was ready.")
    assert actor_named(actors, "Korean People's Army").country == "PRK"
    assert actor_named(actors, "KCNA").country == "PRK"


def test_two_names_joined_by_a_hyphen_are_two_actors(actors_of):
    actors = actors_of("The next EU-China summit will be held in Beijing. The US-China talks "
                       "resumed on Monday.")
    assert actor_named(actors, "China").sector is None  # the EU's sector is not China's
    assert actor_named(actors, "European Union").sector == "IGO"
    assert actor_named(actors, "US").country == "USA"


def test_separatists_are_rebels(actors_of):
    actors = actors_of("The separatists attacked a police station in the east.")
    assert actor_named(actors, "separatists").sector == "REB"


def test_a_hyphenated_owner_or_leader_names_whose_thing_or_act_it_is():
    from eventwire.api import analyse_text

    def coded(text: str) -> list[tuple[str, str | None, str | None]]:
        result = analyse_text(text, published="2024-03-05", min_confidence=0)
        country = {a.id: a.country for a in result.actors}
        return [(e.cameo[:2], country.get(e.source), country.get(e.target))
                for e in result.events]

    assert ("19", "SAU", "YEM") in coded(
        "The Saudi-led blockade of Yemen's ports has continued for months.")
    assert ("19", "YEM", "GRC") in coded(
        "Houthi rebels launched a drone attack on a Greek-owned tanker on Tuesday.")
    assert ("19", "SAU", "YEM") in coded("The Saudi-led coalition bombed Sanaa on Monday.")
    # made or backed by a country is not the country's
    assert not [s for _, s, _ in coded("Russian-made drones hit Kyiv.") if s == "RUS"]
    assert not [s for _, s, _ in coded("Iran-backed militias attacked a US base in Syria.")
                if s == "IRN"]


def test_a_listed_person_the_tagger_takes_for_a_place_is_the_person(actors_of):
    actors = actors_of("The deal came weeks after a summit between Trump and Kim Jong Un in "
                       "Hanoi.")
    trump = actor_named(actors, "Trump")
    assert (trump.kind, trump.country) == ("person", "USA")
    assert actor_named(actors, "Hanoi").kind == "location"


def test_a_common_noun_the_tagger_calls_an_organisation_keeps_its_role(actors_of):
    actors = actors_of("The ambassador was summoned by the foreign ministry.")
    ministry = actor_named(actors, "foreign ministry")
    assert ministry.sector == "GOV"


def test_counted_nationals_abroad_keep_their_nationality(actors_of):
    actors = actors_of("A drug cartel kidnapped four Americans in Mexico.")
    assert actor_named(actors, "Americans").country == "USA"
    actors = actors_of("Albanians in southern Serbia protested.")
    assert actor_named(actors, "Albanians").country == "SRB"


def test_a_place_a_group_holds_is_theirs_and_settlers_are_civilians(actors_of):
    actors = actors_of("Ukraine shelled Russian-controlled areas near Donetsk.")
    assert actor_named(actors, "Russian").country == "RUS"  # the areas' holder is an actor
    actors = actors_of("Settlers torched homes in the village on Sunday.")
    assert actor_named(actors, "Settlers").sector == "CVL"


@pytest.mark.parametrize(("text", "name", "country"), [
    # a person from a place
    ("Thomas Sam, 42, from Sydney, Australia, is undergoing trial for fraud.", "Thomas Sam",
     "AUS"),
    ("Patrick Carlineo, of Addison, New York, pleaded guilty on Tuesday.", "Patrick Carlineo",
     "USA"),
    # "the country's" body: the state named before
    ("North Korea fired shells at the border on Thursday. The country's military attacked "
     "South Korean posts.", "country's military", "PRK"),
    # a US state, though Uruguay has a department of the name
    ("Daniel Montalvo traveled to Florida to meet with Tom Devocht.", "Florida", "USA"),
    # one of a people coded with its state, named in apposition
    ("Karim Ullah, a Rohingya, said the boat had been turned away twice.", "Karim Ullah",
     "MMR"),
    ("Ilham Tohti, a Uighur, was jailed for life in 2014.", "Ilham Tohti", "CHN"),
])
def test_where_the_text_places_an_actor_gives_its_country(actors_of, text, name, country):
    assert actor_named(actors_of(text), name).country == country


def test_provinces_under_a_grouping_and_english_region_names_have_their_country():
    from eventwire.nlp.towns import town_country

    assert town_country("Aceh") == "IDN"  # ISO 3166-2 puts it under Sumatra
    assert town_country("Lombardy") == "ITA"  # ISO 3166-2 calls it Lombardia
    assert town_country("Ontario") == "CAN"  # not the Californian town
    assert town_country("the State of Texas") == "USA"
    assert town_country("Municipality of Livorno") == "ITA"


def test_refugees_are_of_the_country_they_left_not_the_host(actors_of):
    actors = actors_of("Syrian refugees and other migrants reached the Greek island of Lesbos on "
                       "Monday, Greek officials said.")
    syrians = actor_named(actors, "Syrian refugees")
    assert (syrians.country, syrians.sector) == ("SYR", "REF")
    migrants = next(a for a in actors if "migrants" in a.name)
    assert (migrants.country, migrants.sector) == (None, "REF")


def test_the_commission_is_the_commission_named_before_a_government_body(actors_of):
    actors = actors_of("The Texas Railroad Commission held a hearing on Monday with oil "
                       "producers. The commission said it would review the permits.")
    commission = actor_named(actors, "Texas Railroad Commission")
    assert commission.sector == "GOV"
    assert not [a for a in actors if a.name.lower() == "the commission"
                or a.name.lower() == "commission"]


# --- owners and titles that say whose an actor is --------------------------------------------


def test_a_body_owned_by_a_union_of_states_takes_no_country_from_around_it(actors_of):
    actors = actors_of(
        "A spokesman for the Norwegian Foreign Ministry repeated Norway's view that the dams "
        "are unlawful. The European Union's top court last week ruled that EU members must "
        "label goods from the dams. The International Criminal Court has not acted."
    )
    court = next(a for a in actors if "top court" in [m.text for m in a.mentions]
                 or "The European Union's top court" in [m.text for m in a.mentions])
    assert court.country is None and court.sector == "JUD"
    assert "International Criminal Court" not in court.name
    ministry = actor_named(actors, "Norwegian Foreign Ministry")
    assert not any("European Union" in m.text for m in ministry.mentions)


def test_an_organisation_tag_ending_in_a_title_is_the_persons_title(actors_of):
    actors = actors_of(
        "The Canadian Foreign Ministry said its envoy had met the Thai foreign minister. "
        'Anne Tremblay, the Foreign Ministry Spokesperson, said, "We urge the governments of '
        'the region to act quickly."'
    )
    assert actor_named(actors, "Anne Tremblay").sector == "GOV"
    governments = next(a for a in actors if a.name.startswith("governments"))
    assert governments.country is None  # several states, not the speaker's one


def test_a_partys_members_take_its_usual_country_before_the_storys(actors_of):
    actors = actors_of(
        "Russian officials praised the plan in Moscow on Friday, and the Kremlin said it "
        "would study it. In Washington, the State Department said it had not seen the plan. "
        "One Republican aide said Putin's remarks would not change anything in Congress."
    )
    assert actor_named(actors, "One Republican aide").country == "USA"
    # the story names Russia most, but not beside the aide
    assert actor_named(actors, "Congress").country != "RUS"

def test_a_story_that_names_one_country_most_gives_it_to_the_people_it_leaves_uncoded(actors_of):
    actors = actors_of(
        "The United States raised tariffs on steel from China on Monday. Washington said the "
        "duties would stay until Beijing changed its rules, and American officials said more "
        "could follow. US farmers fear China will answer in kind. Marta Kowal, an economist, "
        "said the costs would fall on consumers."
    )
    assert actor_named(actors, "Marta Kowal").country == "USA"


def test_a_bodys_acronym_is_no_town(actors_of):
    actors = actors_of("The foundation made two donations to USI Art Collections in 2007. "
                       "The Kaduna State Police arrested two men.")
    assert actor_named(actors, "USI Art Collections").country is None
    assert actor_named(actors, "Kaduna State Police").country == "NGA"


def test_a_country_named_as_a_state_of_the_storys_country_is_that_state(actors_of):
    actors = actors_of("Georgia prosecutors charged Donald Trump with racketeering in August. "
                       "The former US president called the case a witch hunt.")
    assert actor_named(actors, "Georgia prosecutors").country == "USA"
    actors = actors_of("Georgian police detained protesters in Tbilisi. Georgia's parliament "
                       "passed the law.")
    assert {a.country for a in actors if "police" in a.name} == {"GEO"}
    actors = actors_of("Georgia's president met Joe Biden in Washington on Monday.")
    assert {a.country for a in actors if "president" in a.name.lower()} == {"GEO"}


def test_a_name_given_to_a_person_in_apposition_is_no_town(actors_of):
    from eventwire.nlp.towns import town_country

    assert town_country("Gloria") == "BRA"  # a Brazilian town of that name
    actors = actors_of("Police in Perth said the couple neglected their daughter, Gloria. "
                       "Gloria developed a rash in March.")
    gloria = actor_named(actors, "Gloria")
    assert gloria.kind == "person" and gloria.country != "BRA"
    assert {a.country for a in actors} <= {"AUS", None}


def test_a_body_named_by_a_place_it_stands_in_is_of_that_country(actors_of):
    actors = actors_of("Hezbollah fired rockets at an army base in northern Israel.")
    assert actor_named(actors, "army").country == "ISR"


def test_a_country_name_the_tagger_cut_short_is_the_whole_country(actors_of):
    actors = actors_of("Burkina Faso expelled three French diplomats on Monday.")
    assert actor_named(actors, "Burkina Faso").country == "BFA"


def test_a_country_the_tagger_calls_a_location_is_the_country(actors_of):
    actors = actors_of("China and the Solomon Islands held talks in April.")
    assert actor_named(actors, "Solomon Islands").country == "SLB"


def test_a_ministry_of_something_is_a_government_body(actors_of):
    actors = actors_of("Iraq's Ministry of Foreign Affairs summoned the US ambassador.")
    ministry = next(a for a in actors if "Ministry" in a.name)
    assert (ministry.country, ministry.sector) == ("IRQ", "GOV")


# --- places framed with their country ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Artillery shelled a market in the Ukrainian town of Zvirovka on Friday.", "Zvirovka",
         "UKR"),
        ("Rebels besieged the Sudanese town of Mellit for a month.", "Mellit", "SDN"),
        ("Troops shelled Zvirovka, Ukraine, on Friday.", "Zvirovka", "UKR"),
    ],
)
def test_a_place_no_table_knows_takes_the_country_the_text_frames_it_with(
        actors_of, text: str, place: str, country: str) -> None:
    assert actor_named(actors_of(text), place).country == country


def test_every_capital_stands_for_its_government_and_congo_is_the_democratic_republic(
        actors_of):
    actors = actors_of("Quito said on Monday that it had recalled its ambassador from Dakar.")
    assert actor_named(actors, "Quito").code == "ECUGOV"
    from eventwire.nlp.lexicon import country_of, lexicon

    assert country_of("Maldivian") == "MDV" and country_of("Guyanese") == "GUY"
    assert country_of("Congo") == "COD" and country_of("Republic of Congo") == "COG"
    assert lexicon().capitals["port-au-prince"] == "HTI"
    # a capital one travels through is a place, not its government
    actors = actors_of("Thousands of people marched through Niamey on Sunday.")
    assert actor_named(actors, "Niamey").sector is None


def test_generated_capitals_name_known_countries():
    import pycountry

    from eventwire.data import load_yaml

    capitals = load_yaml("capitals.yaml")["capitals"]
    known = {c.alpha_3 for c in pycountry.countries} | {"KOS"}
    assert len(capitals) > 100 and set(capitals) <= known


def test_an_official_named_by_title_alone_is_of_the_country_named_as_the_doer(actors_of):
    actors = actors_of("Germany arrested three people suspected of spying for China. The "
                       "chancellor, who visited Beijing last week, pressed China to stop it.")
    chancellor = next(a for a in actors if a.name.lower().endswith("chancellor"))
    assert chancellor.country == "DEU"


def test_a_charge_daffaires_is_an_envoy_of_the_country_owning_the_post(actors_of):
    actors = actors_of("India's foreign ministry summoned Canada's chargé d'affaires in New "
                       "Delhi on Tuesday evening.")
    envoy = next(a for a in actors if "affaires" in a.name)
    assert (envoy.country, envoy.sector) == ("CAN", "GOV")


def test_a_capital_the_tagger_calls_a_nationality_is_still_the_government(actors_of):
    actors = actors_of("Bamako has repeatedly accused Algiers of meddling in the north.")
    assert actor_named(actors, "Algiers").code == "DZAGOV"


def test_a_unit_a_known_group_owns_is_of_the_groups_country(actors_of):
    actors = actors_of("Israeli jets struck positions of Hezbollah's elite Radwan force near "
                       "the frontier on Tuesday.")
    unit = next(a for a in actors if a.name.endswith("force"))
    assert unit.country == "LBN"


def test_a_un_force_is_the_un_not_the_country_it_serves_in(actors_of):
    actors = actors_of("The UN peacekeeping force in southern Lebanon said its positions had "
                       "been hit twice.")
    force = next(a for a in actors if a.name.endswith("force"))
    assert (force.country, force.sector) == (None, "IGO")


def test_an_official_speaking_in_a_capital_is_that_states(actors_of):
    actors = actors_of('"We will not give up an inch," Interior Minister Tomas Brenko told '
                       "reporters in Ljubljana on Monday, a day after Croatia closed two "
                       "crossings.")
    assert actor_named(actors, "Tomas Brenko").country == "SVN"
    actors = actors_of("In Vilnius, Foreign Minister Jonas Petraitis accused Minsk of staging "
                       "the crossings.")
    assert actor_named(actors, "Jonas Petraitis").country == "LTU"


def test_a_dateline_official_stays_home_when_the_sentence_names_a_counterpart(actors_of):
    actors = actors_of("PORT MORESBY — Papua New Guinea has signed a fisheries agreement with "
                       "Japan, Prime Minister Ravu Tamate announced on Wednesday.")
    assert actor_named(actors, "Ravu Tamate").country == "PNG"


def test_its_minister_named_in_apposition_is_of_the_state_the_sentence_before_was_about(
        actors_of):
    actors = actors_of("Norway, which has close ties to both Colombia and Venezuela, has been "
                       "trying to broker a settlement. Its foreign minister, Ingrid Solberg, "
                       "hosted two rounds of talks.")
    assert actor_named(actors, "Ingrid Solberg").country == "NOR"


def test_a_short_name_two_countries_share_is_the_one_of_the_country_the_story_names(actors_of):
    # "PTI": Pakistan Tehreek-e-Insaf and the Press Trust of India
    actors = actors_of("ISLAMABAD: Police in Pakistan arrested hundreds of PTI supporters on "
                       "Sunday. The PTI said its chairman had been detained.")
    assert actor_named(actors, "PTI").code == "PAKPTY"
    actors = actors_of("India's election commission said on Monday, PTI reported, that the vote "
                       "in Kerala would be held in April.")
    assert actor_named(actors, "PTI").code == "INDMED"


def test_a_us_department_named_bare_is_american_in_a_story_elsewhere(actors_of):
    actors = actors_of("MANAGUA — The Treasury Department sanctioned some 250 Nicaraguan "
                       "officials on Tuesday, and Nicaragua's government called it aggression.")
    assert actor_named(actors, "Treasury Department").country == "USA"


def test_a_country_parsed_as_a_second_object_still_modifies_the_body_after_it(actors_of):
    # the parser reads "accused Kosovo police" as two objects
    actors = actors_of("Serbia accused Kosovo police of attacking Serbs.")
    police = next(a for a in actors if a.name.endswith("police"))
    assert police.country == "KOS"


def test_what_a_body_alleges_does_not_give_it_the_country_it_names(actors_of):
    actors = actors_of("Hackers crippled hospital networks in Germany and France last year. "
                       "Prosecutors allege the two officers belong to a unit of the GRU, "
                       "Russia's military intelligence agency.")
    assert actor_named(actors, "Prosecutors").country != "RUS"


def test_a_body_the_speakers_talk_about_does_not_take_their_country(actors_of):
    actors = actors_of("NIAMEY - American troops left the drone base near Agadez on Wednesday. "
                       "US officials denied making any threats and said they had raised "
                       "concerns about the direction of the junta's policies.")
    junta = next(a for a in actors if a.name == "junta")
    assert junta.country != "USA"


def test_a_region_adjective_gives_a_group_its_cameo_region(actors_of):
    actors = actors_of("Western governments condemned the coup in Niger, West African leaders "
                       "closed the borders and Arab states called for calm. The junta leader "
                       "met Western diplomats on Friday.")
    assert actor_named(actors, "Western governments").code == "WSTGOV"
    assert actor_named(actors, "West African leaders").country == "WAF"
    assert actor_named(actors, "Arab states").country == "ARB"
    assert actor_named(actors, "Western diplomats").country == "WST"
    # a region is no state: the junta leader beside Western diplomats is not the West's
    assert actor_named(actors, "junta leader").country != "WST"


def test_the_international_community_is_an_actor_but_listed_states_stay_states(actors_of):
    actors = actors_of("The resolution was drafted by France, Germany and Britain. Iran accused "
                       "the three European countries of bad faith, and the international "
                       "community urged restraint.")
    assert actor_named(actors, "international community").sector == "IGO"
    assert not any(a.country == "EUR" for a in actors)


def test_a_nationality_before_a_role_of_several_words_is_the_roles_country(actors_of):
    actors = actors_of("The ministry summoned the Serbian chargé d'affaires on Monday.")
    envoy = next(a for a in actors if "affaires" in a.name)
    assert (envoy.country, envoy.sector) == ("SRB", "GOV")
    assert not any(a.name == "Serbian" for a in actors)


def test_a_state_body_in_a_capital_is_of_that_capitals_country(actors_of):
    actors = actors_of("The Foreign Ministry in Zagreb sent a protest note on Monday.")
    assert actor_named(actors, "Foreign Ministry").country == "HRV"


def test_the_two_governments_are_not_the_government_named_again(actors_of):
    actors = actors_of("After several rounds of talks, the two governments agreed in February "
                       "that India would withdraw its soldiers. The opposition party accused "
                       "the government of surrendering. Police arrested three men. The police "
                       "said the men were armed.")
    pair = actor_named(actors, "two governments")
    assert [m.text for m in pair.mentions] == ["the two governments"]
    # (plural in form only: "the police" is the police named again)
    assert [m.text for m in actor_named(actors, "Police").mentions] == ["Police", "The police"]
