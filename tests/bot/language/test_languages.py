"""The languages and the romanised Urdu words are data; a mistake in either
file is refused when it loads, naming what is wrong."""

from __future__ import annotations

import pytest
import yaml
from wordfreq import zipf_frequency

from bot.language.languages import (
    LANGUAGES_FILE,
    load_languages,
    load_romanised,
    parse_languages,
    parse_romanised,
)
from bot.language.text import read, script_of


def test_the_shipped_files_load():
    languages = load_languages()
    assert languages.english == "en"
    assert {"pl", "ro", "ur", "pa", "bn", "gu", "ar", "so", "pt", "es", "fr", "it", "lt", "lv", "bg",
            "uk", "ru", "tr", "fa", "ku", "ta", "zh", "cy", "ti", "am"} <= set(languages.known)
    assert [lang.code for lang in languages.known.values() if lang.rtl] == ["ur", "ar", "fa", "ku", "ps"]
    assert load_romanised().tag == "ur-Latn"


def test_romanised_words_are_not_everyday_english():
    # Words that are common English ("main", "bare", "to") would make
    # English look romanised; the list keeps to rarer ones.
    common = [w for w in load_romanised().words if zipf_frequency(w, "en") >= 4.5]
    assert common == []


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.pop("english"), "'english' must name one of the languages"),
    (lambda d: d["languages"]["pl"].pop("name"), "'languages.pl.name' is missing"),
    (lambda d: d["languages"]["pl"].update(script="LATIN"), "'languages.pl.script' must be a list"),
    (lambda d: d["languages"]["ar"].update(dir="right"), "'languages.ar.dir' must be ltr or rtl"),
    (lambda d: d.update(languages=["pl"]), "'languages' must be a mapping"),
])
def test_a_bad_languages_file_names_the_key(mutate, message):
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    mutate(data)
    with pytest.raises(ValueError, match=message):
        parse_languages(data)


@pytest.mark.parametrize("data, message", [
    ({"tag": "ur-Latn", "name": "Urdu", "words": []}, "'words' must be a list"),
    ({"name": "Urdu", "words": ["hai"]}, "'tag' is missing"),
    ({"tag": "ur-Latn", "name": "Urdu", "words": ["hai"], "min_words": 1}, "'min_words'"),
    ({"tag": "ur-Latn", "name": "Urdu", "words": ["hai"], "min_share": 2}, "'min_share'"),
])
def test_a_bad_romanised_file_names_the_key(data, message):
    with pytest.raises(ValueError, match=message):
        parse_romanised(data)


@pytest.mark.parametrize("char, script", [
    ("a", "LATIN"), ("ą", "LATIN"), ("ش", "ARABIC"), ("ے", "ARABIC"), ("ж", "CYRILLIC"),
    ("ਮ", "GURMUKHI"), ("你", "CJK"), ("ኣ", "ETHIOPIC"), ("ம", "TAMIL"),
])
def test_letters_are_known_by_their_script(char, script):
    assert script_of(char) == script


def test_what_says_nothing_of_the_language_is_left_out():
    written = read("<NAME:3fa91c> wrote from NB7 4QZ, jo@example.com, https://example.org/a 07700 900123")
    assert written.words == ("wrote", "from")
    # An emoji's variation selector is no letter of any script.
    assert read("🗑️").letters == 0
