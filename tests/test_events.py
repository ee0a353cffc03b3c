"""Events: type, fatalities, actors and the place where it happened, on real seed sentences."""
from __future__ import annotations

from datetime import date

import pytest

from geo.events import actors, classify, fatalities, fatalities_phrase, triggers
from geo.records import GEO_PRECISIONS, TIME_PRECISIONS, Article, Section


@pytest.mark.parametrize("sentence, expected", [
    ("At least 56 civilians were killed on Tuesday in air strikes north of the besieged city of Manbij.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("A U.S. Marine was killed in Makhmour in March when it was shelled by IS.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Iraqi forces faced fierce resistance from Islamic State militants in southern Mosul on Friday.",
     ("Battles", "Armed clash")),
    # a pledge with no time set is not (yet) a happening; with one it is a planned event
    ("Abadi has pledged to retake Mosul by the end of the year.", None),
    ("The four, arrested in Johannesburg on Sunday, will be detained in custody until July 19.",
     ("Strategic developments", "Arrests")),
    ("The Syrian military has declared a 72-hour truce covering all of Syria.",
     ("Strategic developments", "Agreement")),
    ("Hundreds of protesters gathered in Tahrir Square.", ("Protests", "Peaceful protest")),
    ("Kerry will visit Moscow on Thursday.", None),
    # an activity, not a happening; but fighting near a place is one
    ("Turkey proposes cooperation with Russia in fighting Islamic State", None),
    ("Two soldiers died in fighting near Manbij on Monday.", ("Battles", "Armed clash")),
])
def test_classify(sentence, expected):
    assert classify(sentence) == expected


@pytest.mark.parametrize("sentence, n", [
    ("At least 56 civilians were killed on Tuesday in air strikes.", 56),
    ("On Monday, 21 people were killed in raids.", 21),
    ("A car bomb exploded, killing 12 and wounding 30.", 12),
    ("Three soldiers were killed near the border.", 3),
    ("Dozens of people were wounded.", None),
    ("Most of the 560 troop reinforcements will work out of Qayara air base.", None),
])
def test_fatalities(sentence, n):
    assert fatalities(sentence) == n


def test_actors_are_named_groups_under_one_name_each():
    assert actors("The U.S.-backed Syria Democratic Forces (SDF) fought Islamic State (IS) insurgents.") == (
        "Syrian Democratic Forces", "Islamic State")


def test_manbij_strike_is_one_dated_event_with_fatalities(seed_batch):
    """The issue's own example, from the first seed article."""
    sentence_events = [e for e in seed_batch.events if e.sentence.startswith("BEIRUT (Reuters) – At least 56")]
    [event] = [e for e in sentence_events if e.role == "event"]
    assert event.place.name == "Manbij" and event.event_type == "Explosions/Remote violence"
    assert event.fatalities == 56 and event.resolution.geo_precision == "near"
    assert event.resolution.note == "north of"
    assert event.date.value == date(2016, 7, 19) and event.date.value.strftime("%A") == "Tuesday"
    assert {e.place.name for e in sentence_events if e.role == "mention"} >= {"Beirut"}


def test_a_scheduled_visit_is_a_planned_event(seed_batch):
    kerry = [e for e in seed_batch.events if e.sentence.startswith("The proposal, set out in a document")]
    [visit] = [e for e in kerry if e.role == "event"]
    assert visit.planned and not visit.background and visit.place.name == "Moscow"
    assert visit.date.value == date(2016, 7, 14) and visit.trigger == "visit to [rule Other, planned]"


def test_sentences_without_happenings_only_give_mentions(seed_batch):
    said = [e for e in seed_batch.events if e.sentence.startswith("A U.S.-backed alliance of Kurdish")]
    assert all(e.role == "mention" and not e.event_type for e in said)


def test_every_event_has_precision_codes(seed_batch):
    for e in seed_batch.events:
        assert e.resolution.geo_precision in GEO_PRECISIONS
        assert e.date.precision in TIME_PRECISIONS


# --- triggers: verb forms, nominalisations, negation and modality (issue 11) -------------------

@pytest.mark.parametrize("sentence, phrase, planned", [
    ("A U.S. Marine was killed in Makhmour in March when it was shelled by IS.", "shelled", False),
    ("The recapture of Mosul would be a major boost for Abadi.", "recapture", False),
    ("The coalition said it had captured an IS command center in western Manbij.", "captured", False),
    ("Last week's bomb attack on the main airport Istanbul left 45 people dead.", "bomb attack", False),
    ("Kerry and Lavrov will meet in Geneva on Friday for talks.", "meet in", True),
    ("The army vowed to retake Palmyra before the end of March.", "retake", True),
])
def test_triggers_read_the_sentence_structure(sentence, phrase, planned):
    [first, *_] = triggers(sentence)
    assert (first.phrase, first.planned) == (phrase, planned)
    assert first.label.startswith(f"{phrase} [rule ")


@pytest.mark.parametrize("sentence", [
    "Yet Islamic State failed to make the kind of rapid advances it achieved in the Middle East.",
    "The ministry denied that its jets had bombed the market in Idlib.",
    "Abadi has pledged to retake Mosul.",  # a wish with no time set
    "Between Sept. 10, 2015 and Feb. 2, 2016, coalition air strikes in Iraq and Syria probably killed 20 civilians.",
    "At least 104 civilians have died from air strikes since the start of the Manbij offensive in late May.",
])
def test_denials_unscheduled_plans_and_period_tolls_are_not_happenings(sentence):
    assert triggers(sentence) == []


@pytest.mark.parametrize("sentence, n, phrase", [
    ("Dozens of people were killed in the raid.", 12, "Dozens of people were killed"),
    ("More than a hundred fighters were killed near Sirte.", 100, "More than a hundred fighters were killed"),
    ("The bombing left nearly 300 people dead.", 300, "nearly 300 people dead"),
])
def test_fatalities_in_words_give_the_lower_bound_and_keep_the_phrase(sentence, n, phrase):
    assert fatalities_phrase(sentence) == (n, phrase)


# --- places, coreference, one event per happening (quick tier, small real gazetteer) ------------

def _article(title: str, body: str, published: date) -> Article:
    text = f"{title}\n\n{body}"
    return Article(id="t", text=text, title=title, published=published, source="t.txt:1", sections=(
        Section("title", 0, len(title)), Section("body", len(title) + 2, len(text))))


def _events(article: Article, small_gaz) -> list:
    from geo.pipeline import geoparse_articles

    [result] = geoparse_articles([article], gazetteer=small_gaz).results
    return [e for e in result.events if e.role == "event"]


def test_distinct_happenings_in_one_sentence_are_separate_events(small_gaz):
    events = _events(_article("Losses", "Islamic State has lost Tikrit, taken by Iraqi forces in April, and the "
                                        "recapture of Ramadi and Falluja followed.", date(2016, 7, 11)), small_gaz)
    assert sorted(e.resolution.mention.text for e in events) == ["Falluja", "Ramadi", "Tikrit"]


def test_the_event_is_where_the_action_happened_not_the_actor(small_gaz):
    [event] = _events(_article("Strike", "U.S.-led warplanes struck Islamic State positions in Manbij on "
                                         "Monday, U.S. officials said.", date(2016, 7, 19)), small_gaz)
    assert event.place.name == "Manbij" and event.date.value == date(2016, 7, 18)


def test_a_country_that_acts_is_not_where_it_happened(small_gaz):
    body = ("Supported by U.S. coalition air strikes, Kurdish fighters fought their way into Manbij on Monday. "
            "A man was killed during a U.S. air strike in Libya.")
    events = _events(_article("Strikes", body, date(2016, 7, 19)), small_gaz)
    assert sorted(e.place.name for e in events) == ["Libya", "Manbij"]
    # a town before the same words is where the strikes fell
    [town] = _events(_article("Raids", "Aleppo air strikes killed 20 people on Monday.", date(2016, 7, 19)), small_gaz)
    assert town.place.name == "Aleppo"


def test_the_iraqi_capital_is_the_capital_the_article_names(small_gaz):
    body = ("Carter met commanders in Baghdad on Monday. "
            "A bombing in the Iraqi capital last week left nearly 300 people dead.")
    events = _events(_article("Visit", body, date(2016, 7, 11)), small_gaz)
    [bombing] = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert bombing.place.name == "Baghdad" and bombing.resolution.geo_precision == "coreference"
    assert bombing.resolution.note == "the Iraqi capital → Baghdad" and bombing.fatalities == 300


def test_a_title_and_a_body_sentence_reporting_one_strike_are_one_event(small_gaz):
    title = "Air strikes hit Aleppo"
    body = "Air strikes hit rebel districts of Aleppo on Tuesday, residents said. Shops stayed shut."
    [event] = _events(_article(title, body, date(2016, 7, 13)), small_gaz)
    assert event.sentence.startswith("Air strikes hit rebel districts") and event.supporting == (title,)


def test_a_recap_of_a_year_long_past_is_background(small_gaz):
    body = "In 2014, Islamic State militants declared a caliphate after capturing swathes of Mosul."
    [event] = _events(_article("Recap", body, date(2016, 7, 11)), small_gaz)
    assert event.background and event.date.precision == "year" and not event.planned


def test_exports_carry_why_and_when_in_columns_appended_at_the_end(small_gaz):
    from geo import export

    title = "Air strikes hit Aleppo"
    body = "Air strikes hit rebel districts of Aleppo on Tuesday, residents said."
    [event] = _events(_article(title, body, date(2016, 7, 13)), small_gaz)
    row = export.event_row(event)
    at = export.COLUMNS.index("background")  # appended after the original schema, in this order
    assert export.COLUMNS[at:at + 7] == ("background", "planned", "trigger", "supporting_sentences",
                                         "published_interval", "event_interval", "fatalities_phrase")
    assert row["trigger"] == "Air strikes [rule Air/drone strike]" and row["supporting_sentences"] == title
    assert row["published_interval"] == "2016-07-13/2016-07-13" and row["event_interval"] == "2016-07-12/2016-07-12"
    assert row["background"] is False and row["planned"] is False
    line = export.render([event], "csv").splitlines()[1]
    assert (",False,False,Air strikes [rule Air/drone strike],Air strikes hit Aleppo,"
            "2016-07-13/2016-07-13,2016-07-12/2016-07-12,,") in line


def test_a_happening_with_no_place_is_in_the_storys_town_only_when_told_as_done(small_gaz):
    body = ("Clashes erupted in Mosul on Tuesday, police said. "
            "Hundreds of families fled with what they could carry. "
            "Car bombs remain the deadliest weapon of the militants, he said.")
    events = _events(_article("Mosul", body, date(2016, 12, 30)), small_gaz)
    assert [(e.trigger.split(" [")[0], e.place.name) for e in events] == [("Clashes", "Mosul"), ("fled", "Mosul")]
    assert events[1].resolution.geo_precision == "coreference"


def test_the_city_is_not_where_someone_gave_an_interview(small_gaz):
    body = ("Iraqi forces retook parts of Mosul on Monday. "
            "The general spoke in an interview in Erbil on Wednesday. "
            "Fierce clashes erupted in the west of the city on Thursday.")
    events = _events(_article("Mosul", body, date(2017, 1, 5)), small_gaz)
    clash = next(e for e in events if e.trigger.startswith("clashes"))
    assert clash.place.name == "Mosul" and clash.resolution.note == "the city → Mosul"


def test_the_storys_town_is_not_the_reporters_dateline(small_gaz):
    from geo.pipeline import geoparse_articles
    from geo.read import split_text

    feed = ("Families flee\n\nERBIL, Iraq (Reuters) – Iraqi forces retook two districts of Mosul on Monday.\n\n"
            "Hundreds of families fled with what they could carry.\n")
    [article] = split_text(feed, "feed.txt")
    [result] = geoparse_articles([article], gazetteer=small_gaz).results
    fled = next(e for e in result.events if e.role == "event" and e.trigger.startswith("fled"))
    assert fled.place.name == "Mosul" and fled.resolution.geo_precision == "coreference"


def test_a_country_that_only_asked_is_not_where_the_strike_was(small_gaz):
    body = ("Iraqi troops seized a hospital in Mosul on Tuesday. "
            "Coalition warplanes, at Iraq’s request, also struck a building inside the hospital complex on Wednesday.")
    events = _events(_article("Hospital", body, date(2016, 12, 8)), small_gaz)
    strike = next(e for e in events if e.event_type == "Explosions/Remote violence")
    assert strike.place.name == "Mosul" and strike.date.value == date(2016, 12, 7)
