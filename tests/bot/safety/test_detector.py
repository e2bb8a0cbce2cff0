"""The safety net on the development examples (tests/bot/safety/cases.py),
with and without the embedding model, and its behaviour as a service: long
messages, placeholders, priorities, threads, and no text in the logs."""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.safety import CATEGORIES, SafetyFinding, SafetyNet
from bot.safety.categories import Pattern, load_table
from bot.safety.detector import DEFAULT_CATEGORY
from bot.safety.patterns import PatternMatcher
from evaluate.safety_training import cross_validate, messages
from tests.bot.safety.cases import NEGATIVES, POSITIVES
from tests.bot.safety.conftest import accepted, positive_cases, short_id

POSITIVE = positive_cases()
POSITIVE_IDS = [f"{c}:{short_id(t)}" for c, t in POSITIVE]
NEGATIVE_IDS = [short_id(t) for t in NEGATIVES]


def assert_found(finding: SafetyFinding | None, category: str, text: str) -> None:
    assert finding is not None, f"missed {category}: {text!r}"
    assert finding.category in accepted(category, text), f"{text!r} read as {finding.category}"
    assert 0 < finding.score <= 1
    assert finding.via in {"pattern", "semantic", "classifier"}


@pytest.mark.parametrize("category, text", POSITIVE, ids=POSITIVE_IDS)
def test_patterns_alone_find_every_example(net, category, text):
    assert_found(net.check(text), category, text)


@pytest.mark.parametrize("category, text", POSITIVE, ids=POSITIVE_IDS)
def test_with_the_model_every_example_is_found(semantic_net, category, text):
    assert_found(semantic_net.check(text), category, text)


@pytest.mark.parametrize("text", NEGATIVES, ids=NEGATIVE_IDS)
def test_patterns_leave_hard_negatives_alone(net, text):
    assert net.check(text) is None


@pytest.mark.parametrize("text", NEGATIVES, ids=NEGATIVE_IDS)
def test_with_the_model_hard_negatives_are_left_alone(semantic_net, text):
    assert semantic_net.check(text) is None


@pytest.fixture(scope="module")
def model_only(semantic_net) -> SafetyNet:
    """The session's net with every pattern replaced by one that never
    matches (sharing its exemplar embeddings): what the exemplars and
    negatives achieve on their own."""
    table = load_table()
    never = Pattern("never", re.compile(r"(?!x)x"), 0.5)
    categories = tuple(dataclasses.replace(c, patterns=(never,)) for c in table.categories)
    alone = copy.copy(semantic_net)
    alone._patterns = PatternMatcher(dataclasses.replace(table, categories=categories))
    return alone


def test_on_messages_its_classifier_never_saw_the_net_finds_nearly_all_and_few_false_alarms(
    semantic_net, tmp_path_factory
):
    # One fold of five of the training messages, judged by a net whose
    # classifier learnt from the other four: the honest figure for
    # phrasings nobody wrote down. `python -m evaluate.safety_training`
    # prints all five folds.
    figures = cross_validate(semantic_net, messages(), 5, only=0,
                             cache_dir=tmp_path_factory.mktemp("safety-cache"))
    assert sum(figures.total.values()) > 300 and sum(figures.negatives.values()) > 200
    assert figures.recall() >= 0.96, figures.lines()
    assert figures.false_alarm_rate() <= 0.045, figures.lines()


COUNCIL_TAX = (
    "Hello, I have a question about my council tax. I moved into my flat in April and the bill "
    "still has the previous tenant's name on it, and it charges me for March as well. I have tried "
    "to ring three times but I was on hold for ages and then the line went dead. "
)
ENDING = (
    " Anyway, can you tell me how to get the bill corrected and whether I can pay it in monthly "
    "instalments? I can pay by direct debit if that is easier. Thanks for your help."
)


@pytest.mark.parametrize(
    "category, crisis",
    [
        ("immediate_danger", "Right now my ex is outside the door with a knife."),
        ("suicide_self_harm", "Honestly I don't think I'll be here to pay it, I've got the pills ready."),
        ("mental_health_crisis", "I haven't slept in five days and I'm hearing voices again."),
        ("domestic_abuse", "My husband takes all my money and won't let me leave the house."),
        ("child_at_risk", "The kids next door have been left on their own since Friday."),
        ("adult_at_risk", "My elderly neighbour hasn't been seen for a week and her post is piling up."),
        ("sexual_violence", "The last time I was at the office a man there groped me."),
        ("homeless_tonight", "I got evicted this morning and I've got nowhere to sleep tonight."),
        ("modern_slavery", "My boss keeps my passport and I work every day for no pay."),
        ("hate_crime", "Someone painted racist graffiti on my door again last night."),
    ],
)
def test_one_crisis_sentence_in_a_long_message_is_found(net, semantic_net, category, crisis):
    message = COUNCIL_TAX + crisis + ENDING
    assert len(message) <= 1000
    for each in (net, semantic_net):
        assert_found(each.check(message), category, message)


@pytest.mark.parametrize(
    "crisis",
    [
        "everyone would honestly be better off if i just disappeared for good",
        "there's a man in the stairwell with a blade threatening people",
        "the kids upstairs look starving and nobody is ever home with them",
    ],
)
def test_the_model_picks_the_crisis_sentence_out_of_a_long_message(model_only, crisis):
    message = f"{COUNCIL_TAX} {crisis}. {ENDING}"
    assert model_only.check(message) is not None


@pytest.mark.parametrize(
    "text, category",
    [
        ("my ex <NAME> is outside <ADDRESS> and says he will kill me", "immediate_danger"),
        ("I am <NAME> and I want to end my life", "suicide_self_harm"),
        ("my partner <NAME> hits me, my number is <PHONE>", "domestic_abuse"),
        ("the kids at <ADDRESS> are left alone for days", "child_at_risk"),
        ("I've been evicted from <ADDRESS> <POSTCODE> and have nowhere to sleep tonight", "homeless_tonight"),
    ],
)
def test_the_privacy_gates_placeholders_do_not_hide_a_crisis(net, semantic_net, text, category):
    for each in (net, semantic_net):
        assert_found(each.check(text), category, text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("my partner says he'll kill me tonight", "immediate_danger"),
        ("my partner hits me", "domestic_abuse"),
        ("my partner hits my kids", "child_at_risk"),
        ("my partner forces me to have sex", "sexual_violence"),
        ("i'm 15 and my mum kicked me out, i have nowhere to sleep", "child_at_risk"),
        ("my landlord kicked me out and i'm going to kill myself", "suicide_self_harm"),
    ],
)
def test_the_more_urgent_and_more_specific_category_wins(net, text, category):
    finding = net.check(text)
    assert finding is not None and finding.category == category


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\U0001f62d\U0001f62d", "<NAME>", "a" * 5000])
def test_empty_and_odd_messages_are_nothing(net, semantic_net, text):
    assert net.check(text) is None
    assert semantic_net.check(text) is None


def test_a_very_long_message_is_still_judged(semantic_net):
    message = COUNCIL_TAX * 20 + "i want to kill myself" + ENDING * 20
    finding = semantic_net.check(message)
    assert finding is not None and finding.category == "suicide_self_harm"


def test_the_second_opinion_always_names_a_category(net, semantic_net):
    assert semantic_net.second_opinion("i just feel so alone and frightened").category in CATEGORIES
    assert semantic_net.second_opinion("my husband has been horrible to me").category == "domestic_abuse"
    assert net.second_opinion("my husband hits me").category == "domestic_abuse"
    assert net.second_opinion("my neighbour's children seem neglected").category == "child_at_risk"
    assert net.second_opinion("hello").category == DEFAULT_CATEGORY


@pytest.mark.parametrize(
    "text, agrees",
    [
        ("my husband has been horrible to me and i am scared of him", True),
        ("my mum is not coping on her own and the carers never come", True),
        ("when is the brown bin collected on my road", False),
        ("can I pay my parking fine online", False),
    ],
)
def test_the_second_opinion_agrees_with_rasa_only_when_the_message_may_be_sensitive(
    semantic_net, text, agrees
):
    assert semantic_net.second_opinion(text).agrees is agrees


def test_without_a_model_the_second_opinion_always_agrees(net):
    assert net.second_opinion("when is the brown bin collected on my road").agrees


def test_check_is_safe_from_several_threads(semantic_net):
    texts = [t for ts in POSITIVES.values() for t in ts[:6]] + NEGATIVES[:40]
    expected = [semantic_net.check(t) for t in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(2):
            assert list(pool.map(semantic_net.check, texts)) == expected


def test_the_text_is_never_logged(semantic_net, caplog):
    secret = "zebra-crossing-7781"
    with caplog.at_level(logging.DEBUG, logger="bot.safety"):
        semantic_net.check(f"my name is {secret} and I want to kill myself")
        semantic_net.check(f"my name is {secret}, when is bin day")
        semantic_net.second_opinion(f"{secret} is sad")
    assert caplog.records, "the net logs its findings (without the text)"
    for record in caplog.records:
        assert secret not in record.getMessage()
        assert "kill myself" not in record.getMessage()
