"""UK phone numbers in every way residents write them become <PHONE>; the
council's own numbers and national help lines stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

PHONE = "<PHONE>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("call me on 07700 900417", "07700 900417"),
        ("my mobile is 07700900123", "07700900123"),
        ("ring +44 7700 900982 after 6", "+44 7700 900982"),
        ("+447700900555 is my whatsapp", "+447700900555"),
        ("landline (01632) 960 123, mornings best", "(01632) 960 123"),
        ("tel: 0161-496-0123", "0161-496-0123"),
        ("020 7946 0321 is my work number", "020 7946 0321"),
        ("pls call 0044 7700 900876", "0044 7700 900876"),
        ("My number: 0161 496 0777.", "0161 496 0777"),
        ("you can reach me at 01632960456!", "01632960456"),
        ("mob 077009 00234 home 0161 4960 999",
         ("077009 00234", "0161 4960 999")),
        ("+44 (0)20 7946 0555", "+44 (0)20 7946 0555"),
        ("Tel 020-7946-0432 (daytime)", "020-7946-0432"),
        ("call my daughter on 07700-900-321", "07700-900-321"),
        ("07700 900 654", "07700 900 654"),
        ("text me 07700900777 when the van is coming", "07700900777"),
        ("Dear Sir, please contact me on 01632 960 432 or by post.", "01632 960 432"),
        ("my nos changed its now 07700 900111", "07700 900111"),
        ("ph:+44-161-496-0888", "+44-161-496-0888"),
        ("Name Kwame Mensah, 7 Orchard Close, 0161 496 0345, bin not emptied",
         "0161 496 0345"),
        ("number is 0 7 7 0 0 9 0 0 4 5 6", "0 7 7 0 0 9 0 0 4 5 6"),
        ("call back on 01632 960 789 pls", "01632 960 789"),
        ("my landlords number is 020 7946 0999, he never answers", "020 7946 0999"),
        ("+44 161 496 0654", "+44 161 496 0654"),
    ],
)
def test_phone_numbers_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, PHONE)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("I rang 01632 960100 but nobody answered", "01632 960100"),
        ("is 01632 960999 the out of hours safeguarding line", "01632 960999"),
        ("should I call 999 or 101", "999 or 101"),
        ("Samaritans on 116 123", "116 123"),
        ("the domestic abuse helpline 0808 2000 247 is free", "0808 2000 247"),
        ("NHS 111 said to contact you", "NHS 111"),
        ("my bill is £1,234.56 this year", "£1,234.56"),
        ("the green bin service is £95 a year", "£95 a year"),
        ("open Monday to Friday, 9am to 5pm", "Monday to Friday, 9am to 5pm"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("can I swap my 240 litre bin for a 140 litre one", "240 litre bin for a 140 litre"),
        ("I've been waiting 45 minutes on hold", "45 minutes"),
        ("the 2025/26 council tax bill", "2025/26"),
        ("section 106 money for the new school", "section 106"),
        ("it happened at 10:30 on 3 March", "10:30 on 3 March"),
    ],
)
def test_council_numbers_and_ordinary_numbers_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
