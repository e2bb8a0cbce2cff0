"""How the language evaluation scores a detector, and that its labelled set
is the set the floors are promised on."""

from __future__ import annotations

from collections import Counter

from evaluate.language import ENGLISH, group, load_set, project_english, score

TAGS = {"pl", "ro", "ur", "pa", "bn", "gu", "ar", "so", "pt", "es", "fr", "it", "lt", "lv", "bg", "uk",
        "ru", "tr", "fa", "ku", "ta", "zh", "cy", "ti", "am", "hi", "de", "cs", "sk", "hu", "sq", "el",
        "vi", "ps", "ne"}


def test_the_labelled_set_is_big_enough_and_well_formed():
    items = load_set()
    assert len({i["id"] for i in items}) == len(items)
    assert len({i["text"] for i in items}) == len(items)
    languages = Counter(i["language"] for i in items)
    assert languages[ENGLISH] >= 250
    assert sum(n for code, n in languages.items() if code != ENGLISH) >= 150
    assert set(languages) - {ENGLISH} <= TAGS
    groups = Counter(group(i) for i in items)
    assert groups["ur (romanised)"] and groups["pa (romanised)"] and groups["hi (romanised)"]


def test_scores_for_a_detector_that_knows_one_language():
    items = [
        {"id": "1", "text": "Dzień dobry", "language": "pl"},
        {"id": "2", "text": "Bună ziua", "language": "ro"},
        {"id": "3", "text": "mera bin nahi uthaya", "language": "ur"},
        {"id": "4", "text": "میرا کوڑا", "language": "ur"},
        {"id": "5", "text": "hello", "language": "en"},
        {"id": "6", "text": "Dzień", "language": "en"},
    ]

    def detect(text: str) -> str | None:
        return {"Dzień dobry": "pl", "Bună ziua": "it", "mera bin nahi uthaya": "ur-Latn",
                "میرا کوڑا": "ur-Latn", "Dzień": "pl"}.get(text)

    report = score(items, detect)
    assert report.recall == 1.0 and report.right_language == 0.5
    assert report.right["ur (romanised)"] == 1 and report.right["ur"] == 0
    assert report.false_alarm_rate == 0.5
    assert report.failures() == ["English false alarms 0.500 are above 0.01"]


def test_the_gateways_detector_meets_the_floors():
    from bot.language import LanguageDetector

    english = project_english()
    report = score(load_set(), LanguageDetector.load().detect, english)
    assert len(english) > 4000 and report.failures() == []
