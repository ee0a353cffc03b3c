"""Name keys: transliteration variants must meet, look-alikes must not."""
from gazetteer.normalise import fold, key


def test_fold_removes_case_accents_marks_and_hyphens():
    assert fold("Al-Qa'im") == "al qaim"
    assert fold("Califórnia") == "california"


def test_key_joins_news_spellings_with_gazetteer_spellings():
    assert key("Qayara") == key("Al Qayyarah")
    assert key("Tel Keyf") == key("Tall Kayf")
    assert key("Makhmour") == key("Makhmur")


def test_key_keeps_different_places_apart():
    assert key("Mosul") != key("Manbij")
    assert key("Aleppo") != key("Idlib")


def test_empty_name_has_empty_keys():
    assert fold("''") == "" and key("") == ""
