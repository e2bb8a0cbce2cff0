"""UK driving licence numbers (16 characters, spaced or not) become
<DRIVING_LICENCE>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

LICENCE = "<DRIVING_LICENCE>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("driving licence MORGA753116SM9IJ", "MORGA753116SM9IJ"),
        ("my licence number is SMITH805140J99AB", "SMITH805140J99AB"),
        ("licence no: patel 855140 ak9cd", "patel 855140 ak9cd"),
        ("Driving licence number: LEE99 612057 W9 9XY.", "LEE99 612057 W9 9XY"),
        ("dl okonk703219c99ef", "okonk703219c99ef"),
        ("MENSA806084KA9GH is my licence", "MENSA806084KA9GH"),
        ("Dear Sir, my driving licence (HUGHE901025LJ9KL) shows my new address.",
         "HUGHE901025LJ9KL"),
        ("for the permit, licence NOWAK856309K99MN", "NOWAK856309K99MN"),
        ("drivers license OCONN 751128 S99PQ", "OCONN 751128 S99PQ"),
        ("my licence is FITZG 704156 DA9RS", "FITZG 704156 DA9RS"),
        ("dvla licence no ADEYE711257OA9TU", "ADEYE711257OA9TU"),
        ("taxi licence application, driving licence WANG9802150W99VW", "WANG9802150W99VW"),
        ("my husbands licence number DSOUZ962271LD5XZ, mine is SANDH853043HK7AB",
         ("DSOUZ962271LD5XZ", "SANDH853043HK7AB")),
        ("licence: rahma860212ak9cd, I need a resident permit", "rahma860212ak9cd"),
        ("Photocard licence MCALL451026EM9FG expires next year", "MCALL451026EM9FG"),
        ("license # BIRD9702165G99HJ", "BIRD9702165G99HJ"),
    ],
)
def test_driving_licence_numbers_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, LICENCE)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("do I need my driving licence for a parking permit", "driving licence"),
        ("I only have a provisional licence", "provisional licence"),
        ("the premises licence for the pub", "premises licence"),
        ("is a TV licence included in council tax", "TV licence"),
        ("licence category B only", "category B"),
        ("I need form D1 from the post office", "form D1"),
        ("the DVLA wrote to me", "DVLA"),
        ("the taxi licence fee is £43.50", "£43.50"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("council phone 01632 960100", "01632 960100"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("my V5C logbook is lost", "V5C"),
        ("open 9am to 5pm, Monday to Friday", "9am to 5pm, Monday to Friday"),
        ("the licensing team in Market Square", "Market Square"),
    ],
)
def test_licence_words_and_codes_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
