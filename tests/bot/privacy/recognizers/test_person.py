"""Names of residents and of the people they mention become <NAME>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

NAME = "<NAME>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("My name is Olumide Adeyemi and my bin was missed", "Olumide Adeyemi"),
        ("hi im sarah o'connor, need a new recycling box", "sarah o'connor"),
        ("Dear Sir/Madam, I am writing on behalf of my mother, Mrs Harjit Kaur Sandhu.",
         "Harjit Kaur Sandhu"),
        ("my son Jack needs a school bus pass", "Jack"),
        ("can you tell Mrs Patel at the housing office I called", "Patel"),
        ("Yours faithfully, Gareth Bird", "Gareth Bird"),
        ("thx, Tomasz Wiśniewski", "Tomasz Wiśniewski"),
        ("its andrea robertson-dunn again about the damp", "andrea robertson-dunn"),
        ("Siobhán Ní Bhriain is my landlady and she won't fix the boiler",
         "Siobhán Ní Bhriain"),
        ("my neighbour Mohammed Al-Hassan keeps leaving bags out", "Mohammed Al-Hassan"),
        ("Name: Nguyen Thi Lan", "Nguyen Thi Lan"),
        ("pls can u call my husband dev on his mobile", "dev"),
        ("I spoke to Chidi Okonkwo on the phone last week and he said it was sorted",
         "Chidi Okonkwo"),
        ("The tenancy is in the name of Mr Kwame Mensah-Bonsu.", "Kwame Mensah-Bonsu"),
        ("my daughter Aisha and my son Yusuf both need places", ("Aisha", "Yusuf")),
        ("Wei Zhang, 14 Mill Lane, complaining about the noise", "Wei Zhang"),
        ("my carer is called Precious and she comes 3 times a day", "Precious"),
        ("this is dr ravi shankar from the surgery", "ravi shankar"),
        ("Cllr Duffy said to contact you", "Duffy"),
        ("my nan, Edith McAllister, is 92 and cant get her bin out", "Edith McAllister"),
        ("The assessment was done by Ms Leah D'Souza.", "D'Souza"),
        ("mynameis kasia nowak", "kasia nowak"),
        ("Can I speak to Rhiannon please", "Rhiannon"),
        ("Regards,\nDeclan Fitzgerald-Byrne", "Declan Fitzgerald-Byrne"),
        ("hello it's Giuseppe Esposito, flat 3", "Giuseppe Esposito"),
        ("Mr and Mrs Oyelaran have moved out of number 12", "Oyelaran"),
        ("my ex partner Liam Hughes still has keys", "Liam Hughes"),
        ("Ayşe Yılmaz asked me to chase her housing application", "Ayşe Yılmaz"),
        ("sent by Priya on behalf of Mr Gupta", ("Priya", "Gupta")),
        ("my step-dad Stuart King passed away, what happens to his council tax",
         "Stuart King"),
    ],
)
def test_names_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, NAME)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("is Victoria Park open late in summer", "Victoria Park"),
        ("I parked in Market Square and got a ticket", "Market Square"),
        ("does the bus from Eastfield go to Millbridge", "Eastfield"),
        ("How do I apply for Universal Credit help with rent", "Universal Credit"),
        ("I need to renew my Blue Badge", "Blue Badge"),
        ("Will you collect on Monday if it's a bank holiday?", "Will you collect"),
        ("Mark my bin as missed please", "Mark my bin"),
        ("when is the Christmas collection", "Christmas collection"),
        ("my neighbour's jack russell barks all night", "jack russell"),
        ("Hope you can help with my council tax", "Hope you can help"),
        ("Is Kingsmoor library open on Sunday", "Kingsmoor library"),
        ("the St Mary's church hall booking for Saturday", "St Mary's church hall"),
        ("Is there a grace period for paying the bill", "grace period"),
        ("Does Age UK run a lunch club at Ashcombe", "Age UK"),
        ("Northbrook Borough Council tip opening hours", "Northbrook Borough Council"),
        ("Can I get a Council Tax Support form", "Council Tax Support"),
        ("Is the Green Bin collected this week", "Green Bin"),
        ("do you take Visa or Mastercard", "Visa or Mastercard"),
    ],
)
def test_service_and_place_words_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
