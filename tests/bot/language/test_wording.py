"""What a resident writing in another language is told: plain English first
(the assistant answers in English; a free interpreter, by phone or in person;
the number, the hours and what to say; a person), then the same in their
language, with the council's own facts filled in."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from bot.language.languages import load_languages
from bot.language.wording import (
    INTERPRETER_FILE,
    InterpreterReplies,
    detectable_tags,
    load_wording,
    parse_wording,
    weekly_hours,
)
from bot.replies import TALK_TO_A_PERSON

RTL = {"ur", "ar", "fa", "ku"}


@pytest.fixture(scope="module")
def replies(council):
    return InterpreterReplies(council)


def test_the_english_comes_first_and_says_what_to_do(replies, council):
    reply = replies.reply("pl")
    first_line = reply.text.splitlines()[0]
    assert first_line == "This assistant can only answer in English."
    for fact in (council.interpreter.phone, council.interpreter.opening_hours, council.interpreter.place,
                 'say "Polish"', "free", "on the phone or in person", f'"{TALK_TO_A_PERSON}"'):
        assert fact in reply.text
    assert len(reply.text.split()) < 70


def test_the_translation_carries_its_language_and_direction(replies):
    polish = replies.reply("pl").translation
    assert polish["lang"] == "pl" and polish["dir"] == "ltr"
    assert polish["text"].startswith("Ten asystent odpowiada tylko po angielsku.")
    assert "01632 960100 (poniedziałek–piątek 09:00–17:00)" in polish["text"]
    assert "„Polish”" in polish["text"]
    urdu = replies.reply("ur").translation
    assert urdu["lang"] == "ur" and urdu["dir"] == "rtl"
    assert replies.reply("ur-Latn").translation["dir"] == "ltr"
    assert replies.reply("ku").translation["lang"] == "ckb"
    assert replies.reply("zh").translation["lang"] == "zh-Hans"


@pytest.mark.parametrize("tag", sorted(load_wording().translations))
def test_every_translation_fills_in_the_councils_facts(replies, council, tag):
    for again in (False, True):
        reply = replies.reply(tag, again=again)
        translated = reply.translation["text"]
        assert council.interpreter.phone in translated
        assert TALK_TO_A_PERSON in translated
        assert "{" not in translated and "}" not in translated
        assert reply.translation["dir"] == ("rtl" if tag in RTL else "ltr")
    full = replies.reply(tag).translation["text"]
    assert council.interpreter.place in full and "09:00–17:00" in full
    assert len(replies.reply(tag, again=True).translation["text"]) < len(full)


def test_later_messages_get_the_short_offer_of_a_person(replies, council):
    again = replies.reply("pl", again=True)
    assert again.text == (f"This assistant can only answer in English. For a free interpreter, call "
                          f'{council.interpreter.phone}. Or choose "{TALK_TO_A_PERSON}".')
    assert again.translation is not None


@pytest.mark.parametrize("tag, says", [
    ("de", 'say "German"'),                    # known, with no translation yet
    ("und", "say which language you speak"),   # not known which
    ("ur-Latn", "say which language you speak"),  # Urdu, Hindi or Punjabi
])
def test_english_alone_where_there_is_no_translation(replies, tag, says):
    reply = replies.reply(tag)
    assert says in reply.text
    assert (reply.translation is None) == (tag != "ur-Latn")


def test_weekly_hours_group_days_with_the_same_hours():
    nine_to_five = (dt.time(9), dt.time(17))
    hours = (nine_to_five,) * 4 + ((dt.time(9), dt.time(16, 30)), (dt.time(10), dt.time.max), None)
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert weekly_hours(hours, days, "{first}–{last}") == (
        "Mon–Thu 09:00–17:00; Fri 09:00–16:30; Sat 10:00–24:00")
    assert weekly_hours((None,) * 7, days, "{first}–{last}") == ""


def test_without_weekly_hours_the_translation_leaves_them_out(root):
    from bot.council import parse_council

    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    del data["interpreter"]["hours"], data["contact_centre"]
    council = parse_council(data)
    translated = InterpreterReplies(council).reply("pl").translation["text"]
    assert "Zadzwoń pod numer 01632 960100 i powiedz" in translated


@pytest.fixture()
def shipped():
    return yaml.safe_load(INTERPRETER_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["translations"]["pl"].update(first="Zadzwoń {phon}"), "names phon"),
    (lambda d: d["translations"]["pl"].update(again="Zadzwoń do nas"), "'translations.pl.again' must give"),
    (lambda d: d["translations"]["pl"].update(days=["pn", "wt"]), "'translations.pl.days' must name"),
    (lambda d: d["translations"]["pl"].update(range="{first} do"), "'translations.pl.range' must use"),
    (lambda d: d["translations"]["pl"].update(tone="formal"), "'translations.pl.tone' is not a known key"),
    (lambda d: d["translations"].update(xx=d["translations"]["pl"]), "'translations.xx' is not a language"),
    (lambda d: d["en"].pop("again"), "'en.again' is missing"),
    (lambda d: d["en"].update(first="Call {phone"), "unmatched"),
])
def test_a_bad_interpreter_file_names_the_key(shipped, mutate, message):
    mutate(shipped)
    languages = load_languages()
    with pytest.raises(ValueError, match=message):
        parse_wording(shipped, languages, detectable_tags(languages))
