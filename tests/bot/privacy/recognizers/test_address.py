"""Street addresses, house names and flats become <ADDRESS>; public places,
the council's own buildings and streets named without a home stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

ADDRESS = "<ADDRESS>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("I live at 14 Mill Lane", "14 Mill Lane"),
        ("flat 2, 14 Harcourt Road needs a new bin", "flat 2, 14 Harcourt Road"),
        ("my address is Rose Cottage, Church Lane, Ashcombe",
         "Rose Cottage, Church Lane"),
        ("bin missed at 7 orchard close again!!", "7 orchard close"),
        ("we're at 5 Northgate", "5 Northgate"),
        ("23a beech grove", "23a beech grove"),
        ("Flat 4, Aldermoor Court, Eastfield", "Flat 4, Aldermoor Court"),
        ("The Old Forge, Kelsby Road, Kingsmoor", "The Old Forge, Kelsby Road"),
        ("address: 91 Victoria Meadows, Millbridge", "91 Victoria Meadows"),
        ("i moved to 3 the paddocks last month", "3 the paddocks"),
        ("Dear Sir, I write regarding the property at 112 St Helen's Crescent.",
         "112 St Helen's Crescent"),
        ("fly tipping outside my house at 6 Tanners Walk, can someone come",
         "6 Tanners Walk"),
        ("my mum lives at 40 Greenfield Avenue and her bins are too heavy",
         "40 Greenfield Avenue"),
        ("Apartment 12, Wharf House, 3 Canal Street", "Apartment 12, Wharf House, 3 Canal Street"),
        ("17 High St, Millbridge", "17 High St"),
        ("it's 2 Meadow View, behind the school", "2 Meadow View"),
        ("Unit 5, Brookside Industrial Estate", "Unit 5, Brookside Industrial Estate"),
        ("send the form to 8 Hollins Drive please", "8 Hollins Drive"),
        ("Name Aisha Rahman, 55 Kingsway, phone 07700 900417", "55 Kingsway"),
        ("The Laurels, Back Lane, Little Ousby", "The Laurels, Back Lane"),
        ("my nans house 12 sycamore rd has a leak", "12 sycamore rd"),
        ("No. 9 Elm Terrace, damp in the bedroom", "9 Elm Terrace"),
        ("we live at 1 Orchard Cottages, Ashcombe", "1 Orchard Cottages"),
        ("Flat 3b 27 Queens Parade", "Flat 3b 27 Queens Parade"),
        ("maisonette 4, 16-18 Fairfax Mews", "maisonette 4, 16-18 Fairfax Mews"),
        ("Ty Gwyn, Heol y Nant", "Ty Gwyn, Heol y Nant"),
        ("collect from 33 Park Road and 35 Park Road", ("33 Park Road", "35 Park Road")),
        ("Willow Barn, Sandy Lane, Kingsmoor, needs a green bin", "Willow Barn, Sandy Lane"),
    ],
)
def test_addresses_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, ADDRESS)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("is Victoria Park open at night", "Victoria Park"),
        ("the car park at Market Square is full", "Market Square"),
        ("Northbrook Town Hall, Market Square, Northbrook",
         "Northbrook Town Hall, Market Square, Northbrook"),
        ("what time does Millbridge library close", "Millbridge library"),
        ("can I get a 240 litre bin", "240 litre"),
        ("I have 3 bags of garden waste", "3 bags of garden waste"),
        ("it will take 14 days to process", "14 days"),
        ("open Monday to Friday, 9am to 5pm", "Monday to Friday, 9am to 5pm"),
        ("the church hall booking for 20 people", "church hall booking for 20 people"),
        ("is the number 36 bus still running", "number 36 bus"),
        ("my bill went up by £95 a year", "£95 a year"),
        ("I need form HB1 sent out", "form HB1"),
        ("2 weeks ago the lights went out", "2 weeks ago"),
        ("the Kingsmoor recycling centre on Saturday", "Kingsmoor recycling centre"),
        ("section 106 money for the park", "section 106"),
        ("the council tax band is D", "council tax band is D"),
    ],
)
def test_public_places_and_quantities_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
