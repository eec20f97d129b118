"""Five-class event labels on realistic news sentences written for this project.

A sentence's label is that of its most confident event: 1 statement or appeal (CAMEO 01-02),
2 verbal cooperation (03-05), 3 material cooperation (06-08), 4 verbal conflict (09-13, 16),
5 material conflict (14-15, 17-20), 0 no event between actors. Each sentence is coded alone.
The coder is a dictionary-and-parse system, so the tests ask for a rate, not for every sentence.
"""

from __future__ import annotations

import pytest

from eventwire.extract import extract
from eventwire.extract.codes import five_class
from eventwire.extract.event_lexicon import lexicon
from eventwire.model import Document

# Sentences that report no act of one actor towards another (or towards the public at large).
NO_EVENT = [
    "The country's economy grew by 2.4 percent in the third quarter, the statistics office said.",
    "Temperatures in the capital are expected to reach 38 degrees Celsius on Thursday.",
    "Real Madrid beat Barcelona 3-1 on Saturday to go top of the Spanish league.",
    "The river, which runs for 1,200 kilometres, is the longest in the region.",
    "Inflation in the euro zone eased to 2.9 percent in October from 4.3 percent in September.",
    "The new bridge will be 2.5 kilometres long and is due to open in 2027.",
    "Shares in the carmaker fell 6 percent in early trading in Frankfurt.",
    "Heavy rain has flooded hundreds of homes in the north of the country since Sunday.",
    "The festival draws about 200,000 visitors to the city every summer.",
    "Oil prices rose on Tuesday as traders weighed the outlook for demand in China.",
    "The museum holds more than 3,000 works by artists from across West Africa.",
    "Unemployment fell to its lowest level in a decade last month.",
    "The ministry of health reported 1,250 new cases of cholera over the past week.",
    "The island has a population of about 400,000 people, most of whom live on the coast.",
    "The election is scheduled for March 12, and polling stations will open at 7 a.m.",
    "The company reported a net profit of $1.2 billion for the first half of the year.",
    "Snow closed several mountain passes in the Alps on Monday morning.",
    "The tournament final will be played in Doha on December 18.",
    "About 40 percent of the country's electricity comes from hydropower.",
    "The central bank kept its main interest rate unchanged at 5.25 percent.",
    "The ferry, carrying 300 passengers, arrived in port two hours late because of fog.",
    "Wheat production is forecast to fall by 8 percent this year after a dry spring.",
    "The university was founded in 1088 and is one of the oldest in Europe.",
    "The earthquake had a magnitude of 6.1 and struck at a depth of 10 kilometres.",
    "Tourist arrivals rose 12 percent in the first nine months of the year.",
    "The film won the top prize at the Cannes festival last year.",
    "Voter turnout was 61 percent, slightly lower than in the previous election.",
    "The minister, 54, studied law in Paris before entering politics.",
    "The city's metro carries about five million passengers a day.",
    "Forecasters said the storm was moving north at about 20 kilometres an hour.",
    "The prime minister is expected to announce the new budget next week.",
    "Prices of bread and cooking oil have doubled since the start of the year.",
    "The report, published on Wednesday, runs to more than 400 pages.",
    "The airline operates flights to 45 destinations in Europe and Africa.",
    "The dam holds enough water to irrigate 200,000 hectares of farmland.",
    "The national team has not won a match in its last six games.",
    "Fog and ice made driving conditions difficult across the region on Friday.",
    "The senator, who has served since 2009, is running for a third term.",
    "Exports of copper account for about 70 percent of the country's foreign earnings.",
    "The summit venue, a former palace, was renovated at a cost of $30 million.",
    # longer sentences, and sentences with event-like words or country names but no event
    "The ministry said in a statement on Sunday that the number of tourists visiting the "
    "country had risen by a fifth compared with the same period last year.",
    "Analysts said the decision by the central bank, which had been widely expected, would do "
    "little to slow inflation in the coming months.",
    "The president, who took office in 2019 after a narrow election victory, has made fighting "
    "corruption a central theme of his government.",
    "According to the World Health Organization, more than 2 million people in the region lack "
    "access to clean drinking water.",
    "The talks, which began in 2021, have so far failed to produce a lasting settlement, "
    "according to diplomats familiar with the process.",
    "Fifteen people died and dozens were injured when a bus plunged into a ravine in the "
    "mountains north of the capital, police said.",
    "The company, which employs about 12,000 people worldwide, said its revenue rose 8 percent "
    "to $3.4 billion.",
    "Rescue workers were searching for survivors on Tuesday after a powerful earthquake killed "
    "at least 40 people in the east of the country.",
    "The border region has been tense since the 1990s, when a war between the two countries "
    "left thousands dead.",
    "Last year, the country exported goods worth $45 billion, mostly oil and gas, to Europe and"
    " Asia.",
    "Brazil will host the 2027 Women's World Cup.",
    "Germany beat France 2-0 in a World Cup qualifier on Tuesday.",
    "The company said it would cut 3,000 jobs over the next two years.",
    "Russia is the world's largest exporter of wheat.",
    "The government plans to build 50,000 new homes by 2030.",
    "The opposition party won 45 percent of the vote in Sunday's election.",
    "Japan's economy shrank by 0.4 percent in the second quarter.",
    "Spain defeated England in the final to win the European Championship.",
    "The Chinese carmaker opened a new factory in Hungary last year.",
    "Nigeria is Africa's most populous country, with more than 200 million people.",
    "India launched a spacecraft to the moon on Friday.",
    "The French company agreed to buy its Italian rival for 2 billion euros.",
    "Kenya's athletes won six gold medals at the championships in Budapest.",
    "The storm killed at least 12 people and left thousands without power.",
    "Apple announced a new iPhone at an event in California on Tuesday.",
    "Turkey's lira fell to a record low against the dollar.",
    "The United States recorded its hottest summer on record.",
    "Egypt's president will attend the summit in Johannesburg next week.",
    "The Italian government approved a budget that raises spending on health.",
    "The French government has a majority of 12 seats in parliament.",
    "China's exports to the United States rose 7 percent in May.",
    "Germany's chancellor spoke for 40 minutes at the conference in Munich.",
    "The Russian rouble weakened past 100 to the dollar.",
    "Pakistan's cricket team arrived in Australia on Monday for a five-match series.",
    "The Brazilian minister was born in Sao Paulo in 1962.",
    "India's population overtook China's last year.",
    "The Nigerian army has about 230,000 active personnel.",
    "Ukrainian refugees make up a large share of the workforce in Poland.",
    "US lawmakers return from their summer recess next week.",
    "The Egyptian pound has lost half its value against the dollar since March.",
    "Turkish Airlines carried 80 million passengers last year.",
    "Saudi Aramco reported record profits for the third quarter.",
    "Australian wildfires burned more than 10 million hectares.",
    "A British tourist died after falling from a hotel balcony in Spain.",
    "The Canadian singer will perform in Paris in June.",
    "Japanese scientists developed a new battery that charges in five minutes.",
    "The Iranian film won an award at the Berlin festival.",
    "Thousands of Mexican workers cross the border into the United States every day.",
    "The Greek prime minister posted a photo of his dog on social media.",
    # political actors doing nothing to anyone
    "The government will publish its annual report next month.",
    "The president has been in office since 2015.",
    "Parliament will debate the bill on Thursday.",
    "The army has about 50,000 soldiers and 300 tanks.",
    "The government expects growth of 3 percent next year.",
    "The foreign minister is scheduled to retire in December.",
    "The Ukrainian government owns 60 percent of the company.",
    "The president celebrated his 70th birthday on Sunday.",
    "Lawmakers approved the budget by 240 votes to 190.",
    "The president signed the law on Friday.",
    "Turkey's central bank raised interest rates to 50 percent.",
    "The defence ministry announced a plan to buy 40 new fighter jets.",
    "The government launched a campaign to vaccinate children against measles.",
    "Police are searching for a man who escaped from prison on Sunday.",
    "The opposition party held its annual congress in Lagos.",
    "The Kenyan government declared three days of national mourning.",
    "The French president will give a speech on the economy on Monday.",
    "The Japanese prime minister visited a school in Osaka.",
    # a speaker as the source of news of an act the dictionary does not know is no statement
    "Azerbaijan has renamed a dozen villages near the Armenian border, Armenia's foreign "
    "ministry said.",
    "The Chinese coast guard has repainted its patrol boats, Japan's defence ministry said.",
    "Officials in Manila said Beijing had quietly enlarged an artificial island in the Spratlys.",
    "The head teacher asked pupils to stay at home on Friday because of the snow.",
    "Under the new plan, Greece will widen the coastal motorway near Patras, a government "
    "spokesman said.",
    "Army helicopters evacuated the wounded from the flooded valley on Friday.",
    "The country has launched a new weather satellite, officials said.",
    "The remarks were the warmest the president has offered about the singer in a year.",
    "The situation in the flooded districts is critical, the weather service said.",
]

# Sentences with an event between actors, with the class of the event a reader would code.
EVENTS = [
    # 1 statement or appeal
    ("The United Nations urged both sides to show restraint.", 1),
    ("Pope Francis appealed for calm after the clashes in Jerusalem.", 1),
    ("The European Union called on Belgrade and Pristina to resume their dialogue.", 1),
    ("Japan expressed deep concern over North Korea's latest missile launch.", 1),
    ("The French president offered his condolences to the families of the victims.", 1),
    # 2 verbal cooperation
    ("Chinese President Xi Jinping met his Brazilian counterpart in Beijing on Tuesday.", 2),
    ("Germany praised Kenya's role in the peace talks.", 2),
    ("Indian Prime Minister Narendra Modi will visit Washington next month.", 2),
    ("Egypt offered to mediate between Israel and Hamas.", 2),
    ("The Turkish foreign minister held talks with his Greek counterpart in Athens.", 2),
    ("Spain and Morocco signed an agreement on migration on Thursday.", 2),
    ("The Japanese government apologised to South Korea for its wartime abuses.", 2),
    ("Kenya thanked the United States for its support.", 2),
    # 3 material cooperation
    ("The United States sent 50 tonnes of medical supplies to Lebanon.", 3),
    ("The World Bank approved a $500 million loan for Pakistan.", 3),
    ("Israel released 30 Palestinian prisoners on Sunday.", 3),
    ("Russia withdrew its troops from the border with Ukraine.", 3),
    ("The European Union lifted sanctions on Belarus.", 3),
    ("Colombia extradited a drug trafficker to the United States.", 3),
    ("Japan donated $10 million to the World Food Programme.", 3),
    ("The rebels freed three aid workers they had held for a month.", 3),
    # 4 verbal conflict
    ("Iran condemned the Israeli strike on its embassy in Damascus.", 4),
    ("The Chinese foreign ministry accused Washington of meddling in its internal affairs.", 4),
    ("North Korea threatened to retaliate against South Korea.", 4),
    ("Russia vetoed a UN Security Council resolution on Syria.", 4),
    ("Poland summoned the Russian ambassador over the airspace violation.", 4),
    ("Hungary rejected the European Commission's proposal on migration.", 4),
    ("The opposition demanded the resignation of the interior minister.", 4),
    ("Canada expelled two Indian diplomats on Monday.", 4),
    ("The United States imposed new sanctions on Iranian oil exports.", 4),
    ("The prosecutor opened an investigation into the former president.", 4),
    ("Algeria recalled its ambassador from Madrid.", 4),
    # 5 material conflict
    ("Israeli troops killed three Palestinian gunmen in a raid on Jenin.", 5),
    ("Russian forces shelled the city of Kharkiv overnight.", 5),
    ("Police arrested dozens of opposition supporters in the capital.", 5),
    ("Thousands of protesters marched against the government in Belgrade.", 5),
    ("Boko Haram fighters attacked a military base in northeastern Nigeria.", 5),
    ("Turkish police detained 20 journalists in Istanbul.", 5),
    ("Houthi rebels seized a cargo ship in the Red Sea.", 5),
    ("Sudan's army clashed with the Rapid Support Forces in Khartoum.", 5),
    ("Azerbaijan deployed troops along its border with Armenia.", 5),
    # longer sentences with attribution and several clauses
    ("Saudi Arabia has pledged $2 billion in aid to Sudan, where millions have been displaced "
     "by fighting.", 2),
    ("The Red Cross delivered food and medicine to thousands of families in eastern Ukraine on"
     " Friday, a spokesman said.", 3),
    ("Washington will provide Kyiv with an additional $400 million in military assistance, "
     "including air defence systems, the Pentagon said.", 2),
    ("Under the deal, Hamas freed 24 hostages and Israel released 39 Palestinian prisoners.", 3),
    ("Myanmar's military junta freed more than 5,000 political prisoners on Wednesday as part "
     "of an amnesty.", 3),
    ("The German government sent two field hospitals and a team of doctors to help Turkey "
     "after the earthquake.", 3),
    ("The IMF agreed to lend Egypt $3 billion over four years to support its economic reforms.", 2),
    ("Security forces opened fire on demonstrators in Khartoum on Thursday, killing at least "
     "five people, according to a doctors' group.", 5),
    ("At least 12 people were killed when an airstrike hit a market in the rebel-held town, "
     "local officials said.", 5),
    ("Police in Nairobi fired tear gas at hundreds of opposition supporters who had gathered "
     "outside parliament.", 5),
    ("A suicide bomber blew himself up at a checkpoint in northern Iraq, killing three "
     "soldiers.", 5),
    ("Gunmen abducted 20 students from a boarding school in northwestern Nigeria overnight, "
     "police said on Sunday.", 5),
    ("Ethiopian troops and their Eritrean allies have been accused of killing hundreds of "
     "civilians in Tigray.", 5),
    ("Tens of thousands of people took to the streets of Tel Aviv on Saturday to protest "
     "against the government's judicial overhaul.", 5),
    ("Israeli warplanes struck targets in southern Lebanon after rockets were fired into "
     "northern Israel.", 5),
    ("The foreign ministry in Beijing summoned the Japanese ambassador to protest against the "
     "visit.", 4),
    ("Moscow has repeatedly warned NATO against sending troops to Ukraine, saying it would "
     "lead to a direct confrontation.", 4),
    ("The European Commission launched legal proceedings against Poland over its judicial "
     "reforms.", 4),
    ("Human rights groups accused the government of using the emergency laws to silence "
     "critics.", 4),
    ("The opposition leader dismissed the allegations as politically motivated.", 4),
    ("Washington imposed sanctions on three Chinese companies accused of supplying Russia with"
     " military equipment.", 4),
    ("The leaders of France and Germany agreed on Monday to work together on a new fighter "
     "jet.", 2),
    ("Prime Minister Narendra Modi held talks with President Joe Biden at the White House on "
     "Thursday.", 2),
    ("The Kenyan president travelled to Addis Ababa for a two-day visit to discuss regional "
     "security.", 2),
    ("The United Nations welcomed the agreement between the two sides and called it an "
     "important step towards peace.", 2),
    ("The African Union called for an immediate ceasefire in Sudan.", 1),
    ("The Vatican appealed to all parties to spare civilians.", 1),
    # more constructions: particles, that-clauses, nominal events, doers named by nationality
    ("Speaking in Brussels, the NATO chief urged member states to increase their defence "
     "spending.", 1),
    ("Pakistan's prime minister offered condolences to Iran after the deadly blasts.", 1),
    # optimistic and pessimistic comments, and what another should do
    ("The Turkish president said he was optimistic about a deal between Moscow and Kyiv.", 1),
    ("The Polish foreign minister said he was pessimistic about the talks with Belarus.", 1),
    ("Seoul said it was deeply worried about Pyongyang's latest rocket launch.", 1),
    ("The Austrian chancellor was hopeful about the new round of talks between Serbia and "
     "Kosovo.", 1),
    ("Norway said Sri Lanka's government should guarantee the safety of aid workers.", 1),
    ("The Red Cross said the army must guarantee safe passage for ambulances.", 4),
    ("The Kremlin denied that Russian troops had crossed into Moldova.", 4),
    ("The Arab League repeated its demand on Monday that Israel lift the blockade of Gaza.", 4),
    ("The rebels stood by their demand that the government free all political prisoners.", 4),
    ("The aid agency said Israeli and Egyptian forces must ensure the safety of convoys.", 4),
    ("Thousands of Syrians sought asylum in Sweden last year.", 1),
    ("The European Union renewed its demand today that Russia withdraw its troops from "
     "Moldova.", 4),
    ("The World Health Organization reiterated its demand that Israel allow fuel into Gaza.", 4),
    ("Brazil said it would send firefighters to help Bolivia.", 2),
    ("The Kremlin said Russia would send humanitarian aid to Syria.", 2),
    ("The Turkish foreign minister said Ankara would host talks between Russia and Ukraine.", 2),
    # what a speaker hopes others will do is the speaker's comment, not the others' intent
    ("The Israeli defence minister said Hezbollah might attack northern Israel soon.", 1),
    ("The Finnish president said Sweden could join NATO within months.", 1),
    ("Kenya said it was hopeful that Sudan's warring generals would agree to a truce.", 1),
    ("The Italian prime minister expressed hope that Serbia and Kosovo would soon resume "
     "talks.", 1),
    ("The Saudi crown prince told the American envoy that the kingdom wanted a Palestinian "
     "state.", 1),
    # an act denied or disavowed is not done
    ("Chinese officials said Beijing had no intention of invading Taiwan.", 1),
    ("Rwanda denied supporting the M23 rebels in eastern Congo.", 4),
    # an appeal to a named actor is one whatever the act asked for
    ("The Peruvian government asked Bolivia to reconsider its decision on the gas pipeline.", 1),
    ("The Indonesian president pressed Myanmar's generals to implement the peace plan.", 1),
    # a protest with a demand as its aim is the protest
    ("Thousands of students marched through Dhaka on Sunday, demanding that the prime minister "
     "resign.", 5),
    ("Farmers blocked highways near Warsaw demanding that the government ban Ukrainian grain "
     "imports.", 5),
    ("Jailed activists in Bahrain continued their hunger strike to demand a fair trial from the "
     "government.", 5),
    ("Ukraine's foreign minister thanked Germany for the new air defence systems.", 2),
    ("The two leaders agreed to hold another round of talks in Geneva next month.", 2),
    ("Qatar has been mediating between Israel and Hamas for months.", 2),
    ("The Saudi crown prince received the Iranian foreign minister in Riyadh.", 2),
    ("India and Pakistan agreed to resume dialogue after a three-year pause.", 2),
    ("Poland's president voiced strong support for Ukraine's bid to join the European Union.", 2),
    ("Turkey reopened its border crossing with Armenia for the first time in 30 years.", 3),
    ("The Kremlin said Russia had pulled its forces back from positions near Kyiv.", 3),
    ("The United Arab Emirates airlifted 100 tonnes of food to Gaza.", 3),
    ("Under a deal brokered by Qatar, Russia returned 10 Ukrainian children to their families.", 3),
    ("Belgium handed over the suspect to French authorities.", 3),
    ("Beijing lodged a formal protest with Tokyo over the release of the treated water.", 4),
    ("Serbia's president rejected calls for an international inquiry into the violence.", 4),
    ("The court sentenced the opposition leader to five years in prison.", 5),
    ("Lithuania expelled three Russian diplomats, accusing them of espionage.", 4),
    ("Iran warned the United States that any attack would be met with a crushing response.", 4),
    ("The U.S. Treasury froze the assets of five Venezuelan officials.", 4),
    ("Ukrainian drones struck an oil refinery in southern Russia overnight.", 5),
    ("Rebels ambushed a convoy carrying aid workers in eastern Congo, killing four.", 5),
    ("Riot police used water cannon to disperse thousands of demonstrators in Tbilisi.", 5),
    ("Chinese coast guard vessels blocked a Philippine supply boat near the disputed shoal.", 5),
    ("Houthi forces fired a ballistic missile at a US warship in the Red Sea.", 5),
    ("Authorities in Moscow detained more than 100 people at vigils for the opposition leader.", 5),
    ("Israeli settlers set fire to Palestinian homes in the West Bank village.", 5),
    ("Hundreds of farmers blocked roads with tractors across France to protest against low "
     "prices.", 5),
    # a political actor's plain statement is CAMEO's "make public statement" (010)
    ("The minister said the new rules would come into force on January 1.", 1),
    ("The Israeli army said the drill was part of routine training.", 1),
    ("Foreign Minister Aiko Tanabe said on Monday that the talks with Seoul were useful.", 1),
    # commitments, decisions, concessions and their absence
    ("Chile agreed to build a new port in Peru, officials said on Friday.", 2),
    ("The Supreme Court of Kenya decided to release the opposition leader.", 3),
    ("The Kenyan government allowed refugees from Somalia to stay until June.", 3),
    ("Thailand accepted a request from Cambodia to reopen the border crossing.", 3),
    ("Jordan opened its border to refugees fleeing the fighting.", 3),
    ("Russia accelerated the withdrawal of its troops from Armenia.", 3),
    ("Canadian peacekeepers arrived in Haiti on Monday.", 3),
    ("Danish nurses handed over two tonnes of medicine to the Red Cross in Homs.", 3),
    ("Police prevented students from marching to the parliament in Ankara.", 5),
    ("Brazil cancelled a planned visit to Caracas after the election.", 4),
    ("Mexico postponed talks with Guatemala on border security.", 4),
    # refusing in the future tense, emergencies, computer attacks, cuts
    ("Poland said it would not accept any more migrants from Belarus.", 4),
    ("The United States will not meet the kidnappers' demands, the embassy said.", 4),
    ("The military government declared a state of emergency in the northern provinces.", 5),
    ("Russian hackers hacked into the email accounts of German lawmakers.", 5),
    ("China has strengthened its forces along the border with India.", 5),
    ("The World Food Programme reduced food rations to refugees in Kenya.", 4),
    ("Armenia and Azerbaijan reached a consensus on the border commission.", 2),
    # coups, reprisals, flag burning, votes, released funds, weapons deliveries
    ("In 2021, the army ousted the elected president of Guinea.", 5),
    ("Iran retaliated with missile strikes on Israeli cities.", 5),
    ("Protesters burned French flags outside the embassy in Niamey.", 5),
    ("Mali voted against a UN resolution condemning Russia.", 4),
    ("The European Commission released 10 billion euros of frozen funds to Hungary.", 3),
    ("Germany delivered howitzers to Ukraine in the summer.", 3),
    # intent reported with "would", eased curfews
    ("The king was quoted as saying he would be ready to host a meeting between the parties.", 2),
    ("The president on Thursday shortened the nightly curfew in the capital by one hour.", 3),
    # modern wire phrasing
    ("Israeli drones targeted a car in southern Lebanon, the army said.", 5),
    ("Niger's junta revoked a military cooperation agreement with the United States.", 4),
    ("Modi held a phone call with Zelensky on Friday.", 2),
    ("The Pentagon deployed an aircraft carrier to the eastern Mediterranean.", 5),
    # a quote before its speaker is the speaker's own statement
    ('"We will respond to any provocation," the Chinese defence ministry said.', 1),
    ("Gunmen made an assassination attempt on the governor of the province.", 5),
    ("Venezuela threatened to cut oil exports to the United States.", 4),
    # stances stated with "be"
    ("Israel is opposed to French mediation in the talks with Syria, an aide said.", 4),
    ("The president was critical of the United Nations mission in Mali.", 4),
    ("Kenya is grateful to Japan for its support.", 2),
    ("Protesters threw stones at police in Tbilisi.", 5),
    ("The opposition hurled accusations of fraud at the electoral commission.", 4),
    ("The rebel group insisted on its demands that the government of Chad free its leaders.", 4),
    ("A first batch of Bangladeshi peacekeeping troops arrived in Liberia on Tuesday.", 3),
    ("Pakistan has been sharing expertise with the Afghan army.", 3),
    ("Greek and Cypriot warships launched ten days of war games near Crete.", 3),
    ("The ILO reiterated its demand that Qatar ease restrictions on migrant workers.", 4),
    ("Hungary imposed restrictions on Ukrainian grain imports.", 5),
    ("The United States evacuated its embassy in Kabul.", 4),
]


def _label(nlp, text: str) -> int:
    doc = nlp(text)
    _actors, _quotes, events = extract(doc, Document(id="t", text=text, published="2024-05-01"))
    if not events:
        return 0
    return five_class(max(events, key=lambda e: e.confidence).cameo)


@pytest.fixture(scope="module")
def labels(nlp) -> dict[str, int]:
    texts = NO_EVENT + [text for text, _ in EVENTS]
    return {text: _label(nlp, text) for text in texts}


def test_no_event_sentences_mostly_get_no_event(labels):
    wrong = {t: labels[t] for t in NO_EVENT if labels[t] != 0}
    assert len(wrong) <= 0.15 * len(NO_EVENT), wrong


def test_event_sentences_mostly_get_their_class(labels):
    wrong = {t: (labels[t], gold) for t, gold in EVENTS if labels[t] != gold}
    assert len(wrong) <= 0.15 * len(EVENTS), wrong


def test_every_class_is_reached(labels):
    assert {labels[t] for t, gold in EVENTS if labels[t] == gold} == {1, 2, 3, 4, 5}


def test_vector_fallback_takes_near_synonyms_only(nlp):
    lex = lexicon()
    # ("assail", once the example of a verb found through "attack", is in the dictionary now)
    assert "incarcerate" not in lex.verbs
    assert lex.nearest_verb("incarcerate", nlp.vocab)[0] == "detain"
    # words near a verb that is an event only in some phrases, or pruned-vector aliases
    for word in ("require", "increase", "reduce", "develop", "create", "thwart", "decapitate"):
        assert lex.nearest_verb(word, nlp.vocab) is None, word


def test_an_agentless_arrest_is_done_by_the_police(nlp):
    text = "Two Turkish journalists were arrested in Istanbul on Monday."
    actors, _quotes, events = extract(nlp(text), Document(id="t", text=text,
                                                          published="2024-05-01"))
    (arrest,) = events
    police = next(a for a in actors if a.id == arrest.source)
    assert (arrest.cameo_root, police.name, police.code) == ("17", "police", "TURCOP")
    assert police.mentions == []  # implied by the passive, not named in the text


@pytest.mark.parametrize(("text", "root"), [
    ("Three soldiers were killed in an ambush near the border.", "18"),
    ("The former minister was accused of taking bribes.", "11"),
])
def test_acts_without_a_named_doer_are_coded(nlp, text, root):
    doc = nlp(text)
    _actors, _quotes, events = extract(doc, Document(id="t", text=text, published="2024-05-01"))
    assert [(e.source, e.cameo_root) for e in events] == [(None, root)]


def test_mishaps_are_not_violence(nlp):
    text = "Twelve people were killed when a bus collided with a truck on the highway."
    doc = nlp(text)
    assert extract(doc, Document(id="t", text=text, published="2024-05-01"))[2] == []


@pytest.mark.parametrize(("text", "code"), [
    ("The United States said Israel must allow more aid into Gaza.", "10"),
    ("The European Union said Serbia should recognise Kosovo.", "02"),
    # the act itself is not in the dictionary: the obligation still is
    ("The Red Cross said the army must guarantee safe passage for ambulances.", "10"),
    ("Norway said Sri Lanka's government should guarantee the safety of aid workers.", "02"),
])
def test_what_another_must_or_should_do_is_demanded_or_asked(nlp, text, code):
    doc = nlp(text)
    events = extract(doc, Document(id="t", text=text, published="2024-05-01"))[2]
    top = max(events, key=lambda e: e.confidence)
    assert top.cameo_root == code and top.trigger.text == "said"
    assert all(e.hypothetical for e in events if e is not top)
