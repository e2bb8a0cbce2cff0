"""The privacy gate on the kinds of personal data residents type."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("My name is Zebedee Quartermaine", "My name is <NAME>"),
        ("my name is john smith and my bin was missed", "my name is <NAME> and my bin was missed"),
        ("name: priya", "name: <NAME>"),
        ("I spoke to Dave Jones yesterday", "I spoke to <NAME> yesterday"),
        ("email me at zeb.q@example.com please", "email me at <EMAIL> please"),
        ("call me on 07911 123456", "call me on <PHONE>"),
        ("my number is 07700 900123", "my number is <PHONE>"),
        ("ring +44 7700 900123", "ring <PHONE>"),
        ("landline (01632) 960555", "landline <PHONE>"),
        ("020 7946 0018 is my work number", "<PHONE> is my work number"),
        ("my postcode is sw1a 1aa", "my postcode is <POSTCODE>"),
        ("NB1 2AB", "<POSTCODE>"),
        ("I live at 12 Acacia Avenue", "I live at <ADDRESS>"),
        ("bin missed at 7 Orchard Close", "bin missed at <ADDRESS>"),
        ("4b mill road", "<ADDRESS>"),
        ("my ni number is QQ 12 34 56 C", "my ni number is <NI_NUMBER>"),
        ("AB123456C", "<NI_NUMBER>"),
        ("nhs number 943 476 5919", "nhs number <NHS_NUMBER>"),
        ("card 4111 1111 1111 1111", "card <CARD_NUMBER>"),
        ("sort code 12-34-56 account 12345678", "sort code <BANK_ACCOUNT> account <BANK_ACCOUNT>"),
        ("born on 12/03/1985", "born on <DATE_OF_BIRTH>"),
        ("date of birth 3rd March 1985", "date of birth <DATE_OF_BIRTH>"),
        ("my ip is 203.0.113.45", "my ip is <IP_ADDRESS>"),
        ("logged in from 2001:db8::8a2e:370:7334", "logged in from <IP_ADDRESS>"),
        ("passport number 120382978", "passport number <PASSPORT>"),
        ("my passport is AB1234567", "my passport is <PASSPORT>"),
        ("driving licence MORGA753116SM9IJ", "driving licence <DRIVING_LICENCE>"),
        ("my car reg is KX21 ABC", "my car reg is <VEHICLE_REG>"),
        ("the car with registration MA19 XYZ keeps parking here",
         "the car with registration <VEHICLE_REG> keeps parking here"),
        # A case or penalty reference links the chat to one person's records.
        ("my reference is 123456789 for the parking appeal",
         "my reference is <REFERENCE> for the parking appeal"),
        ("I got a parking fine PCN NB12345678", "I got a parking fine PCN <REFERENCE>"),
        ("council tax account 40012345", "council tax account <COUNCIL_TAX_REF>"),
    ],
)
def test_personal_data_becomes_typed_placeholders(redactor, text, expected):
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "my bin wasn't emptied yesterday what do i do",
        "how do i pay council tax",
        "can I speak to someone",
        "Is Northbrook library open on Sunday?",
        "Can Council Tax Support help me",
        "What goes in the Green Bin",
        "Does Universal Credit count",
        "i have lived 20 years on this road",
        "council tax band D",
        "what's the name of the street light team",
        "call me back please",
        "I have 3 bins way too full",
        "when is the tip open on Saturday",
        "it cost £1234567 to build",
        "the form is HB1 section 106",
        "planning application 24/01234/FUL",
        "is the number 36 bus still running",
        "version 1.2.3 of the form",
    ],
)
def test_ordinary_questions_pass_unchanged(redactor, text):
    result = redactor.redact(text)
    assert result.text == text
    assert result.findings == ()


def test_findings_give_offsets_into_the_original_text(redactor):
    text = "I'm at 12 Acacia Avenue, email zeb.q@example.com"
    result = redactor.redact(text)
    assert [(f.type, text[f.start:f.end]) for f in result.findings] == [
        ("ADDRESS", "12 Acacia Avenue"),
        ("EMAIL", "zeb.q@example.com"),
    ]
    assert all(0 < f.score <= 1 for f in result.findings)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_is_left_alone(redactor, text):
    assert redactor.redact(text).text == text
