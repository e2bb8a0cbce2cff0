"""Resident-facing wording that depends on the council's own details.

Kept in one place so the actions and the gateway say the same thing, and so
the words can be reviewed without reading code.
"""

from __future__ import annotations

from bot.council import Council

TALK_TO_A_PERSON = "Talk to a person"
REQUEST_HUMAN = "/request_human"


def disclosure(council: Council) -> str:
    return (
        f"Hello. I'm {council.short_name}'s automated assistant. I'm an AI, not a person. "
        f"My answers come from {council.name}'s published information, with a link to "
        "each source.\n"
        "Please don't type personal details such as your name, address, phone number or "
        "bank details. I don't need them to help you.\n"
        f"How we use this chat: {council.privacy_notice_url}\n"
        f"What this assistant does and doesn't do: {council.transparency_url()}\n"
        f'To reach a person at any time, choose "{TALK_TO_A_PERSON}" or call '
        f"{council.phone} ({council.opening_hours}).\n"
        "What would you like to know?"
    )


def fallback() -> str:
    return ("Sorry, I didn't understand that. Could you say it another way, in a few words? "
            'For example, "missed bin" or "pay council tax".')


def offer_person() -> str:
    return ("Would you like to talk to a person from the contact team? They can pick up from here. "
            "Or you can try asking in a different way.")


def gentle_offer() -> str:
    """For a message that may be about someone's safety, when nothing is
    sure enough to hand the resident over."""
    return (f"I'm sorry if something is wrong. {offer_person()} "
            "If you or someone else is in danger now, call 999.")


def human_button() -> dict[str, str]:
    """The always-available way to a person, as a reply button."""
    return {"title": TALK_TO_A_PERSON, "payload": REQUEST_HUMAN}


def offer_person_button() -> dict[str, str]:
    return {"title": TALK_TO_A_PERSON, "payload": '/request_human{"reason":"failed_turns"}'}


def data_use(council: Council) -> str:
    return (
        "I'm an AI assistant. Before I see your message, personal details such as names, "
        "email addresses, phone numbers, postcodes, street addresses and National "
        "Insurance numbers are replaced with placeholders like <EMAIL>. Only that "
        "cleaned text is stored or read by anyone.\n"
        "I use your messages only to find an answer from the council's published "
        "information. I don't make decisions about you.\n"
        "You can ask to see or delete your data: email the "
        f"{council.data_protection_officer} at {council.data_protection_email}.\n"
        f"Full details: {council.privacy_notice_url}"
    )


def unavailable(council: Council) -> str:
    return (
        "Sorry, the assistant isn't available right now. Please try again in a few "
        f"minutes, or call {council.phone} ({council.opening_hours}), or contact us at "
        f"{council.contact_url}."
    )
