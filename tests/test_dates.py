"""Date expressions resolved against the publication date, and their scope in a document."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.extract.dates import DateScope, DateValue, parse_published, resolve

FRIDAY = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "value", "basis"),
    [
        ("In 2023", "2023", "explicit"),
        ("in September 2022", "2022-09", "explicit"),
        ("on 3 February 2024", "2024-02-03", "explicit"),
        ("on February 3, 2024", "2024-02-03", "explicit"),
        ("2024-11-05", "2024-11-05", "explicit"),
        ("in March", "2025-03", "relative"),  # the current month counts
        ("in April", "2024-04", "relative"),  # never after the publication date
        ("last March", "2024-03", "relative"),
        ("on Tuesday", "2025-03-11", "relative"),
        ("Thursday", "2025-03-13", "relative"),
        ("on Friday", "2025-03-14", "relative"),
        ("last Friday", "2025-03-07", "relative"),
        ("next Monday", "2025-03-17", "relative"),
        ("yesterday", "2025-03-13", "relative"),
        ("last year", "2024", "relative"),
        ("last month", "2025-02", "relative"),
        ("three days ago", "2025-03-11", "relative"),
        ("two years ago", "2023", "relative"),
        ("March 2", "2025-03-02", "relative"),
        ("a decade ago", "2015", "relative"),
        ("in mid-2019", "2019", "explicit"),
        ("on Sept. 1", "2024-09-01", "relative"),  # AP's abbreviation
    ],
)
def test_resolve(text: str, value: str, basis: str) -> None:
    assert resolve(text, FRIDAY) == DateValue(value, basis)


def test_anaphoric_expressions_need_an_anchor() -> None:
    anchor = DateValue("2022-09", "explicit")
    assert resolve("the following year", FRIDAY, anchor) == DateValue("2023", "relative")
    assert resolve("at the time", FRIDAY, anchor) == anchor
    assert resolve("later that week", FRIDAY, anchor) == anchor
    assert resolve("later that year", FRIDAY, anchor) == DateValue("2022", "explicit")
    assert resolve("the following year", FRIDAY) is None
    # a count of years from a month keeps the month; "the year before" is the calendar year
    assert resolve("two years later", FRIDAY, anchor) == DateValue("2024-09", "relative")
    assert resolve("the year before", FRIDAY, anchor) == DateValue("2021", "relative")
    assert resolve("the following month", FRIDAY, anchor) == DateValue("2022-10", "relative")
    assert resolve("three days later", FRIDAY, anchor) == DateValue("2022-09", "relative")
    day = DateValue("2022-09-30", "explicit")
    assert resolve("the next day", FRIDAY, day) == DateValue("2022-10-01", "relative")
    assert resolve("a week earlier", FRIDAY, day) == DateValue("2022-09-23", "relative")


def test_a_month_named_after_a_background_frame_falls_in_its_year_or_the_next() -> None:
    year, month = DateValue("2021", "explicit"), DateValue("2023-10", "explicit")
    assert resolve("In March", FRIDAY, frame=year) == DateValue("2021-03", "relative")
    assert resolve("In November", FRIDAY, frame=month) == DateValue("2023-11", "relative")
    # "Since October 2023, cables were cut. In January, ...": the story runs on into 2024
    assert resolve("In January", FRIDAY, frame=month) == DateValue("2024-01", "relative")
    # ... unless the next year's month is still to come
    late = DateValue("2024-10", "explicit")
    assert resolve("In May", FRIDAY, frame=late) == DateValue("2024-05", "relative")


def test_unplaceable_expressions() -> None:
    assert resolve("the 1960s", FRIDAY) is None
    assert resolve("since then", FRIDAY, DateValue("2022-02", "relative")) is None  # a span
    assert resolve("for weeks", FRIDAY) is None
    assert resolve("on Tuesday", None) is None  # nothing to resolve against
    assert resolve("In 2023", None) == DateValue("2023", "explicit")


def test_parse_published() -> None:
    assert parse_published("2025-03-14") == FRIDAY
    assert parse_published("2025-03-14T10:00:00Z") == FRIDAY
    assert parse_published(None) is None and parse_published("soon") is None


def _dates(nlp, text: str, published: str | None, words: list[str]) -> list[tuple]:
    doc = nlp(text)
    scope = DateScope(doc, published)
    return [scope.date_of(next(t for t in doc if t.text == word)) for word in words]


def test_dates_scope_over_their_clause_and_paragraph(nlp) -> None:
    text = (
        "Chile thanked Peru on Monday.\n"
        "In 2021, Chile sued Peru over fishing rights. Peru rejected the claim. "
        "The court ruled for Chile the following year, records published in 2024 show.\n"
        "Peru protested."
    )
    thanked, sued, rejected, ruled, protested = _dates(
        nlp, text, "2025-05-02", ["thanked", "sued", "rejected", "ruled", "protested"])
    assert thanked == ("2025-04-28", "relative")
    assert sued == ("2021", "explicit")
    assert rejected == ("2021", "explicit")  # the paragraph's year carries over
    assert ruled == ("2022", "relative")  # "the following year" is its own clause's date
    assert protested == ("2025-05-02", "publication")  # a new paragraph starts afresh


def test_a_paragraph_that_continues_the_story_keeps_its_date(nlp) -> None:
    text = "In May 2019, Ecuador expelled an envoy.\nAt the time, Quito condemned Caracas."
    (condemned,) = _dates(nlp, text, "2025-05-02", ["condemned"])
    assert condemned == ("2019-05", "explicit")


def test_no_publication_date(nlp) -> None:
    assert _dates(nlp, "Chile thanked Peru.", None, ["thanked"]) == [(None, None)]


def test_a_paragraph_break_inside_a_parser_sentence_still_ends_the_paragraph(nlp) -> None:
    text = 'In 2019, Chile praised "the new era".\n\nBolivia thanked Peru.'
    (thanked,) = _dates(nlp, text, "2025-05-02", ["thanked"])
    assert thanked == ("2025-05-02", "publication")


def test_months_named_without_a_year() -> None:
    anchor = DateValue("2016", "explicit")
    assert resolve("in June of that year", FRIDAY, anchor) == DateValue("2016-06", "relative")
    assert resolve("in October last year", FRIDAY) == DateValue("2024-10", "relative")
    # a background passage's year, not the publication's, for a bare month or day
    assert resolve("in April", FRIDAY, None, anchor) == DateValue("2016-04", "relative")
    assert resolve("on April 9", FRIDAY, None, anchor) == DateValue("2016-04-09", "relative")
    # ... but a passage about this year keeps the usual reading
    this_year = DateValue("2025", "explicit")
    assert resolve("in April", FRIDAY, None, this_year) == DateValue("2024-04", "relative")
    assert resolve("days later", FRIDAY, DateValue("2019-05-03", "explicit")) == DateValue(
        "2019-05", "relative")
    assert resolve("months later", FRIDAY, DateValue("2019-05", "explicit")) == DateValue(
        "2019", "relative")
    assert resolve("days earlier", FRIDAY, DateValue("2019-05-03", "explicit")) == DateValue(
        "2019-05", "relative")
    assert resolve("in 2018-2019", FRIDAY) is None  # a range names no one date


def test_a_background_paragraph_dates_its_bare_months(nlp) -> None:
    text = (
        "Bolivia recalled its envoy on Monday.\n"
        "Relations soured in 2011. In July, Bolivia expelled two Chilean diplomats, "
        "and Chile sued Bolivia in September of that year.\n"
        "In 2013, Peru hosted talks in Lima in August."
    )
    expelled, sued, hosted = _dates(nlp, text, "2025-05-02", ["expelled", "sued", "hosted"])
    assert expelled == ("2011-07", "relative")
    assert sued == ("2011-09", "relative")
    assert hosted == ("2013-08", "relative")  # the more precise of two dates on one verb


def test_a_past_perfect_told_in_passing_frames_no_later_month(nlp) -> None:
    # the year of a past perfect after the sentence's start is background to the story's time
    text = ("The victim was shot dead outside a temple in Surrey on Oct. 3. He was a prominent "
            "activist and had been designated a terrorist by India in 2022. Two men were "
            "charged with his murder in January.")
    designated, charged = _dates(nlp, text, "2025-03-12", ["designated", "charged"])
    assert designated == ("2022", "explicit")
    assert charged == ("2025-01", "relative")


def test_a_holiday_names_its_day_of_the_year(nlp) -> None:
    # (the tagger calls "New Year's Day" an event, not a date)
    text = ("The row dates back to New Year's Day, when the two leaders signed a memorandum in "
            "Addis Ababa. Police raided the party's offices on Christmas Eve.")
    signed, raided = _dates(nlp, text, "2024-08-28", ["signed", "raided"])
    assert signed == ("2024-01-01", "relative")
    assert raided == ("2023-12-24", "relative")  # the last one before the news


def test_a_future_act_takes_the_next_month_or_weekday(nlp) -> None:
    text = ("Israel will evacuate the outposts in August, officials said. The talks are due to "
            "resume on Monday. Israel evacuated two outposts in August.")
    will, resume, did = _dates(nlp, text, "2025-05-02", ["evacuate", "resume", "evacuated"])
    assert will == ("2025-08", "relative")
    assert resume == ("2025-05-05", "relative")  # the coming Monday (published on a Friday)
    assert did == ("2024-08", "relative")
    assert resolve("in March", FRIDAY, ahead=True) == DateValue("2025-03", "relative")
    assert resolve("in January", FRIDAY, ahead=True) == DateValue("2026-01", "relative")


def test_a_year_named_later_does_not_frame_an_earlier_day(nlp) -> None:
    text = ("In a Nov. 5 letter, the nurses pleaded with the ministry to act, after deaths "
            "during the 2018 flu season.")
    (pleaded,) = _dates(nlp, text, "2019-11-20", ["pleaded"])
    assert pleaded == ("2019-11-05", "relative")


def test_years_after_an_act_date_it(nlp) -> None:
    text = "About 9,000 US troops remain in Iraq, 20 years after Washington invaded the country."
    (invaded,) = _dates(nlp, text, "2023-03-20", ["invaded"])
    assert invaded == ("2003", "relative")


def test_a_date_inside_a_noun_phrase_dates_the_thing_not_the_clause(nlp) -> None:
    text = "He was arrested in April for the March 21 call to the mayor's office."
    (arrested,) = _dates(nlp, text, "2019-11-19", ["arrested"])
    assert arrested == ("2019-04", "relative")


def test_the_date_of_a_wrapped_act_is_the_wrappers(nlp) -> None:
    text = "A local man pleaded guilty Monday to threatening to kill the mayor in March."
    (threatening,) = _dates(nlp, text, "2019-11-19", ["threatening"])
    assert threatening == ("2019-03", "relative")


def test_a_scheduled_date_is_ahead_and_a_describing_clause_keeps_its_date(nlp) -> None:
    (scheduled,) = _dates(nlp, "His sentencing is scheduled for Feb. 14.", "2019-11-18",
                          ["scheduled"])
    assert scheduled == ("2020-02-14", "relative")
    text = "Beijing wants Washington to remove the tariffs imposed on Sept. 1."
    (wants,) = _dates(nlp, text, "2019-11-20", ["wants"])
    assert wants == ("2019-11-20", "publication")


def test_a_year_step_keeps_the_month_and_a_month_in_the_sentence_anchors_days_later(
        nlp) -> None:
    text = ("The quarrel is old. In February 2018, Turkish warships blocked a drilling ship. "
            "A year earlier, Turkey had warned foreign companies against exploring there.\n\n"
            "This year brought a crisis. In June, Israel struck nuclear sites, and the United "
            "States bombed a plant days later.")
    warned, bombed = _dates(nlp, text, "2025-11-18", ["warned", "bombed"])
    assert warned[0] == "2017-02"
    assert bombed[0] == "2025-06"


def test_a_present_clause_is_not_framed_by_an_earlier_sentences_past_date(nlp) -> None:
    text = ("In 2014, Russia annexed Crimea from Ukraine. Kyiv has never recognised the "
            "annexation, and Ukraine still claims the peninsula. Kyiv protested at the time.")
    annexed, recognised, claims, protested = _dates(
        nlp, text, "2025-05-02", ["annexed", "recognised", "claims", "protested"])
    assert annexed == ("2014", "explicit")
    assert recognised == claims == ("2025-05-02", "publication")
    assert protested == ("2014", "explicit")  # a past clause keeps the paragraph's year


def test_a_weekday_with_its_date_is_that_date(nlp) -> None:
    (arrested,) = _dates(nlp, "Police arrested the man on Saturday, May 18, in Dallas.",
                         "2019-11-19", ["arrested"])
    assert arrested == ("2019-05-18", "relative")


def test_a_date_inside_what_a_verb_asks_is_not_the_asking_day(nlp) -> None:
    (demanded,) = _dates(nlp, "The presenter demanded how the prince could be so sure what he "
                         "was doing on the night of March 10.", "2019-11-18", ["demanded"])
    assert demanded == ("2019-11-18", "publication")


def test_a_year_before_a_thing_is_the_things_not_the_clauses(nlp) -> None:
    (reaffirmed,) = _dates(nlp, "The United States reaffirmed its commitment to defend the "
                           "Philippines under a 1951 treaty.", "2024-05-02", ["reaffirmed"])
    assert reaffirmed == ("2024-05-02", "publication")
    # nor a year before what the act is about ("blamed X for the 2017 attack")
    (blamed,) = _dates(nlp, "British officials blamed the GRU for the 2017 NotPetya attack.",
                       "2020-02-20", ["blamed"])
    assert blamed == ("2020-02-20", "publication")
    # a clause told "when" a dated thing happened is of its date
    (told,) = _dates(nlp, "He testified about a July 10 meeting at the White House when "
                     "Sondland told officials they would need to deliver.", "2019-11-20",
                     ["told"])
    assert told[0] == "2019-07-10"


def test_a_when_clause_on_a_date_happened_then() -> None:
    from eventwire.api import analyse_text

    def dates(text: str) -> dict[str, str | None]:
        result = analyse_text(text, published="2019-11-19", min_confidence=0)
        return {e.trigger.text: e.date for e in result.events}

    # the date the clause hangs on, not the one of what the doer has others do
    assert dates("But in May, when the space agency tapped three companies to send robotic "
                 "landers next year, only two committed.")["tapped"] == "2019-05"
    # a date of the clause's own is more precise
    assert dates("The case dates back to 2014, when Somalia sued Kenya in August of that "
                 "year.")["sued"] == "2014-08"


def test_a_past_act_is_not_dated_by_a_day_still_to_come(nlp) -> None:
    promised, pledged = _dates(
        nlp, "The minister promised in September to cut emissions by 2030. Last week the "
        "premier pledged that output would double by 2027.", "2024-05-02",
        ["promised", "pledged"])
    assert promised == ("2023-09", "relative")
    assert pledged[0] != "2027"


def test_a_past_act_on_a_thing_dated_in_its_description_is_of_that_time() -> None:
    from eventwire.api import analyse_text

    result = analyse_text("A fast-track scheme backed by the Danish Red Cross in September 2021 "
                          "for 3,000 refugees was rejected by Prime Minister Lars Holm.",
                          published="2023-02-23", min_confidence=0)
    [rejected] = [e for e in result.events if e.cameo.startswith("12")]
    assert rejected.date == "2021-09"
    # a present wish about a thing made on a date is of the news
    result = analyse_text("Copenhagen wants Berlin to lift the tariffs imposed on Sept. 1.",
                          published="2023-02-23", min_confidence=0)
    assert all(e.date != "2022-09-01" for e in result.events if e.cameo.startswith("1"))


def test_a_term_of_years_in_an_after_clause_dates_nothing(nlp) -> None:
    text = ("Last June, at least 16 people were killed in riots after the opposition leader "
            "was sentenced to two years in prison.")
    doc = nlp(text)
    scope = DateScope(doc, "2024-02-16")
    sentenced = next(t for t in doc if t.text == "sentenced")
    assert scope.date_of(sentenced)[0] == "2023-06"  # not two years before the news
    doc = nlp("The talks came 18 years after Washington invaded the country.")
    invaded = next(t for t in doc if t.text == "invaded")
    assert DateScope(doc, "2019-11-16").date_of(invaded)[0] == "2001"
