"""A resident's conversation through the real gateway, Rasa and actions."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_the_disclosure_comes_first(resident, council):
    first = resident.opening[0]["text"]
    assert first.startswith("Hello. I'm Northbrook's automated assistant. I'm an AI, not a person.")
    for promise in ("published information", "don't type personal details",
                    council.privacy_notice_url, "Talk to a person", council.phone):
        assert promise.lower() in first.lower()


def test_a_missed_bin_gets_sourced_guidance(resident):
    reply = resident.say("my bin wasn't emptied yesterday what do i do")
    assert reply["handoff"] is None
    (message,) = reply["messages"]
    assert "bin" in message["text"].lower()
    assert len(message["text"]) <= 700
    assert "{" not in message["text"]
    assert message["sources"] == [{
        "title": "Report a missed bin collection",
        "url": "https://www.northbrook.example.gov.uk/bins/missed-collection"}]
    assert "How to report a missed bin" in [b["title"] for b in message["buttons"]]


def test_a_follow_up_button_answers_the_next_step(resident):
    first = resident.say("my bin wasn't emptied yesterday what do i do")["messages"][0]
    button = next(b for b in first["buttons"] if b["title"] == "How to report a missed bin")
    message = resident.say(button["payload"])["messages"][0]
    assert "report" in message["text"].lower()
    assert message["sources"][0]["title"] == "Report a missed bin collection"


@pytest.mark.parametrize(
    "question, source_title",
    [
        ("how do I pay my council tax", "Pay your council tax"),
        ("when is the dump open", "Household waste recycling centres (the tip)"),
        ("how do i apply for a blue badge", "Blue Badge parking permits"),
        ("there are rats in my garden", "Pest control"),
        ("how do I register a birth", "Register a birth"),
    ],
)
def test_service_questions_are_answered_from_the_right_page(resident, question, source_title):
    message = resident.say(question)["messages"][0]
    assert message["sources"][0]["title"] == source_title


@pytest.mark.parametrize(
    "phrasing",
    ["can I speak to someone", "talk to a person", "i want a real human please",
     "get me an advisor", "can someone ring me back", "customer services please"],
)
def test_asking_for_a_person_puts_the_resident_in_the_queue(resident, sam, phrasing):
    reply = resident.say(phrasing)
    handoff = reply["handoff"]
    assert handoff["status"] == "waiting" and handoff["reason"] == "request"
    assert "You're in the queue" in reply["messages"][-1]["text"]
    assert sam.claim(handoff["id"]).status_code == 200
    assert sam.hand_back(handoff["id"]).status_code == 200


@pytest.mark.parametrize("question", ["are you a bot?", "am I talking to a real person",
                                      "is this a human"])
def test_it_says_honestly_that_it_is_an_ai(resident, question):
    assert "I'm an AI assistant, not a person" in resident.says_and_hears(question)


def test_how_data_is_used_comes_from_the_config(resident, council):
    text = resident.says_and_hears("how do you use my data?")
    assert council.data_protection_email in text
    assert council.privacy_notice_url in text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hello", "What would you like to know about council services?"),
        ("thanks", "You're welcome."),
        ("bye", "Goodbye."),
        ("what's the capital of peru", "I can only help with council services"),
        ("asdkjh qwpoe", "Could you say it another way"),
    ],
)
def test_conversation_basics(resident, text, expected):
    assert expected in resident.says_and_hears(text)


def test_the_chat_page_shows_the_council_and_the_way_to_a_person(client, council):
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert council.name in page and council.phone in page
    assert 'role="log"' in page and 'aria-live="polite"' in page
    assert '<label for="message">' in page
    assert 'id="talk-to-person"' in page
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


def test_health_reports_every_service(client):
    body = client.get("/health").json()
    assert body == {"status": "ok", "checks": {"gateway": True, "rasa": True, "actions": True}}


def test_each_answer_says_where_its_time_went_and_nothing_else(resident, stack):
    response = resident.post({"text": "how do I pay my council tax"})
    parts = dict(p.strip().split(";dur=") for p in response.headers["Server-Timing"].split(","))
    assert set(parts) == {"queue", "safety", "privacy", "language", "rasa", "total"}
    durations = {name: float(ms) for name, ms in parts.items()}
    assert all(ms >= 0 for ms in durations.values())
    assert durations["total"] >= durations["rasa"] + durations["safety"]
    log = stack.logs_of("actions").decode()
    assert "action timing: action_answer_from_knowledge" in log
