"""The prior orders only competing readings of one sentence: separate acts keep their own
confidence (text written for this project)."""

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
