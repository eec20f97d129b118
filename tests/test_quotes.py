"""Attributed statements: direct, reported and mixed quotes with speakers, cues, channels, hedges.

Speakers are checked through the actor's name, not its id, since actor ids depend on the actors
component. The test sentences are written for eventwire.
"""

from __future__ import annotations

import pytest

from eventwire.model import Quote, Result
from tests.conftest import SAMPLES, analyse_paths


@pytest.fixture(scope="module")
def statements(analyse_text):
    def run(text: str) -> tuple[Result, list[Quote]]:
        result = analyse_text(text, raw=True)
        _check_spans(result)
        return result, result.quotes

    return run


def _check_spans(result: Result) -> None:
    text = result.document.text
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
        for span in (q.cue, q.speaker_mention):
            if span is not None:
                assert text[span.start : span.end] == span.text


def speaker_name(result: Result, quote: Quote) -> str:
    actor = next((a for a in result.actors if a.id == quote.speaker), None)
    return actor.name if actor else ""


def only(quotes: list[Quote], kind: str | None = None) -> Quote:
    chosen = [q for q in quotes if kind is None or q.kind == kind]
    assert len(chosen) == 1, [(q.kind, q.text) for q in quotes]
    return chosen[0]


# --- direct quotes ---------------------------------------------------------------------------


def test_straight_quote_with_cue_after_and_pronoun_speaker(statements):
    result, quotes = statements(
        "Finance Minister John Carter spoke in parliament on Monday. "
        '"The plan will fail, and everyone in this room knows it," he said.'
    )
    q = only(quotes)
    assert q.kind == "direct"
    assert q.text == "The plan will fail, and everyone in this room knows it"
    assert "Carter" in speaker_name(result, q)
    assert q.speaker_mention.text == "he"
    assert q.cue.text == "said" and q.cue.lemma == "say"


def test_curly_quote_after_colon_over_two_sentences(statements):
    result, quotes = statements(
        "Prime Minister Anna Berg told the assembly: “We will not give in. Our answer is no.”"
    )
    q = only(quotes)
    assert q.kind == "direct"
    assert q.text == "We will not give in. Our answer is no."
    assert "Berg" in speaker_name(result, q)
    assert q.cue.lemma == "tell"


def test_inverted_cue_with_relative_clause_aside(statements):
    result, quotes = statements(
        "“Nothing has changed since the election,” said Tomas Reyes, who replaced Peter Jones "
        "as party leader last year."
    )
    q = only(quotes)
    assert q.text == "Nothing has changed since the election"
    assert "Reyes" in speaker_name(result, q)


def test_nested_single_quotes_stay_inside_the_quote(statements):
    result, quotes = statements(
        "\"They called it a 'final offer', but it was nothing of the kind,\" said Karl Vogt."
    )
    q = only(quotes)
    assert q.text == "They called it a 'final offer', but it was nothing of the kind"
    assert "Vogt" in speaker_name(result, q)


def test_quote_over_two_paragraphs(statements):
    result, quotes = statements(
        "Mayor Lena Holt addressed the crowd on Sunday.\n\n"
        '"We have waited for this bridge for twenty years. The money was promised again '
        "and again.\n\n"
        '"Now the work begins, and nobody will stop it," Holt said.'
    )
    q = only(quotes, "direct")
    assert q.text.startswith("We have waited for this bridge")
    assert q.text.endswith("nobody will stop it")
    assert "Holt" in speaker_name(result, q)


def test_floating_quote_continues_the_previous_speaker(statements):
    result, quotes = statements(
        '"The border will stay open," said Foreign Minister Ruth Adler. "We have no reason to '
        'close it, and we will not be pushed into doing so."'
    )
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert direct[1].cue is None
    assert all("Adler" in speaker_name(result, q) for q in direct)


def test_pronoun_speaker_in_the_next_paragraph(statements):
    result, quotes = statements(
        "Senator Jane Miller arrived in Kyiv on Monday for talks with the government.\n\n"
        '"We stand with you for as long as it takes," she said at a press conference.'
    )
    q = only(quotes)
    assert "Miller" in speaker_name(result, q)
    assert q.speaker_mention.text == "she"


def test_relayed_quote_names_the_agency_as_channel_and_is_hedged(statements):
    result, quotes = statements(
        'The TASS news agency quoted Sergei Lavrov as saying: "The door to talks remains open."'
    )
    q = only(quotes)
    assert q.kind == "direct"
    assert "Lavrov" in speaker_name(result, q)
    assert any("TASS" in v for v in q.via)
    assert q.hedged


# --- reported speech --------------------------------------------------------------------------


def test_said_that(statements):
    result, quotes = statements("Defence Minister Omar Khalil said that the talks had failed.")
    q = only(quotes)
    assert q.kind == "indirect"
    assert q.text == "that the talks had failed"
    assert "Khalil" in speaker_name(result, q)
    assert q.cue.lemma == "say"


def test_told_reporters_without_that(statements):
    result, quotes = statements(
        "Trade Commissioner Elsa Lind told reporters the agreement was close to completion."
    )
    q = only(quotes)
    assert q.kind == "indirect"
    assert q.text == "the agreement was close to completion"
    assert "Lind" in speaker_name(result, q)


@pytest.mark.parametrize("verb", ["warned", "claimed", "denied"])
def test_other_speech_verbs(statements, verb):
    result, quotes = statements(
        f"Opposition leader Maria Costa {verb} that the election had been rigged."
    )
    q = only(quotes)
    assert q.text == "that the election had been rigged"
    assert q.cue.text == verb
    assert "Costa" in speaker_name(result, q)


def test_according_to_a_person(statements):
    result, quotes = statements(
        "According to General Pavel Novak, the troops will withdraw from the border by Friday."
    )
    q = only(quotes)
    assert q.text == "the troops will withdraw from the border by Friday"
    assert q.cue.text == "According to"
    assert "Novak" in speaker_name(result, q)
    assert not q.hedged


def test_according_to_a_report_is_hedged_and_the_report_speaks(statements):
    # PARC style: the report is the source; it is second-hand, so hedged.
    result, quotes = statements(
        "The army lost two helicopters in the attack, according to a report in a local paper."
    )
    q = only(quotes)
    # the report is the source, kept as the speaker's words; a document is no actor
    assert "report" in q.speaker_mention.text and q.speaker is None
    assert q.via == []
    assert q.hedged


def test_nominal_claim(statements):
    result, quotes = statements(
        "Governor Ben Harlow's claim that the vote was rigged drew sharp criticism."
    )
    q = only(quotes)
    assert q.text == "that the vote was rigged"
    assert q.cue.text == "claim"
    assert "Harlow" in speaker_name(result, q)


def test_reporter_of_a_statement_becomes_the_channel(statements):
    result, quotes = statements(
        "Reuters reported that Finance Minister Ivan Petrov said the budget would be cut."
    )
    q = only(quotes)
    assert "Petrov" in speaker_name(result, q)
    assert any("Reuters" in v for v in q.via)
    assert q.hedged


def test_reportedly_hedges_a_statement(statements):
    result, quotes = statements(
        "President Clara Weiss reportedly told aides that she would not seek a second term."
    )
    q = only(quotes)
    assert "Weiss" in speaker_name(result, q)
    assert q.hedged


def test_interview_channel_is_not_a_hedge(statements):
    result, quotes = statements(
        "In an interview with the BBC, Foreign Minister Sara Lund said the sanctions would stay."
    )
    q = only(quotes)
    assert "Lund" in speaker_name(result, q)
    assert any("BBC" in v for v in q.via)


# --- mixed quotes -----------------------------------------------------------------------------


def test_mixed_quote_as_description(statements):
    result, quotes = statements(
        "Chancellor Otto Brandt described the engineer as 'absolutely crazy about Mars'."
    )
    q = only(quotes)
    assert q.kind == "mixed"
    assert q.text == "the engineer as 'absolutely crazy about Mars'"
    assert "Brandt" in speaker_name(result, q)


def test_quoted_fragment_inside_reported_speech(statements):
    result, quotes = statements(
        'Health Minister Rita Sousa said the new rules were "a step in the right direction".'
    )
    q = only(quotes)
    assert q.kind == "mixed"
    assert q.text == 'the new rules were "a step in the right direction"'


# --- speakers the actors stage did not give ------------------------------------------------


def _actor(result: Result, quote: Quote):
    return next(a for a in result.actors if a.id == quote.speaker)


def test_description_speaker_becomes_an_actor(statements):
    result, quotes = statements(
        'The water plant closed on Tuesday. "We expect to reopen within a week," '
        "a spokesperson for the operator said."
    )
    q = only(quotes)
    actor = _actor(result, q)
    assert actor.name == "spokesperson"
    assert any(m.start == q.speaker_mention.start for m in actor.mentions)
    assert len({a.id for a in result.actors}) == len(result.actors)


def test_report_as_speaker_is_kept_but_is_no_actor(statements):
    result, quotes = statements(
        "The inspection report says that the dam walls show no cracks after the storm."
    )
    q = only(quotes)
    assert q.text == "that the dam walls show no cracks after the storm"
    assert "report" in q.speaker_mention.text
    assert not [a for a in result.actors if "report" in a.name]


def test_resolved_pronoun_is_a_mention_of_the_speaker(statements):
    result, quotes = statements(
        "Engineer Lotte Faber inspected the bridge on Sunday. "
        "She said the cables had rusted through."
    )
    q = only(quotes)
    actor = _actor(result, q)
    assert "Faber" in actor.name
    assert any(m.text == "She" and m.start == q.speaker_mention.start for m in actor.mentions)


def test_name_ends_before_a_capitalised_verb(statements):
    result, quotes = statements(
        'Matthias Oberholzer Writing for a farming weekly, the columnist said "the harvest is '
        'the worst in decades."'
    )
    assert not [a for a in result.actors if "Writing" in a.name]


def test_name_behind_a_coordinated_title(statements):
    result, quotes = statements(
        'Regional historian and author Tomas Lindqvist commented, "The harbour has never '
        'looked like this."'
    )
    q = only(quotes)
    assert speaker_name(result, q) == "Tomas Lindqvist"
    assert q.speaker_mention.text == "Tomas Lindqvist"


def test_statement_given_in_a_statement_to_a_paper(statements):
    result, quotes = statements(
        "Dana Whitcombe, a spokeswoman for the county water board, told the Herald in a "
        "statement that the plant was being inspected."
    )
    q = only(quotes)
    assert q.text == "that the plant was being inspected"
    assert speaker_name(result, q) == "Dana Whitcombe"
    assert q.cue.text == "told"


def test_issued_statement_speaks_for_its_issuer(statements):
    result, quotes = statements("The mayor issued a statement that the bridge would reopen.")
    q = only(quotes)
    assert speaker_name(result, q) == "mayor"


def test_own_subject_wins_over_quoted_group(statements):
    result, quotes = statements(
        "The paper quoted residents like fisherman Arne Holt and teacher Mina Sorensen, with "
        'Sorensen stating: "We were never asked about the new quay."'
    )
    q = only(quotes, "direct")
    assert "Sorensen" in speaker_name(result, q)
    assert q.via == ["The paper"] or q.via == ["paper"]


def test_in_the_words_of(statements):
    result, quotes = statements(
        "The farm flooded twice, and in the words of the county engineer, Paula Verhoeven, "
        '"nobody planned for a river this high."'
    )
    q = only(quotes)
    assert q.kind == "direct"
    assert q.cue.text == "in the words of"
    assert speaker_name(result, q) == "Paula Verhoeven"
    assert q.speaker_mention.text == "Paula Verhoeven"


def test_view_reported_by_a_medium(statements):
    result, quotes = statements(
        "According to local radio, Okonkwo also believes the bridge may have been closed on "
        "purpose."
    )
    q = only(quotes)
    assert speaker_name(result, q) == "Okonkwo"
    assert q.via == ["local radio"] and q.hedged


def test_quote_after_an_introductory_phrase_is_direct(statements):
    result, quotes = statements(
        'By this time, "the river had broken through the second wall and the village was '
        'empty", according to the regional paper.'
    )
    q = only(quotes)
    assert q.kind == "direct"
    assert q.text.startswith("the river had broken") and q.text.endswith("was empty")
    assert speaker_name(result, q) == "regional paper"


@pytest.mark.parametrize(
    ("text", "content_start"),
    [
        (
            'The blogger wrote that "Spurred on by the leaked memo, a new campaign is spreading '
            'across the city. A revolt against the council."',
            'that "Spurred',
        ),
        (
            "Porter asserted that council officials, \"... misled the inspector with a long "
            "story, describing me as the 'enemy' of the town.\"",
            "that council officials",
        ),
    ],
)
def test_reported_words_before_a_long_quotation_make_it_mixed(statements, text, content_start):
    _, quotes = statements(text)
    q = only(quotes)
    assert q.kind == "mixed"
    assert q.text.startswith(content_start) and q.text.endswith('"')


def test_participle_cue_speaks_for_its_noun(statements):
    result, quotes = statements(
        'Visitors found only a notice stating, "The museum is closed until further notice."'
    )
    q = only(quotes)
    assert q.kind == "direct" and speaker_name(result, q) == "notice"


def test_short_first_person_floating_quote(statements):
    result, quotes = statements('"I thought it was magical," Allton said. "I kicked them around."')
    assert [q.text for q in quotes] == ["I thought it was magical", "I kicked them around."]
    assert all(speaker_name(result, q) == "Allton" for q in quotes)


def test_reasoned_is_a_cue(statements):
    result, quotes = statements(
        'The city reasoned, "because the parents pay a fee, this kind of school is a business."'
    )
    q = only(quotes)
    assert q.cue.text == "reasoned" and speaker_name(result, q) == "city"


def test_definite_thing_is_not_the_last_person(statements):
    result, quotes = statements(
        "Mayor Jan Kos met the builders on Monday. The request says that the road must close."
    )
    q = only(quotes)
    assert speaker_name(result, q) == "request"


def test_opening_mark_typed_against_the_comma(statements):
    result, quotes = statements(
        'Wilkins said," [Harlan] liked the way the old cameras looked". She smiled.'
    )
    q = only(quotes)
    assert q.kind == "direct"
    assert q.text == "[Harlan] liked the way the old cameras looked"
    assert speaker_name(result, q) == "Wilkins"


def test_quote_sentence_after_a_reported_clause(statements):
    result, quotes = statements(
        'The mayor also said kits would be given to schools," For example, schools can hold '
        'their own votes." The vote starts in May.'
    )
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "kits would be given to schools"),
        ("direct", "For example, schools can hold their own votes."),
    ]
    assert all(speaker_name(result, q) == "mayor" for q in quotes)


def test_quote_after_a_sentence_about_speaking(statements):
    result, quotes = statements(
        '"We will appeal," the mayor said. Not everyone agreed. Senator Ann Reyes issued a '
        'statement on the ruling. "Like many voters, I am disappointed with the decision."'
    )
    assert [speaker_name(result, q) for q in quotes] == ["mayor", "Ann Reyes"]
    assert quotes[1].cue is None


def test_according_to_takes_the_clause_it_modifies(statements):
    result, quotes = statements(
        "Storm hits coast Monday, March 2, 2020 The town of Bergen on the coast According to "
        "the police over 30 homes have been damaged in the storm."
    )
    q = only(quotes)
    assert q.text == "over 30 homes have been damaged in the storm"
    assert speaker_name(result, q) == "police"


def test_misparsed_clause_before_the_cue_is_left_out(statements):
    result, quotes = statements(
        "The strikes began on March 3 and Norway says the strikes will continue."
    )
    q = only(quotes)
    assert q.text == "the strikes will continue"
    assert speaker_name(result, q) == "Norway"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("„We will not give up“, said Chancellor Otto Brandt.", "We will not give up"),
        ("Tanaka said 「we are ready to negotiate with anyone」.", "we are ready to negotiate"),
        ("The envoy said: «The border stays open». Then he left.", "The border stays open"),
    ],
)
def test_other_quotation_marks(statements, text, quote):
    _, quotes = statements(text)
    q = only(quotes)
    assert q.kind == "direct" and q.text.startswith(quote)


def test_quote_resumed_after_a_dash(statements):
    result, quotes = statements(
        "Health Minister Rita Sousa spoke in Lisbon. "
        "“The plan,” she said — pausing for a moment — “is dead.”"
    )
    assert [q.text for q in quotes] == ["The plan", "is dead."]
    assert all("Sousa" in speaker_name(result, q) for q in quotes)


def test_wire_dateline_is_neither_caption_nor_speaker(statements):
    result, quotes = statements(
        "WASHINGTON (Reuters) - The White House on Tuesday rejected the plan, saying it would "
        '"embolden Moscow at the worst possible moment."'
    )
    q = only(quotes)
    assert q.kind == "mixed"
    assert speaker_name(result, q) == "White House"


def test_fragment_quoted_before_according_to_joins_the_verb(statements):
    result, quotes = statements(
        'Spokesman Dmitry Peskov said Washington was "finally seeing reason," according to the '
        "Interfax news agency."
    )
    q = only(quotes)
    assert q.kind == "mixed" and q.text.endswith('reason,"')
    assert speaker_name(result, q) == "Dmitry Peskov"
    assert q.via == ["Interfax news agency"] and q.hedged


def test_appositive_party_is_not_the_speaker_mention(statements):
    result, quotes = statements(
        "Senate Majority Leader Tom Adler, a Republican from Kansas, said he was disappointed."
    )
    q = only(quotes)
    assert speaker_name(result, q) == "Tom Adler"
    assert "Tom Adler" in q.speaker_mention.text


def test_named_modifier_owns_a_proposal(statements):
    result, quotes = statements(
        "The White House on Tuesday rejected a Senate proposal to cut military aid to Ukraine."
    )
    q = only(quotes)
    assert q.text == "to cut military aid to Ukraine"
    assert speaker_name(result, q) == "Senate"


def test_short_quote_right_after_an_attributed_one(statements):
    result, quotes = statements(
        '"We ask the international community to act now," Haddad said. "Every hour counts."'
    )
    assert [q.text for q in quotes][-1] == "Every hour counts."
    assert speaker_name(result, quotes[-1]) == "Haddad"


def test_possessive_office_becomes_an_actor_named_after_its_owner(statements):
    result, quotes = statements(
        "Prime Minister Youssef Haddad visited the hospital. His office said 12 people had "
        "been killed in the strikes."
    )
    q = only(quotes)
    assert speaker_name(result, q) == "Youssef Haddad's office"
    assert q.speaker_mention.text == "His office"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "According to a statement from the foreign ministry, the minister also invited "
            "Putin to visit Beijing in the autumn.",
            "foreign ministry",
        ),
        (
            "According to a transcript released by the Kremlin, Putin called the talks useful.",
            "Kremlin",
        ),
    ],
)
def test_according_to_a_document_names_its_issuer(statements, text, speaker):
    result, quotes = statements(text)
    q = only(quotes)
    assert q.kind == "indirect"
    assert speaker_name(result, q) == speaker
    assert not q.hedged


def test_headline_quote_with_inverted_cue(statements):
    result, quotes = statements(
        "'We will rebuild every school', vows Kenyan president after floods\n\n"
        "President Samuel Otieno spoke on Monday."
    )
    q = next(q for q in quotes if q.kind == "direct")
    assert q.text == "We will rebuild every school"
    assert q.cue.text == "vows"
    assert "president" in speaker_name(result, q)


def test_colon_paragraph_introduces_the_quotation_below(statements):
    result, quotes = statements(
        "The health minister, Grace Wanjiru, warned of cholera. She said:\n\n"
        '"The water is not safe. Boil it before you drink it."'
    )
    q = only(quotes, "direct")
    assert speaker_name(result, q) == "Grace Wanjiru"
    assert q.cue.text == "said"


# --- not statements ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The actress won praise for her role in the film "The Long Road Home" last year.',
        'Critics say the so-called "reform" has changed little for farmers in the south.',
        'Protesters hold a banner reading "Stop the war" in Belgrade (Photo: Reuters)',
    ],
)
def test_titles_scare_quotes_and_captions_are_not_quotes(statements, text):
    _, quotes = statements(text)
    assert not [q for q in quotes if q.kind == "direct"]


# --- the sample article -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def putin_musk() -> Result:
    (result,) = analyse_paths([SAMPLES / "putin-musk-scraped.txt"])
    _check_spans(result)
    return result


def _quote_containing(result: Result, words: str) -> Quote:
    found = [q for q in result.quotes if words in q.text]
    assert found, words
    return found[0]


def test_sample_tass_quote(putin_musk):
    q = _quote_containing(putin_musk, "Musk is a person who sets himself enormous goals")
    assert q.kind == "direct"
    assert "Putin" in speaker_name(putin_musk, q)
    assert q.via == ["TASS"] and q.hedged


def test_sample_pronoun_speaker(putin_musk):
    q = _quote_containing(putin_musk, "He reminds me of our great designers")
    assert q.kind == "direct"
    assert "Putin" in speaker_name(putin_musk, q)
    assert q.speaker_mention.text == "he"
    assert q.cue.lemma == "say"


def test_sample_mixed_praise_through_tass(putin_musk):
    q = _quote_containing(putin_musk, "changed the way humanity thinks about space")
    assert q.kind == "mixed"
    assert "Putin" in speaker_name(putin_musk, q)
    assert "TASS" in q.via and q.hedged


def test_sample_according_to_the_kremlin_is_a_channel(putin_musk):
    q = _quote_containing(putin_musk, "outstanding person")
    assert q.kind == "mixed"
    assert "Putin" in speaker_name(putin_musk, q)
    assert any("Kremlin" in v for v in q.via) and q.hedged


def test_sample_reportedly_and_description_speaker(putin_musk):
    q = _quote_containing(putin_musk, "Russia should learn from the SpaceX founder")
    assert "Putin" in speaker_name(putin_musk, q)
    assert q.speaker_mention.text == "The Kremlin leader"
    assert q.hedged


def test_sample_other_speakers(putin_musk):
    expected = {
        "There is nothing more to it than that": "Peskov",
        "Come to Ukraine and you will see": "Zelensky",
        "It is a warning sign": "Whitfield",
        "The Kremlin is speaking to an audience": "Voronin",
    }
    for words, name in expected.items():
        q = _quote_containing(putin_musk, words)
        assert q.kind == "direct"
        assert name in speaker_name(putin_musk, q), words
        assert not q.hedged and not q.via


def test_the_statement_speaks_for_its_issuer(statements):
    result, quotes = statements(
        "Two soldiers were killed in a crash in Afghanistan, the US military said in a "
        'statement on Wednesday. "The cause of the crash is under investigation," the '
        "statement said.")
    said = [q for q in quotes if q.speaker_mention and q.speaker_mention.text == "the statement"]
    assert len(said) == 1 and speaker_name(result, said[0]) == "US military"
    # the document is no mention of the military
    military = next(a for a in result.actors if a.name == "US military")
    assert all("statement" not in m.text for m in military.mentions)
