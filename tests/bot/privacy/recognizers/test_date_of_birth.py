"""Dates of birth become <DATE_OF_BIRTH>; collection days, deadlines and
other ordinary dates stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

DOB = "<DATE_OF_BIRTH>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("born 3rd March 1987", "3rd March 1987"),
        ("dob 03/03/87", "03/03/87"),
        ("my date of birth is 14 Feb 1952", "14 Feb 1952"),
        ("D.O.B. 21.07.1990", "21.07.1990"),
        ("d.o.b: 5/11/64", "5/11/64"),
        ("DOB-12-12-2001", "12-12-2001"),
        ("I was born on the 1st of January 1948, so I'm over 75", "1st of January 1948"),
        ("my son (dob 29/02/2016) needs a school place", "29/02/2016"),
        ("date of birth: 1972-08-30", "1972-08-30"),
        ("Born: August 9, 1983", "August 9, 1983"),
        ("my mum, aged 84, born 2nd feb 1941, needs help with her bins", "2nd feb 1941"),
        ("Name Kwame Mensah, DOB 17/06/1979, NI JG103759A", "17/06/1979"),
        ("birthday is 30th sept 95", "30th sept 95"),
        ("dob 010388", "010388"),
        ("DOB 2/4/1960.", "2/4/1960"),
        ("he was born 19 October 2019 and we need a bigger flat", "19 October 2019"),
        ("my d.o.b is 7th of dec '68", "7th of dec '68"),
        ("Date of Birth 11 November 1955", "11 November 1955"),
        ("born in 1987", "1987"),
        ("DOB of applicant: 23/4/2005, DOB of partner: 8/9/2003",
         ("23/4/2005", "8/9/2003")),
        ("i was born 14.2.52", "14.2.52"),
        ("Dear Sir, my late father (date of birth 4 June 1933) owed council tax.",
         "4 June 1933"),
        ("dob:15 aug 1999", "15 aug 1999"),
        ("my birthday's 31/12/1986", "31/12/1986"),
    ],
)
def test_dates_of_birth_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, DOB)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("my collection on 12/03/2026 was missed", "12/03/2026"),
        ("I need to pay by 1 April", "by 1 April"),
        ("my bill dated 01/04/2025 is wrong", "01/04/2025"),
        ("how do I register a birth", "register a birth"),
        ("a birth certificate copy costs £12.50", "£12.50"),
        ("I've lived here since 2019", "since 2019"),
        ("open Monday to Friday, 9am to 5pm", "Monday to Friday, 9am to 5pm"),
        ("young people aged 16 to 25 can apply", "aged 16 to 25"),
        ("is the tip open on Christmas Eve", "Christmas Eve"),
        ("the footbridge has been closed since 3 March 2009", "3 March 2009"),
        ("the 2025/26 council tax bill", "2025/26"),
        ("bins go out the night before, by 7am on Tuesday", "by 7am on Tuesday"),
        ("the estate was built in 1965", "1965"),
        ("I was born and bred in Northbrook", "born and bred in Northbrook"),
        ("the 12th March meeting at 6pm", "12th March meeting at 6pm"),
        ("does Age UK help with blue badge forms", "Age UK"),
    ],
)
def test_ordinary_dates_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
