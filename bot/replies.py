"""Resident-facing wording that depends on the council's own details.

Kept in one place so the actions and the gateway say the same thing, and so
the words can be reviewed without reading code.
"""

from __future__ import annotations

from bot.council import Council

TALK_TO_A_PERSON = "Talk to a person"
REQUEST_HUMAN = "/request_human"
# The confirm button's payload. The gateway keeps it for itself: it erases the
# conversation and never sends the payload to Rasa. Typed text never matches
# it, because the gateway drops a leading slash from everything typed.
ERASE_CONVERSATION = "/erase_conversation"
KEEP_CONVERSATION = "/keep_conversation"
CONFIRM_ERASE = "Yes, delete this conversation"
KEEP_IT = "No, keep it"
DOWNLOAD_TITLE = "Download this conversation (text file)"


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
        'To get a copy of this chat, type "download my conversation"; to delete it, type '
        '"delete my conversation". For anything else about your data, email the '
        f"{council.data_protection_officer} at {council.data_protection_email}.\n"
        f"Full details: {council.privacy_notice_url}"
    )


def unavailable(council: Council) -> str:
    return (
        "Sorry, the assistant isn't available right now. Please try again in a few "
        f"minutes, or call {council.phone} ({council.opening_hours}), or contact us at "
        f"{council.contact_url}."
    )


# -- the resident's rights over this chat -------------------------------------

def offer_erasure() -> str:
    return (
        "Deleting this conversation removes everything stored about it, everywhere we keep it. "
        "It can't be undone, so if you want a copy, download it first.\n"
        "If a person from the contact team has this conversation, it can only be deleted once "
        "they have finished.\n"
        "Do you want to delete it now?"
    )


def erasure_buttons() -> list[dict[str, str]]:
    return [{"title": CONFIRM_ERASE, "payload": ERASE_CONVERSATION},
            {"title": KEEP_IT, "payload": KEEP_CONVERSATION}]


def kept(council: Council) -> str:
    return ("OK, I haven't deleted anything. This conversation is deleted automatically "
            f"{council.transcript_retention_days} days after you last use it. "
            "What else would you like to know?")


def erased() -> str:
    """Said once and never stored: there is no conversation left to store it in."""
    return ("Your conversation has been deleted, with everything stored about it. "
            "You can start a new chat at any time.")


def still_with_a_person(status: str) -> str:
    """Why a conversation a person has (or is queued for) is not deleted yet."""
    if status == "active":
        return ("You are talking to a person from the contact team, so this conversation can't be "
                "deleted yet. Tell them you want it deleted, then delete it here once they have "
                "finished. You can download a copy at any time.")
    return ("This conversation is in the queue for a person from the contact team, so it "
            "can't be deleted yet. You can delete it here once they have finished with it. "
            "You can download a copy at any time.")


def offer_transcript() -> str:
    return ("Here is a copy of this conversation to download, as a text file. Personal details "
            "you typed show as placeholders such as <EMAIL>, because that is all we keep.")


def transcript_link(session_id: str) -> dict[str, str]:
    return {"title": DOWNLOAD_TITLE, "url": f"/api/sessions/{session_id}/transcript"}
