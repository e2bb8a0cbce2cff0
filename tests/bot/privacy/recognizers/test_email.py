"""Email addresses become <EMAIL>; the council's own addresses stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

EMAIL = "<EMAIL>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("email me at olu.adeyemi@example.com please", "olu.adeyemi@example.com"),
        ("jane.doe+council@example.org is my email", "jane.doe+council@example.org"),
        ("My email address is J.Smith1987@Example.com.", "J.Smith1987@Example.com"),
        ("contact: priya_k@mail.example.org", "priya_k@mail.example.org"),
        ("emial is dev.patel@example.com thx", "dev.patel@example.com"),
        ("can u send it 2 kasianowak@example.org", "kasianowak@example.org"),
        ("Please reply to tomasz.w@example.com, or ring me.", "tomasz.w@example.com"),
        ("my email (gareth.bird@example.org) has changed", "gareth.bird@example.org"),
        ("OLUMIDE.ADEYEMI@EXAMPLE.COM", "OLUMIDE.ADEYEMI@EXAMPLE.COM"),
        ("e-mail:aisha.rahman@example.com", "aisha.rahman@example.com"),
        ("reply to <wei.zhang@example.org> not the old one", "wei.zhang@example.org"),
        ("its mary-jane.o'neill@example.com", "mary-jane.o'neill@example.com"),
        ("email sarah dot connor at example dot com", "sarah dot connor at example dot com"),
        ("my email is liam.hughes @ example.com", "liam.hughes @ example.com"),
        ("Name Chidi Okonkwo, email chidi.o@example.org, phone 07700 900417",
         "chidi.o@example.org"),
        ("both of us: a.mensah@example.com and k.mensah@example.com",
         ("a.mensah@example.com", "k.mensah@example.com")),
        ("send the form to rhiannon.evans@example.org;", "rhiannon.evans@example.org"),
        ("my work email is d.fitzgerald@sub.example.co.uk", "d.fitzgerald@sub.example.co.uk"),
        ("ping 1985jack@example.com", "1985jack@example.com"),
        ("mailto:siobhan.nibhriain@example.org", "siobhan.nibhriain@example.org"),
    ],
)
def test_emails_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, EMAIL)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("I emailed contactcentre@northbrook.example.gov.uk last week",
         "contactcentre@northbrook.example.gov.uk"),
        ("how do I write to dataprotection@northbrook.example.gov.uk",
         "dataprotection@northbrook.example.gov.uk"),
        ("the page https://www.northbrook.example.gov.uk/bins is broken",
         "https://www.northbrook.example.gov.uk/bins"),
        ("what is your email address", "what is your email address"),
        ("my gmail isn't getting your emails", "my gmail isn't getting your emails"),
        ("can I get my bill by e-mail instead of post", "by e-mail instead of post"),
        ("I sent it to the email on the form", "the email on the form"),
        ("I'll email you at 9am tomorrow", "email you at 9am tomorrow"),
        ("we meet @ the town hall at 2pm", "@ the town hall at 2pm"),
        ("do you have an email for the planning team", "an email for the planning team"),
        ("collection on 12/03/2026 @ 7am", "12/03/2026 @ 7am"),
        ("is www.gov.uk the right site for passports", "www.gov.uk"),
    ],
)
def test_council_and_ordinary_words_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
