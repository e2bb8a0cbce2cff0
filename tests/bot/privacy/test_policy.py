"""The minimisation policy: what each kind of personal detail becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.privacy.policy import DEFAULTS, MinimisationPolicy, birth_date, checked_actions

TODAY = dt.date(2026, 11, 22)


def policy(**actions: str) -> MinimisationPolicy:
    return MinimisationPolicy.from_config(actions, key="k" * 32, today=lambda: TODAY)


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        ("POSTCODE", "NB3 9NU", "<POSTCODE:NB3>"),
        ("POSTCODE", "sw1a1aa", "<POSTCODE:SW1A>"),
        ("POSTCODE", "M1 1AE", "<POSTCODE:M1>"),
        ("DATE_OF_BIRTH", "14/02/1976", "<AGE:45-54>"),
        ("DATE_OF_BIRTH", "1 April 1990", "<AGE:35-44>"),
        ("DATE_OF_BIRTH", "2001-11-23", "<AGE:16-24>"),
        ("DATE_OF_BIRTH", "3.7.52", "<AGE:65-74>"),
        ("DATE_OF_BIRTH", "010388", "<AGE:35-44>"),
        ("DATE_OF_BIRTH", "1938", "<AGE:75+>"),
        ("DATE_OF_BIRTH", "07/11/2012", "<AGE:0-15>"),
        ("DATE_OF_BIRTH", "31/02/1980", "<DATE_OF_BIRTH>"),  # no such day: the placeholder
        ("EMAIL", "jo@example.com", "<EMAIL>"),
        ("CARD_NUMBER", "4111 1111 1111 1111", ""),
        ("HEALTH_CONDITION", "dementia", "<HEALTH_CONDITION>"),
    ],
)
def test_the_defaults(kind, value, expected):
    assert policy().render(kind, value, "conversation-1") == expected


def test_a_name_reads_the_same_within_a_conversation_and_differently_elsewhere():
    names = policy()
    first = names.render("NAME", "Jack Smith", "a")
    assert first.startswith("<NAME:") and "jack" not in first.lower()
    assert names.render("NAME", "jack  smith", "a") == first  # case and spacing do not matter
    assert names.render("NAME", "Aisha Khan", "a") != first
    assert names.render("NAME", "Jack Smith", "b") != first


def test_the_key_decides_the_pseudonym():
    other = MinimisationPolicy.from_config({}, key="z" * 32)
    assert other.render("NAME", "Jack Smith", "a") != policy().render("NAME", "Jack Smith", "a")


def test_without_a_key_the_process_makes_its_own(caplog):
    made = MinimisationPolicy.from_config({}, key="")
    assert made.key and made.render("NAME", "Jo", "a") == made.render("NAME", "Jo", "a")
    assert "COUNCILBOT_PSEUDONYM_KEY is not set" in caplog.text


@pytest.mark.parametrize(
    "actions, expected",
    [
        ({"NAME": "placeholder"}, "<NAME>"),
        ({"NAME": "drop"}, ""),
        ({"POSTCODE": "placeholder"}, "<POSTCODE>"),
        ({"EMAIL": "pseudonym"}, "<EMAIL:"),
    ],
)
def test_the_council_can_change_any_kind(actions, expected):
    kind = next(iter(actions))
    value = {"NAME": "Jo Bloggs", "POSTCODE": "NB3 9NU", "EMAIL": "jo@example.com"}[kind]
    assert policy(**actions).render(kind, value, "a").startswith(expected)


def test_no_policy_means_typed_placeholders_for_every_kind():
    plain = MinimisationPolicy()
    assert plain.render("NAME", "Jo", "a") == "<NAME>"
    assert plain.render("POSTCODE", "NB3 9NU", "a") == "<POSTCODE>"


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"SHOE_SIZE": "drop"}, "'privacy.minimisation.SHOE_SIZE' is not a kind of personal data"),
        ({"NAME": "shred"}, "'privacy.minimisation.NAME' must be one of"),
        ({"EMAIL": "generalise"}, "'privacy.minimisation.EMAIL' cannot be generalised"),
        ({"RELIGION": "pseudonym"}, "'privacy.minimisation.RELIGION' is special category data"),
        (["NAME"], "'privacy.minimisation' must map"),
    ],
)
def test_bad_policies_name_the_key(raw, message):
    with pytest.raises(ValueError, match=message):
        checked_actions(raw)


def test_the_defaults_are_the_documented_ones(root):
    text = (root / "docs" / "privacy.md").read_text()
    for kind, action in DEFAULTS.items():
        assert f"| {kind} | {action} |" in text


@pytest.mark.parametrize("value", ["13/13/1980", "yesterday", "", "32 March 1990"])
def test_dates_that_are_not_dates_give_none(value):
    assert birth_date(value, TODAY) is None
