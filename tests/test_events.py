"""Events: type, fatalities, actors and the place where it happened, on real seed sentences."""
from __future__ import annotations

from datetime import date

import pytest

from geo.events import actors, classify, fatalities
from geo.records import GEO_PRECISIONS, TIME_PRECISIONS


@pytest.mark.parametrize("sentence, expected", [
    ("At least 56 civilians were killed on Tuesday in air strikes north of the besieged city of Manbij.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("A U.S. Marine was killed in Makhmour in March when it was shelled by IS.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Iraqi forces faced fierce resistance from Islamic State militants in southern Mosul on Friday.",
     ("Battles", "Armed clash")),
    ("Abadi has pledged to retake Mosul by the end of the year.", ("Battles", "Government regains territory")),
    ("The four, arrested in Johannesburg on Sunday, will be detained in custody until July 19.",
     ("Strategic developments", "Arrests")),
    ("The Syrian military has declared a 72-hour truce covering all of Syria.",
     ("Strategic developments", "Agreement")),
    ("Hundreds of protesters gathered in Tahrir Square.", ("Protests", "Peaceful protest")),
    ("Kerry will visit Moscow on Thursday.", None),
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


def test_actors_are_named_groups():
    assert actors("The U.S.-backed Syria Democratic Forces (SDF) fought Islamic State.") == (
        "Syria Democratic Forces", "SDF", "Islamic State")


def test_manbij_strike_is_one_dated_event_with_fatalities(seed_batch):
    """The issue's own example, from the first seed article."""
    sentence_events = [e for e in seed_batch.events if e.sentence.startswith("BEIRUT (Reuters) – At least 56")]
    [event] = [e for e in sentence_events if e.role == "event"]
    assert event.place.name == "Manbij" and event.event_type == "Explosions/Remote violence"
    assert event.fatalities == 56 and event.resolution.geo_precision == "near"
    assert event.resolution.note == "north of"
    assert event.date.value == date(2016, 7, 19) and event.date.value.strftime("%A") == "Tuesday"
    assert {e.place.name for e in sentence_events if e.role == "mention"} >= {"Beirut"}


def test_sentences_without_happenings_only_give_mentions(seed_batch):
    kerry = [e for e in seed_batch.events if e.sentence.startswith("The proposal, set out in a document")]
    assert kerry and all(e.role == "mention" and not e.event_type for e in kerry)


def test_every_event_has_precision_codes(seed_batch):
    for e in seed_batch.events:
        assert e.resolution.geo_precision in GEO_PRECISIONS
        assert e.date.precision in TIME_PRECISIONS
