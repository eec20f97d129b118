"""Plain-text cleaning of scraped page dumps: the story stays, the furniture goes with a reason.

The dumps below were written for these tests in the shapes that crude scrapers and Common Crawl
WET records give (one visible block per line); the publishers and events are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest.clean import clean_text

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def reasons(result) -> dict[str, str]:
    return {item.text: item.reason for item in result.removed}


def assert_nothing_lost(dump: str, result) -> None:
    """Every non-blank input line is in the clean text or reported as removed."""
    removed = {item.text for item in result.removed}
    for line in dump.splitlines():
        line = " ".join(line.split())
        if line:
            assert line in result.text or line in removed, line


def assert_story_kept(story: list[str], result) -> None:
    paragraphs = result.text.split("\n\n")
    for paragraph in story:
        assert paragraph in paragraphs, paragraph
    assert len(paragraphs) == len(story), paragraphs


# --- a wire-service page ---------------------------------------------------------------------

WIRE_STORY = [
    "LISBON, Portugal (NWS) — Portugal's parliament on Tuesday approved a plan to cut "
    "income tax for workers under 35, handing Prime Minister Luís Montenegro a narrow victory "
    "after two weeks of tense negotiations with opposition parties.",
    "The measure passed by 116 votes to 112, with the Socialist Party abstaining. Finance "
    "Minister Joaquim Miranda Sarmento told lawmakers the cut would keep young graduates from "
    'leaving the country. "We are losing a generation to Paris and London," he said.',
    "Opposition leaders said the plan would cost the treasury about 1 billion euros a year "
    "and accused the government of favouring the middle class over pensioners.",
    "The European Commission has warned Lisbon to keep its budget surplus, and economists at "
    "the central bank said on Monday that growth was likely to slow next year.",
    "The law now goes to President Marcelo Rebelo de Sousa, who has 20 days to sign or veto it.",
]

WIRE_DUMP = f"""Northfield Wire Service
Menu
World
Business
Markets
Sign in
Portugal's parliament approves tax cut for young workers
By Ana Ribeiro and Tom Whitcombe
Updated 3 hours ago
{WIRE_STORY[0]}
{WIRE_STORY[1]}
Lawmakers vote in the Assembly of the Republic in Lisbon on Tuesday.
(NWS Photo/Carlos Dias)
Advertisement
{WIRE_STORY[2]}
Related:
Spain's budget talks stall as coalition partners quarrel
Greek unemployment falls to a 15-year low
{WIRE_STORY[3]}
{WIRE_STORY[4]}
Share
Tweet
Email
Copyright 2025 Northfield Wire Service. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
"""  # noqa: E501


def test_wire_page_keeps_story_and_reports_furniture() -> None:
    result = clean_text(WIRE_DUMP)
    assert_story_kept(WIRE_STORY, result)
    assert_nothing_lost(WIRE_DUMP, result)
    cut = reasons(result)
    assert cut["By Ana Ribeiro and Tom Whitcombe"] == "byline"
    assert cut["Updated 3 hours ago"] == "timestamp"
    assert cut["(NWS Photo/Carlos Dias)"] == "photo credit"
    assert cut["Lawmakers vote in the Assembly of the Republic in Lisbon on Tuesday."] == "caption"
    assert cut["Advertisement"] == "advertisement"
    assert cut["Spain's budget talks stall as coalition partners quarrel"] == "related links"
    assert cut["Tweet"] == "share line"
    assert cut["Menu"] == "navigation"
    assert "footer" in cut[next(text for text in cut if text.startswith("Copyright 2025"))]
    assert result.title == "Portugal's parliament approves tax cut for young workers"


# --- a magazine blog with a cookie banner, newsletter box and comments ------------------------

BLOG_STORY = [
    "When the regional water authority announced last spring that it would raise prices for "
    "the first time in a decade, few residents of the valley paid much attention.",
    "That changed in August, when the first bills arrived. Some households saw their monthly "
    "charges double, and the authority's offices were flooded with complaints.",
    "Maria Kowalczyk, who runs a small bakery on the main square, said her bill had gone from "
    '90 to 210 euros. "I understand that pipes cost money, but nobody explained anything to us," '
    "she said.",
    "The authority's director, Pieter Van Damme, said the increase paid for repairs that had "
    "been postponed for years, and that a discount for small businesses was being considered.",
]

BLOG_DUMP = f"""We use cookies to give you the best experience on our website and to show you personalised advertising. By clicking Accept, you consent to our use of cookies.
Accept all
Manage preferences
The Valley Review
Home | Politics | Environment | Culture | Contact
Why the valley's water bills doubled this summer
Posted on 14 September 2025 by Jonas Berg
{BLOG_STORY[0]}
{BLOG_STORY[1]}
Get our weekly newsletter
Sign up to receive the best of The Valley Review in your inbox every Friday.
Your email address
Subscribe
{BLOG_STORY[2]}
{BLOG_STORY[3]}
Tags: water, prices, local government
Share this:
Facebook
WhatsApp
12 Comments
karel_h says:
14 September 2025 at 18:02
Nobody in this town reads the notices they send, that is the real problem.
Reply
anna.m says:
14 September 2025 at 19:40
Our bill went up too, and the water still tastes of chlorine.
Reply
Leave a Reply
© 2025 The Valley Review
"""  # noqa: E501


def test_blog_page_cuts_cookie_notice_newsletter_and_comments() -> None:
    result = clean_text(BLOG_DUMP)
    assert_story_kept(BLOG_STORY, result)
    assert_nothing_lost(BLOG_DUMP, result)
    cut = reasons(result)
    assert cut[BLOG_DUMP.splitlines()[0]] == "cookie notice"
    assert cut["Accept all"] in ("cookie notice", "footer")
    assert cut["Sign up to receive the best of The Valley Review in your inbox every Friday."] == (
        "newsletter prompt"
    )
    assert cut["Your email address"] == "newsletter prompt"
    assert cut["Posted on 14 September 2025 by Jonas Berg"] == "timestamp"
    assert cut["Nobody in this town reads the notices they send, that is the real problem."] == (
        "comments"
    )
    assert cut["Facebook"] == "share line"
    assert result.title == "Why the valley's water bills doubled this summer"


# --- a broadcaster page: image labels, "More on this story", top stories ---------------------

BROADCAST_STORY = [
    "Heavy rain has forced the evacuation of more than 3,000 people in northern Italy, where "
    "rivers burst their banks overnight in the Emilia-Romagna region.",
    "The regional civil protection agency said two people were missing after their car was "
    "swept away near the town of Faenza. Rescue teams were searching the area by helicopter.",
    'Regional president Michele de Pascale called the situation "extremely serious" and asked '
    "the government in Rome to declare a state of emergency.",
    "The same area was hit by deadly floods in May 2023, when 17 people died and tens of "
    "thousands were forced from their homes.",
]

BROADCAST_DUMP = f"""Skip to content
Accessibility Help
Your account
News
Sport
Weather
Italy floods: thousands evacuated as rivers burst banks
2 hours ago
Image source, Getty Images
Image caption, Firefighters use a boat to reach residents of a flooded street in Faenza
{BROADCAST_STORY[0]}
{BROADCAST_STORY[1]}
Watch: Drone footage shows flooded farmland
{BROADCAST_STORY[2]}
{BROADCAST_STORY[3]}
More on this story
Why are floods in Europe getting worse?
Italy's flood defences 'decades out of date'
Top stories
Storm warning issued for southern France
Live
Election results as they come in
Terms of Use
About the BBC
Privacy Policy
Cookies
"""


def test_broadcaster_page_cuts_image_labels_and_story_lists() -> None:
    result = clean_text(BROADCAST_DUMP)
    assert_story_kept(BROADCAST_STORY, result)
    assert_nothing_lost(BROADCAST_DUMP, result)
    cut = reasons(result)
    assert cut["Image source, Getty Images"] == "photo credit"
    assert cut["Watch: Drone footage shows flooded farmland"] == "related links"
    assert cut["Why are floods in Europe getting worse?"] == "related links"
    assert cut["Storm warning issued for southern France"] == "related links"
    assert cut["Skip to content"] == "navigation"
    assert cut["Privacy Policy"] == "footer"
    assert result.title == "Italy floods: thousands evacuated as rivers burst banks"


# --- the project's sample dump ---------------------------------------------------------------


@pytest.fixture(scope="module")
def putin_dump() -> str:
    return (SAMPLES / "putin-musk-scraped.txt").read_text(encoding="utf-8")


def test_sample_dump_cleans(putin_dump: str) -> None:
    result = clean_text(putin_dump)
    assert result.published == "2025-03-14"
    assert result.title == (
        "Putin praises Elon Musk as a 'visionary' as Kremlin courts Trump's inner circle"
    )
    assert_nothing_lost(putin_dump, result)
    cut = reasons(result)
    for line in (
        "Your support helps us tell the whole story",
        "Readers like you make that possible. Every contribution, large or small, keeps our "
        "newsroom independent.",
        "Support Now",
    ):
        assert cut[line] == "donation appeal"
    assert cut["Vladimir Putin speaks during a meeting at the Kremlin in Moscow"] == "caption"
    assert cut["( POOL/AFP via Getty Images )"] == "photo credit"
    assert cut["( Getty Images )"] == "photo credit"
    assert cut["open image in gallery"] == "media prompt"
    assert cut["Share on Facebook"] == "share line"
    assert cut["Copy link"] == "share line"
    assert cut["Email address"] == "newsletter prompt"
    assert cut["Read more: Kremlin says no date set for talks with Washington on Ukraine"] == (
        "related links"
    )
    assert cut["Scientists record warmest February on record for the Arctic"] == "related links"
    assert cut["© 2025 The Morning Ledger Ltd. All rights reserved."] == "footer"
    # Every story paragraph of the dump is kept, in order, as its own paragraph.
    lines = putin_dump.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("Russian President")))
    last = lines.index(next(line for line in lines if line.startswith("Putin, who has led")))
    furniture_in_story = (
        "Your support",
        "Our reporters",
        "Readers like you",
        "Support Now",
        "Sign up",
        "Email address",
        "I would like to be emailed",
        "Read more:",
        "Ukrainian soldiers use a Starlink",
        "( Getty Images )",
        "open image in gallery",
    )
    story = [line for line in lines[first : last + 1] if not line.startswith(furniture_in_story)]
    assert len(story) == 21
    assert result.text.split("\n\n") == story


def test_clean_text_without_furniture_is_unchanged() -> None:
    text = "\n\n".join(WIRE_STORY)
    result = clean_text(text)
    assert result.text == text
    assert result.removed == []


def test_paragraph_whitespace_is_normalised_and_wrapped_lines_joined() -> None:
    text = (
        "The council met on Monday   and voted to close the old bridge to traffic\n"
        "while engineers inspect its foundations, the mayor said.\n\n"
        "Repairs are expected to take\tat least six months and cost 4 million euros, "
        "according to a report published by the city."
    )
    result = clean_text(text)
    assert result.text.split("\n\n") == [
        "The council met on Monday and voted to close the old bridge to traffic while engineers "
        "inspect its foundations, the mayor said.",
        "Repairs are expected to take at least six months and cost 4 million euros, according "
        "to a report published by the city.",
    ]


def test_empty_and_blank_input() -> None:
    assert clean_text("").text == ""
    assert clean_text("   \n\n  ").removed == []


def test_text_without_prose_is_kept_rather_than_emptied() -> None:
    result = clean_text("Home\nJapan and India sign a defence pact\nShare on Facebook\n")
    assert result.text == "Japan and India sign a defence pact"
    assert [(item.text, item.reason) for item in result.removed] == [
        ("Home", "navigation"),
        ("Share on Facebook", "share line"),
    ]


# --- a cruder dump: many blocks glued into one line ------------------------------------------

# Some scrapers keep line breaks only at paragraphs, so the menu runs into the first paragraph,
# a caption and its credit into the next, and the "Most read" list into the last one.
GLUED_STORY = [
    "Harbour pilots in the port of Valdera walked off the job on Thursday, leaving a dozen "
    "container ships waiting at anchor outside the breakwater.",
    "The pilots' union said its members had worked without a contract for eighteen months. "
    '"Nobody takes a ship through that channel for free," said union secretary Ilse Marrow. '
    "The port authority said it would ask a labour court to order the pilots back to work.",
    "Shipping agents said the delays could cost importers several million dollars a day, and "
    "two supermarket chains warned of gaps on their shelves by the weekend.",
    "Talks between the two sides are due to resume on Monday at the regional labour office.",
]
GLUED_DUMP = (
    "Coastline Daily\n"
    "Skip to contentHomeNewsBusinessSportOpinionCultureWeatherPodcastsSign inSubscribe "
    "Home Local News Business Shipping Markets Jobs Property Obituaries Events Contact "
    f"{GLUED_STORY[0]}\n"
    "Tugboats idle near the container terminal on Thursday afternoon. "
    f"(Photo: Rui Santos/Coastline) {GLUED_STORY[1]}\n"
    f"{GLUED_STORY[2]}\n"
    f"{GLUED_STORY[3]} Most Read Ferry timetable changes for the winter season Council "
    "approves new cycle lanes on Quay Street Local bakery wins regional bread award Fishing "
    "quotas cut again for northern fleet Schools reopen after storm repairs Night market "
    "returns to the old fish hall Weekend road closures around the stadium Bridge repairs "
    "delayed until spring Library extends opening hours Airport adds new summer routes\n"
    "About usContactAdvertisePrivacy policyTerms of use© 2026 Coastline Media\n"
)


def assert_pieces_accounted(dump: str, result) -> None:
    """Every word of every input line is in a kept paragraph or in a reported piece."""
    pieces = sorted([*result.text.split("\n\n"), *(item.text for item in result.removed)], key=len)
    for line in dump.splitlines():
        rest = " ".join(line.split())
        for piece in reversed(pieces):
            if piece:
                rest = rest.replace(piece, " ")
        assert not rest.strip(), rest


def test_glued_dump_keeps_story_and_cuts_the_furniture_glued_to_it() -> None:
    result = clean_text(GLUED_DUMP)
    assert result.text.split("\n\n") == GLUED_STORY
    assert_pieces_accounted(GLUED_DUMP, result)
    cut = reasons(result)
    assert cut["Tugboats idle near the container terminal on Thursday afternoon."] == "caption"
    assert cut["(Photo: Rui Santos/Coastline)"] == "photo credit"
    menu = [text for text in cut if "Obituaries" in text]
    assert menu and all(cut[text] for text in menu)
    most_read = [text for text in cut if text.startswith("Most Read")]
    assert most_read and cut[most_read[0]] == "related links"


def test_glued_words_inside_a_long_story_paragraph_stay_whole() -> None:
    paragraph = (
        "The video was posted on YouTube by Mr. Okafor, a former McDonald's manager who now "
        "runs a small bakery in the old town, and it was watched more than two million times "
        "in a week. He said on Tuesday that he had not expected the attention. The city's "
        "tourism office said visitor numbers at the bakery's street had doubled since then."
    )
    result = clean_text(f"{paragraph}\n\n{WIRE_STORY[2]}")
    assert result.text.split("\n\n") == [paragraph, WIRE_STORY[2]]
    assert result.removed == []


def test_run_of_headlines_glued_after_the_story_is_cut() -> None:
    headlines = (
        "Bus drivers vote on new rota Two hurt in motorway crash near the airport Record "
        "crowd for the harbour regatta Museum reopens its maritime wing Fire crews tackle "
        "blaze at old warehouse Hospital parking fees to rise in spring New ferry named "
        "after local lifeboat crew Market traders protest over rents Roadworks close the "
        "coast road for a week Students win national robotics prize"
    )
    dump = "\n".join([*WIRE_STORY[:-1], f"{WIRE_STORY[-1]} {headlines}"])
    result = clean_text(dump)
    assert result.text.split("\n\n") == WIRE_STORY
    assert reasons(result)[headlines]
    assert_pieces_accounted(dump, result)


def test_truncated_excerpts_after_the_story_are_teasers() -> None:
    teasers = [
        "Deal of the week: a robot vacuum for half price The cleaning gadget that maps your "
        "flat now costs less than a week of groceries, and shoppers have until Sunday to...",
        "Best budget headphones tested by our editors We spent a month with twelve pairs of "
        "wireless earbuds on trains, in gyms and at our desks to find out which ones…",
    ]
    dump = "\n".join([*WIRE_STORY, *teasers])
    result = clean_text(dump)
    assert result.text.split("\n\n") == WIRE_STORY
    assert all(reasons(result)[teaser] == "related links" for teaser in teasers)
