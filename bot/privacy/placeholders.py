"""The typed placeholders that replace personal data in minimised text."""

from __future__ import annotations

import re

# presidio entity -> the placeholder word residents, agents and Rasa see.
PLACEHOLDERS: dict[str, str] = {
    "PERSON": "NAME",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "UK_POSTCODE": "POSTCODE",
    "UK_ADDRESS": "ADDRESS",
    "UK_NINO": "NI_NUMBER",
    "UK_NHS": "NHS_NUMBER",
    "CREDIT_CARD": "CARD_NUMBER",
    "IBAN_CODE": "BANK_ACCOUNT",
    "UK_BANK_ACCOUNT": "BANK_ACCOUNT",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "IP_ADDRESS": "IP_ADDRESS",
    "UK_PASSPORT": "PASSPORT",
    "UK_DRIVING_LICENCE": "DRIVING_LICENCE",
    "UK_VEHICLE_REGISTRATION": "VEHICLE_REG",
    "UK_COUNCIL_TAX_REF": "COUNCIL_TAX_REF",
    "REFERENCE_NUMBER": "REFERENCE",
    # Special category data: the placeholder keeps the topic.
    "HEALTH_CONDITION": "HEALTH_CONDITION",
    "ETHNICITY": "ETHNICITY",
    "RELIGION": "RELIGION",
    "SEXUALITY": "SEXUALITY",
    "CRIMINAL_OFFENCE": "CRIMINAL_OFFENCE",
}
SPECIAL_CATEGORIES = frozenset({
    "HEALTH_CONDITION", "ETHNICITY", "RELIGION", "SEXUALITY", "CRIMINAL_OFFENCE"})


def placeholder(entity: str) -> str:
    return f"<{PLACEHOLDERS[entity]}>"


# A placeholder or a keyed pseudonym in minimised text: `<EMAIL>`, `<NAME:3fa91c>`.
PLACEHOLDER_TOKEN = re.compile(r"<[A-Z_]+(?::[^<>\s]*)?>")


def without_placeholders(text: str) -> str:
    """Minimised text with its placeholders and pseudonyms taken out: they
    say nothing about what a question asks."""
    return " ".join(PLACEHOLDER_TOKEN.sub(" ", text).split())
