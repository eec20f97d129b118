"""Events of whole sentences: competing readings and separate acts, time clauses under an
accusation, people counted in a datelined story (text written for this project)."""

from eventwire.api import analyse_text


def test_separate_acts_of_one_sentence_keep_their_own_confidence():
    result = analyse_text(
        "In 2019, a car bomb that killed 12 Pakistani border guards led to Pakistani air "
        "strikes on Afghan territory.", published="2023-05-10", min_confidence=0)
    strikes = [e for e in result.events if e.trigger.text == "strikes"]
    assert strikes, [e.trigger.text for e in result.events]
    killed = [e for e in result.events if e.trigger.text == "killed"]
    # the weak reading of "killed" (a bomb as its doer) no longer caps the air strikes
    assert all(strikes[0].confidence > k.confidence for k in killed)
    assert strikes[0].confidence >= 0.15


def test_a_time_clause_under_an_accusation_is_the_occasion_not_the_charge():
    result = analyse_text(
        "ISLAMABAD - Pakistan on Monday accused Afghanistan of sheltering militants after "
        "gunmen killed 14 people near the border town of Chaman.", published="2024-03-05",
        min_confidence=0)
    killed = [e for e in result.events if e.trigger.text == "killed"]
    assert killed and not killed[0].hedged  # the killing happened; the sheltering is alleged
    sheltering = [e for e in result.events if e.trigger.text == "sheltering"]
    assert all(e.hedged for e in sheltering)
    # the people counted are civilians of the country the story is filed from
    victims = {a.id: a for a in result.actors}[killed[0].target]
    assert (victims.country, victims.sector) == ("PAK", "CVL")
