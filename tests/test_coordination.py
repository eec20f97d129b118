"""The parse repair of coordinated verbs (eventwire_coordination), on sentences written here."""

from __future__ import annotations

from eventwire.api import analyse_text


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_a_past_verb_after_a_gerund_phrase_is_the_conjunct_of_the_verb_above(nlp):
    doc = nlp('Senator Mara Quill accused the firm of "lending its name to propaganda" and '
              "called on the ministry to review its contracts.")
    called = _token(doc, "called")
    assert called.dep_ == "conj" and called.head.text == "accused"
    assert _token(doc, "and").head.text == "accused"
    # so the call is the senator's own act, not part of what she accused the firm of
    result = analyse_text(doc.text, published="2024-03-05", min_confidence=0)
    names = {a.id: a.name for a in result.actors}
    calls = [e for e in result.events if e.trigger.text == "called"]
    assert calls and names[calls[0].source] == "Mara Quill"
    assert not calls[0].hedged


def test_true_conjuncts_of_a_gerund_stay(nlp):
    doc = nlp("The minister was lending support to the plan and called it fair.")
    assert _token(doc, "called").head.text in {"lending", "was"}
    doc = nlp("They accused him of taking bribes and hiding the money.")
    assert _token(doc, "hiding").head.text == "taking"


def test_a_past_tense_after_a_reported_past_perfect_and_a_comma_is_the_speakers(nlp):
    doc = nlp("Poland said a Russian missile had briefly entered its airspace, and summoned "
              "Russia's envoy.")
    summoned = next(t for t in doc if t.text == "summoned")
    assert summoned.head.text == "said"
    # without the comma, the man both entered and stabbed
    doc = nlp("Police said the man had entered the house and stabbed two people.")
    stabbed = next(t for t in doc if t.text == "stabbed")
    assert stabbed.head.text == "entered"


def test_a_base_verb_read_as_an_adjective_in_a_list_of_acts_is_a_verb(nlp):
    doc = nlp("The minister said India would suspend the treaty, close the main border crossing "
              "and expel Pakistani military advisers.")
    expel = _token(doc, "expel")
    assert (expel.pos_, expel.dep_, expel.head.text) == ("VERB", "conj", "close")
    assert _token(doc, "advisers").head.text == "expel"
    # an adjective that is also a verb stays an adjective ("free", "close")
    doc = nlp("The group wants to protect the old buildings and free public parks.")
    assert _token(doc, "free").pos_ != "VERB" or _token(doc, "free").head.text != "protect"
    result = analyse_text("The minister said India would suspend the treaty, close the main "
                          "border crossing and expel Pakistani military advisers.",
                          published="2025-04-24", min_confidence=0)
    assert not [a for a in result.actors if a.name.lower().startswith("expel")]
    assert [e.cameo for e in result.events if e.trigger.text == "expel"] == ["174"]


def test_with_after_a_medium_of_talk_is_the_verbs(nlp):
    doc = nlp("French President Emmanuel Macron spoke by phone with Ukrainian President "
              "Volodymyr Zelensky on Monday.")
    assert _token(doc, "with").head.text == "spoke"
    result = analyse_text(doc.text, published="2024-03-05", min_confidence=0)
    names = {a.id: a.name for a in result.actors}
    assert [(e.cameo, names[e.source], names[e.target]) for e in result.events] == [
        ("041", "Emmanuel Macron", "Volodymyr Zelensky")]


def test_a_that_clause_after_a_medium_of_statement_is_what_the_verb_reports(nlp):
    doc = nlp("The ministry said in a statement that Russian troops had shelled the village.")
    shelled = _token(doc, "shelled")
    assert (shelled.head.text, shelled.dep_) == ("said", "ccomp")
    # a relative clause on the statement stays its own
    doc = nlp("The ministry issued a statement that was read out on television.")
    assert _token(doc, "read").head.text == "statement"
    # a side reporting another state's fire on its own posts accuses it
    result = analyse_text("Pakistan's army said in a statement that Afghan forces had opened "
                          "fire on Pakistani border posts.", published="2024-03-05",
                          min_confidence=0)
    names = {a.id: a.name for a in result.actors}
    assert any(e.cameo == "112" and "Afghan" in names.get(e.target, "")
               for e in result.events)


def test_a_call_on_someone_read_as_a_clause_is_the_verbs_phrase_and_complement(nlp):
    # the parser reads "on Okafor to resign" as a clause whose subject is Okafor
    doc = nlp("He called on Okafor to resign and urged the auditor's office to open an inquiry.")
    on, resign = _token(doc, "on"), _token(doc, "resign")
    assert (on.dep_, on.head.text) == ("prep", "called")
    assert (_token(doc, "Okafor").dep_, _token(doc, "Okafor").head.text) == ("pobj", "on")
    assert (resign.dep_, resign.head.text) == ("xcomp", "called")
    # and the past verb after "and" is the conjunct of "called", not of the infinitive
    assert _token(doc, "urged").head.text == "called"
    result = analyse_text("The auditor found that the treasurer had moved the funds. Senator "
                          "Ruth Amadi called on the treasurer to resign and urged prosecutors to "
                          "open an inquiry.", published="2024-03-05", min_confidence=0)
    names = {a.id: a.name for a in result.actors}
    calls = [e for e in result.events if e.trigger.text == "called"]
    assert calls and calls[0].cameo_root == "02" and names[calls[0].source] == "Ruth Amadi"
