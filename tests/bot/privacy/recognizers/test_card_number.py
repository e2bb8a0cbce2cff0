"""Payment card numbers (Luhn-valid) become <CARD_NUMBER>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import (
    assert_kept,
    assert_redacted,
    luhn_valid,
    with_luhn,
)

CARD = "<CARD_NUMBER>"

VISA = "4111 1111 1111 1111"
MASTERCARD = "5555-5555-5555-4444"
AMEX = "3782 822463 10005"
VISA_DEBIT = with_luhn("4000 0566 5566 555")
MC_DEBIT = with_luhn("520082828282821")
MAESTRO = with_luhn("675964982643845")
VISA_2 = with_luhn("4539 1488 0343 646")
MC_2 = with_luhn("2221 0012 3456 789")
VISA_3 = with_luhn("4929000000000")
AMEX_2 = with_luhn("37144963539843")


@pytest.mark.parametrize(
    "text, value",
    [
        (f"card {VISA}", VISA),
        (f"my card number is {MASTERCARD} exp 09/28", MASTERCARD),
        (f"Amex {AMEX}", AMEX),
        (f"{VISA_DEBIT} is my debit card", VISA_DEBIT),
        (f"card no:{MC_DEBIT}", MC_DEBIT),
        (f"maestro {MAESTRO} pls take the payment", MAESTRO),
        (f"pay with {VISA_2}, thanks", VISA_2),
        (f"Please take £95 from card {MC_2}.", MC_2),
        (f"long number on the card is {VISA_3}", VISA_3),
        (f"AMEX NO. {AMEX_2}", AMEX_2),
        ("can u take it off my card 4111111111111111 cvv 123", "4111111111111111"),
        (f"Dear Sir, I authorise payment from my card ({VISA}).", VISA),
        (f"cards: {VISA} and {MASTERCARD}", (VISA, MASTERCARD)),
        (f"Name Kasia Nowak, card {MC_DEBIT}, expiry 11/27", MC_DEBIT),
        (f"the debit card number {VISA_DEBIT}!", VISA_DEBIT),
        ("card 4111-1111-1111-1111 for the permit", "4111-1111-1111-1111"),
        (f"{MAESTRO}", MAESTRO),
        ("creditcard 5555 5555 5555 4444 ok", "5555 5555 5555 4444"),
    ],
)
def test_card_numbers_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, CARD)


def test_the_table_cards_pass_luhn():
    for number in (VISA, MASTERCARD, AMEX, VISA_DEBIT, MC_DEBIT, MAESTRO, VISA_2, MC_2,
                   VISA_3, AMEX_2):
        assert luhn_valid(number), number


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("can I pay by debit card", "pay by debit card"),
        ("do you take Visa and Mastercard", "Visa and Mastercard"),
        ("my council tax bill is £1,234.56", "£1,234.56"),
        ("the permit is £95 a year", "£95 a year"),
        ("the card machine at the tip is broken", "card machine"),
        ("where is the 3 digit security code", "3 digit security code"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("open 9am to 5pm, Monday to Friday", "9am to 5pm, Monday to Friday"),
        ("ring 01632 960100 to pay by card", "01632 960100"),
        ("I need a blue badge card replaced", "blue badge card"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("my library card has expired", "library card"),
        ("240 litre bin for £45.00", "240 litre bin for £45.00"),
    ],
)
def test_payment_words_and_amounts_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
