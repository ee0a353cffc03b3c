"""The recogniser seam: the registry, the missing-extra message, the combination of a model's
entities with the rules (made-up spans, no model: quick), and the real spaCy model (slow,
skipped when the ``spacy`` extra is not installed)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from gazetteer.normalise import fold
from geo.cli import main
from geo.errors import InputError
from geo.recognisers import REGISTRY, check
from geo.recognisers.combine import Entity, combine
from geo.records import Article, Mention, Rule
from tests.conftest import ROOT, SEEDS

SPACY_MISSING = next((m for m in REGISTRY["spacy"].requires if importlib.util.find_spec(m) is None), None)
needs_spacy = pytest.mark.skipif(SPACY_MISSING is not None,
                                 reason=f'the spacy extra is not installed ({SPACY_MISSING} missing): '
                                        'pip install -e ".[spacy]"')


def at(text: str, name: str, label: str = "GPE", nth: int = 0) -> Entity:
    """A made-up model entity over the ``nth`` occurrence of ``name``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Entity(start, start + len(name), label)


def mention(text: str, name: str, **kw) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, 0, len(text), **kw)


def names(found: list[Mention]) -> list[tuple[str, Rule]]:
    return [(m.text, m.rule) for m in found]


# --- combining: made-up spans, the small gazetteer -------------------------------------------------


def test_a_model_place_the_rules_missed_is_added_when_the_gazetteer_knows_it(small_gaz):
    text = "Talks resumed in Geneva. Officials flew on to Xqzvillestan, the Netherlands and a metro area."
    article = Article(id="t", text=text)
    ents = [at(text, "Geneva"), at(text, "Xqzvillestan"), at(text, "the Netherlands", "LOC"), at(text, "metro")]
    found = combine(article, [], ents, small_gaz)
    assert small_gaz.has_fold(fold("Metro"))  # a known name: only its lower case keeps "metro" out
    assert names(found) == [("Geneva", Rule.MODEL), ("Netherlands", Rule.MODEL)]  # "the" is no part of the name
    assert (found[0].sentence_start, found[0].sentence_end) == (0, text.index(" Officials"))


def test_a_model_place_over_a_rule_mention_adds_nothing(small_gaz):
    text = "Air strikes hit Aleppo on Monday."
    rules = [mention(text, "Aleppo")]
    assert combine(Article(id="t", text=text), rules, [at(text, "Aleppo on", "FAC")], small_gaz) == rules


def test_persons_veto_rule_mentions_they_cover(small_gaz):
    text = "Kock met Jordan Smith in Qayara, and Saeed visited Harare."
    rules = [mention(text, name) for name in ("Kock", "Jordan", "Saeed", "Harare")] + [
        mention(text, "Qayara", cue="in")]
    ents = [at(text, name, "PERSON") for name in ("Kock", "Jordan Smith", "Qayara", "Saeed", "Harare")]
    found = combine(Article(id="t", text=text), sorted(rules, key=lambda m: m.start), ents, small_gaz)
    assert [m.text for m in found] == ["Qayara", "Harare"]  # a cue; a capital the model alone cannot unmake


def test_an_organisation_vetoes_only_a_mention_that_is_all_of_it(small_gaz):
    text = "Amnesty said the Zimbabwe Tourism Authority had closed."
    rules = [mention(text, "Amnesty"), mention(text, "Zimbabwe")]
    ents = [at(text, "Amnesty", "ORG"), at(text, "the Zimbabwe Tourism Authority", "ORG")]
    assert names(combine(Article(id="t", text=text), rules, ents, small_gaz)) == [("Zimbabwe", Rule.GAZETTEER)]


def test_sure_rule_mentions_stand_against_the_model(small_gaz):
    text = "KHAZIR, Iraq (Reuters) - Syrian troops took Qayara near Khazir, and Bartella, Hamdaniya, as U.S. jets flew."
    rules = [mention(text, "KHAZIR", rule=Rule.DATELINE), mention(text, "Syrian", rule=Rule.DEMONYM, kind="demonym"),
             mention(text, "Qayara"), mention(text, "Khazir", rule=Rule.CONTEXT, cue="near", vouched_by="near"),
             mention(text, "Bartella"), mention(text, "Hamdaniya"), mention(text, "U.S.", rule=Rule.ABBREVIATION)]
    ents = [at(text, name, "PERSON") for name in ("KHAZIR", "Syrian", "Qayara", "Khazir", "Bartella", "Hamdaniya",
                                                  "U.S.")]
    found = combine(Article(id="t", text=text), rules, ents, small_gaz)
    assert [m.text for m in found] == ["KHAZIR", "Syrian", "Khazir", "Bartella", "Hamdaniya", "U.S."]  # not Qayara


def test_a_name_the_rules_are_sure_of_once_is_sure_throughout_the_article(small_gaz):
    text = "Clifton is a town. Police in Clifton said Clifton Jones was held."
    second = text.index("in Clifton") + 3
    rules = [mention(text, "Clifton"), Mention(second, second + 7, "Clifton", 0, len(text), cue="in")]
    ents = [at(text, "Clifton", "PERSON"), at(text, "Clifton", "ORG", nth=1), at(text, "Clifton Jones", "PERSON")]
    found = combine(Article(id="t", text=text), rules, ents, small_gaz)
    assert [m.start for m in found] == [0, second]  # one sense per article, as the rules' person names have


def test_other_labels_change_nothing(small_gaz):
    text = "Syrian troops entered Manbij on Tuesday."
    rules = [mention(text, "Syrian", rule=Rule.DEMONYM, kind="demonym"), mention(text, "Manbij")]
    ents = [at(text, "Syrian", "NORP"), at(text, "Tuesday", "DATE"), at(text, "Manbij", "NORP")]
    assert combine(Article(id="t", text=text), rules, ents, small_gaz) == rules


# --- the registry and the missing extra ----------------------------------------------------------


def test_an_unknown_recogniser_is_bad_input_naming_the_choices():
    with pytest.raises(InputError, match="choose one of rules, spacy"):
        check("transformer")


def test_spacy_without_the_extra_exits_2_naming_the_pip_command(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "spacy", None)  # what find_spec sees when spaCy cannot be imported
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "title": "A", "text": "Clashes erupted in Mosul."}\n', encoding="utf-8")
    for command in (["parse", str(src)], ["annotate", str(src), "-o", str(tmp_path / "p.jsonl")], ["eval", str(src)]):
        assert main([*command, "--recogniser", "spacy"]) == 2, command
        err = capsys.readouterr().err
        assert 'pip install "dateline[spacy]"' in err and "Traceback" not in err, err
    assert not (tmp_path / "p.jsonl").exists()


def test_the_python_api_raises_the_same_message_before_any_article(monkeypatch, small_gaz):
    from geo.pipeline import geoparse_articles
    from geo.settings import Settings

    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(InputError, match=r'pip install "dateline\[spacy\]"'):
        geoparse_articles([Article(id="a", text="Clashes in Mosul.")], Settings(recogniser="spacy"), gazetteer=small_gaz)


# --- the real model (slow; skipped without the extra) --------------------------------------------


@pytest.fixture(scope="module")
def spacy_recogniser():
    from geo.recognisers import recogniser

    return recogniser("spacy")


@needs_spacy
@pytest.mark.slow
def test_the_model_loads_once_per_process(spacy_recogniser):
    from geo.recognisers import _built, recogniser

    loaded = _built.cache_info().misses
    assert recogniser("spacy") is spacy_recogniser and _built.cache_info().misses == loaded


@needs_spacy
@pytest.mark.slow
def test_spacy_recogniser_on_a_seed_feed_keeps_the_datelines_and_vetoes_persons(spacy_recogniser, gaz,
                                                                                seed_articles):
    for article in seed_articles:
        found = spacy_recogniser(article, gaz)
        dateline = article.section("dateline")
        assert found == sorted(found, key=lambda m: m.start)
        assert all(a.end <= b.start for a, b in zip(found, found[1:])), article.id
        if dateline is not None:  # the model reads "MOSUL" in capitals as no place; the rule stays
            assert any(m.rule == Rule.DATELINE for m in found), article.id


@needs_spacy
@pytest.mark.slow
def test_dateline_parse_with_the_spacy_recogniser(tmp_path, gaz):
    out = tmp_path / "events.geojson"
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "parse", str(SEEDS), "--recogniser", "spacy", "-o",
                           str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) > 100 and "of 19 articles" in proc.stderr


@needs_spacy
def test_long_text_goes_to_the_model_in_pieces_cut_between_sentences():
    from geo.recognisers.spacy_ner import _chunks

    text = " ".join(f"Clashes erupted in Mosul on day {i}." for i in range(40)) + " " + "x" * 130
    pieces = list(_chunks(text, size=100))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # contiguous: every offset maps back
    assert all(e - s <= 100 for s, e in pieces)
    assert all(text[e - 1] == "." for _, e in pieces[:-3])  # whole sentences, until the 130-character word
