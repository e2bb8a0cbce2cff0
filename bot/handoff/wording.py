"""What residents are told about a handoff, in plain English, in one place
so the words can be reviewed without reading code."""

from __future__ import annotations

from bot.council import Council
from bot.replies import TALK_TO_A_PERSON


def signposting(council: Council, category: str) -> str:
    lines = [f"{line.label}: {line.number}" for line in council.help_lines(category)]
    if not any(line.number == "999" for line in council.help_lines(category)):
        lines.append("If you or someone else is in danger now, call: 999")
    return ("I'm sorry you're dealing with this. Please get help now:\n" + "\n".join(lines) +
            "\nI'm passing this conversation to a person in our contact team. "
            "The automated assistant will not reply.")


def minutes(n: int) -> str:
    return "1 minute" if n == 1 else f"{n} minutes"


def queued(council: Council, position: int, wait_minutes: int) -> str:
    return (f"You're in the queue to talk to someone from {council.short_name}'s contact team "
            f"(a person, not the AI). You're number {position} in the queue. The wait is about "
            f"{minutes(wait_minutes)}. Please keep this page open; you can keep typing and they "
            "will see your messages.")


def still_queued(position: int, wait_minutes: int) -> str:
    return (f"You're still in the queue, number {position}. The wait is about {minutes(wait_minutes)}. "
            "A person will see your messages when they join.")


def closed_now(council: Council, next_open_text: str | None) -> str:
    centre = council.contact_centre
    email = f" or email {centre.email}" if centre else ""
    when = f" A person is next available {next_open_text}." if next_open_text else ""
    return (f"Our contact team is closed at the moment.{when} You can call {council.phone} "
            f"({council.opening_hours}){email}. If someone is in danger now, call 999. "
            "I can still answer questions about council services.")


def urgent_out_of_hours(council: Council, next_open_text: str | None) -> str:
    when = f" {next_open_text}" if next_open_text else " as soon as they can"
    return (f"Our contact team is closed at the moment. Your conversation is marked urgent, and the "
            f"first person in will see it{when}. Please use the numbers above if you need help "
            "before then.")


def agent_joined(agent_name: str) -> str:
    return f"You are now talking to {agent_name} from the contact team (a person, not the AI)."


def agent_left(agent_name: str | None) -> str:
    who = agent_name or "The person from the contact team"
    return (f"{who} has finished. You're back with the automated assistant (an AI). Ask me anything "
            f'about council services, or choose "{TALK_TO_A_PERSON}".')


def back_in_queue(position: int, wait_minutes: int) -> str:
    return (f"The person who picked up your conversation had to step away. You're back in the queue, "
            f"number {position}. The wait is about {minutes(wait_minutes)}.")
