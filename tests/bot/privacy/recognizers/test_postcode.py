"""UK postcodes in any case, with or without the space, become <POSTCODE>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

POSTCODE = "<POSTCODE>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("my postcode is NB3 7QT", "NB3 7QT"),
        ("postcode nb37qt", "nb37qt"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("what day are bins for ec1a1bb?", "ec1a1bb"),
        ("I live in M1 1AE, is that you?", "M1 1AE"),
        ("bins for b33 8th please", "b33 8th"),
        ("post code: CR2 6XH.", "CR2 6XH"),
        ("Is DN55 1PT in your area", "DN55 1PT"),
        ("pc ls14ap", "ls14ap"),
        ("we're in hr5 8gg now", "hr5 8gg"),
        ("14 Mill Lane, Millbridge, NB4 2DF", "NB4 2DF"),
        ("Rose Cottage, Church Lane, Ashcombe NB12 9RS", "NB12 9RS"),
        ("W1A 0AX is my work postcode", "W1A 0AX"),
        ("moved from BS28 1LU to NB2 5HJ", ("BS28 1LU", "NB2 5HJ")),
        ("POSTCODE NB7 3EW", "NB7 3EW"),
        ("my postcode's dh2 3wf!", "dh2 3wf"),
        ("G85 5SD", "G85 5SD"),
        ("the flytipping is near my house, NB1 4AZ", "NB1 4AZ"),
        ("Dear Sir, re: 7 Orchard Close (NB6 1QP), the fence is down.", "NB6 1QP"),
        ("postcode is e9 5fe", "e9 5fe"),
        ("is NB11 8LX a garden waste area", "NB11 8LX"),
        ("ok its Nb3 7Qt", "Nb3 7Qt"),
    ],
)
def test_postcodes_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, POSTCODE)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("I need form HB1 for housing benefit", "form HB1"),
        ("section 106 agreement", "section 106"),
        ("can I get a 240 litre bin", "240 litre"),
        ("roadworks on the M25 and the A1", "M25 and the A1"),
        ("print it on A4 paper", "A4 paper"),
        ("is the 10A bus still running", "10A bus"),
        ("council tax band D", "band D"),
        ("meeting in room G12 at the town hall", "room G12"),
        ("my V5C logbook is lost", "V5C"),
        ("covid19 rules for the tip", "covid19"),
        ("open 9am to 5pm, Monday to Friday", "9am to 5pm"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("is the PCN appeal form online", "PCN"),
        ("the 3G signal in the library is bad", "3G signal"),
        ("Eastfield and Kingsmoor collections", "Eastfield and Kingsmoor"),
    ],
)
def test_codes_that_are_not_postcodes_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
