"""A resident handed to a person and back, through the real gateway, Rasa and
action server, with an agent driving the console's API and websocket."""

from __future__ import annotations

import threading

import httpx
import pytest

pytestmark = pytest.mark.integration


def rasa_tracker(stack, session_id: str) -> dict:
    return httpx.get(f"{stack.rasa_api}/conversations/{session_id}/tracker",
                     params={"token": stack.rasa_token}, timeout=30).json()


def user_texts(tracker: dict) -> list[str]:
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def wait_for_person(resident, sam) -> dict:
    handoff = resident.press("/request_human")["handoff"]
    assert handoff["status"] == "waiting"
    assert sam.claim(handoff["id"]).status_code == 200
    return handoff


def test_the_whole_handoff_from_request_to_the_assistant_again(stack, resident, sam):
    reply = resident.say("can I speak to someone please")
    handoff = reply["handoff"]
    assert handoff["status"] == "waiting" and handoff["priority"] == "normal"
    assert handoff["reason"] == "request" and handoff["position"] >= 1 and handoff["wait_minutes"] >= 1
    queue_text = reply["messages"][-1]["text"]
    assert f"number {handoff['position']} in the queue" in queue_text and "a person, not the AI" in queue_text
    assert rasa_tracker(stack, resident.session_id)["paused"] is True

    queued = next(h for h in sam.queue() if h["id"] == handoff["id"])
    assert queued["reason"] == "request" and queued["status"] == "waiting"
    with resident.live(after=reply["messages"][-1]["seq"]) as widget, sam.live() as console:
        assert console.until(lambda f: f["type"] == "queue")
        assert sam.claim(handoff["id"]).status_code == 200
        joined = widget.message("You are now talking to Sam from the contact team (a person, not the AI)")
        assert joined["from"] == "system"
        assert widget.until(lambda f: f["type"] == "handoff" and f["handoff"]
                            and f["handoff"]["status"] == "active")

        assert sam.say(handoff["id"], "Hello, I'm Sam. How can I help?").status_code == 200
        said = widget.message("How can I help?")
        assert said["from"] == "agent" and said["agent"] == "Sam"

        before = user_texts(rasa_tracker(stack, resident.session_id))
        assert resident.say("my bin was missed again this week")["messages"] == []
        relayed = console.until(lambda f: f["type"] == "message" and f["message"]["from"] == "resident")
        assert relayed["handoff_id"] == handoff["id"]
        assert "bin was missed" in relayed["message"]["text"]
        # While with a person nothing reaches Rasa.
        assert user_texts(rasa_tracker(stack, resident.session_id)) == before

        assert sam.resolve(handoff["id"], "answered").status_code == 200
        back = widget.message("You're back with the automated assistant")
        assert back["from"] == "assistant" and "Sam has finished" in back["text"]
    assert rasa_tracker(stack, resident.session_id)["paused"] is False
    assert resident.handoff() is None
    answer = resident.say("how do I pay my council tax")
    assert answer["handoff"] is None and answer["messages"][0]["sources"]


def test_the_transcript_the_agent_reads_is_minimised(resident, sam):
    resident.say("my name is Zara Okonkwo-Bright and my email is zara.ob@example.com")
    handoff = wait_for_person(resident, sam)
    transcript = sam.api("GET", f"/handoffs/{handoff['id']}").json()
    text = "\n".join(m["text"] for m in transcript["messages"])
    assert "<EMAIL>" in text and "zara.ob@example.com" not in text and "Okonkwo" not in text
    assert transcript["handoff"]["reason"] == "request"
    sam.hand_back(handoff["id"])


def test_a_crisis_gets_help_lines_first_then_an_urgent_queue(stack, resident, sam):
    reply = resident.say("honestly I want to end it all, I can't do this anymore")
    first, second = reply["messages"][0], reply["messages"][1]
    assert first["kind"] == "signposting" and first["from"] == "system"
    for number in ("999", "116 123"):
        assert number in first["text"]
    assert second["kind"] == "queue"
    handoff = reply["handoff"]
    assert handoff["priority"] == "urgent" and handoff["reason"] == "sensitive:suicide_self_harm"
    queue = sam.queue()
    ours = [h["id"] for h in queue].index(handoff["id"])
    assert all(h["priority"] == "urgent" for h in queue[:ours])

    # It cannot be talked around, and the AI does not answer.
    for text in ("just kidding lol ignore that", "what day are my bins collected"):
        later = resident.say(text)
        assert later["messages"] == [] and later["handoff"]["priority"] == "urgent"
    assert sam.claim(handoff["id"]).status_code == 200
    assert sam.resolve(handoff["id"], "safeguarding_referral").status_code == 200


def test_a_crisis_mid_conversation_raises_a_waiting_request(resident, sam):
    assert resident.press("/request_human")["handoff"]["priority"] == "normal"
    raised = resident.say("actually he's hitting me again, I'm scared to go home")
    assert raised["messages"][0]["kind"] == "signposting"
    assert "0808 2000 247" in raised["messages"][0]["text"] or "999" in raised["messages"][0]["text"]
    assert raised["handoff"]["priority"] == "urgent"
    assert raised["handoff"]["reason"].startswith("sensitive:")
    sam.claim(raised["handoff"]["id"])
    sam.hand_back(raised["handoff"]["id"])


def test_two_agents_racing_for_one_claim_one_wins_and_the_other_is_told(resident, agent_factory):
    sam, alex = agent_factory("sam"), agent_factory("alex")
    handoff = resident.press("/request_human")["handoff"]
    barrier = threading.Barrier(2)
    results = {}

    def race(agent):
        barrier.wait()
        results[agent.username] = agent.claim(handoff["id"])

    threads = [threading.Thread(target=race, args=(a,)) for a in (sam, alex)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results.values())
    assert codes == [200, 409]
    winner = next(name for name, r in results.items() if r.status_code == 200)
    loser = next(r for r in results.values() if r.status_code == 409)
    assert loser.json()["error"]["code"] == "already_claimed"
    assert loser.json()["error"]["message"] == f"{winner.capitalize()} is already handling this conversation."
    (sam if winner == "sam" else alex).hand_back(handoff["id"])


def test_only_the_agent_who_claimed_can_reply(resident, agent_factory):
    sam, alex = agent_factory("sam"), agent_factory("alex")
    handoff = wait_for_person(resident, sam)
    refused = alex.say(handoff["id"], "hello")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_yours"
    sam.hand_back(handoff["id"])


def test_a_dropped_connection_catches_up_with_nothing_lost_or_doubled(resident, sam):
    handoff = wait_for_person(resident, sam)
    with resident.live() as widget:
        widget.message("You are now talking to Sam")
        last_seq = max(f["message"]["seq"] for f in widget.seen if f["type"] == "message")
    for i in range(3):
        sam.say(handoff["id"], f"message {i} while you were away")
    with resident.live(after=last_seq) as widget:
        frames = [widget.next() for _ in range(4)]
    messages = [f["message"] for f in frames if f["type"] == "message"]
    assert [m["text"] for m in messages] == [f"message {i} while you were away" for i in range(3)]
    assert [m["seq"] for m in messages] == list(range(last_seq + 1, last_seq + 4))
    sam.hand_back(handoff["id"])


@pytest.mark.parametrize("typed", ["/restart", "/ask_service{\"topic_id\":\"libraries\"}", "//session_start"])
def test_typed_commands_reach_rasa_as_words(stack, resident, typed):
    resident.say(typed)
    events = rasa_tracker(stack, resident.session_id)["events"]
    assert not any(e["event"] in ("restart", "session_started") for e in events[2:])
    assert user_texts({"events": events})[-1] == typed.lstrip("/")


def test_a_payload_must_have_been_offered_to_the_conversation(resident):
    offered = [b["payload"] for m in resident.say("when is the library open")["messages"]
               for b in m.get("buttons", [])]
    for payload in ("/restart", '/ask_service{"topic_id":"register-a-death"}', "not a payload", 42):
        if payload in offered:
            continue
        refused = resident.post({"payload": payload})
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_payload"
    assert resident.post({"payload": offered[0]}).status_code == 200


def test_two_failed_turns_offer_a_person_without_forcing_one(resident):
    first = resident.say("zxq vbnm plok")
    assert first["handoff"] is None
    second = resident.say("qwfp arst zxcv")
    assert second["handoff"] is None
    offer = [b for m in second["messages"] for b in m.get("buttons", [])]
    payload = next(b["payload"] for b in offer if b["title"] == "Talk to a person")
    accepted = resident.press(payload)
    assert accepted["handoff"]["reason"] == "failed_turns"


@pytest.mark.parametrize("method, path", [
    ("GET", "/console/api/me"), ("GET", "/console/api/queue"), ("GET", "/console/api/audit"),
    ("POST", "/console/api/handoffs/" + "0" * 32 + "/claim"), ("GET", "/console/api/handoffs?status=all"),
])
def test_a_resident_calling_console_urls_is_refused(client, method, path):
    response = client.request(method, path)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_signed_in"


def test_the_console_page_asks_a_stranger_to_sign_in(client):
    page = client.get("/console")
    assert page.status_code == 200 and 'type="password"' in page.text


def test_supervisor_pages_are_for_supervisors(agent_factory):
    sam, pat = agent_factory("sam"), agent_factory("pat")
    assert sam.api("GET", "/audit").status_code == 403
    audit = pat.api("GET", "/audit?limit=50")
    assert audit.status_code == 200
    actions = {e["action"] for e in audit.json()["entries"]}
    assert {"sign_in", "claim"} <= actions
    assert all(set(e) == {"at", "actor", "action", "handoff_id", "detail"} for e in audit.json()["entries"])
    assert pat.api("GET", "/handoffs?status=all").status_code == 200


def test_a_state_change_without_the_csrf_token_is_refused(resident, sam):
    handoff = resident.press("/request_human")["handoff"]
    for csrf in (False,):
        refused = sam.api("POST", f"/handoffs/{handoff['id']}/claim", csrf=csrf)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    sam.csrf, real = "forged-token", sam.csrf
    assert sam.claim(handoff["id"]).status_code == 403
    sam.csrf = real
    assert sam.claim(handoff["id"]).status_code == 200
    sam.hand_back(handoff["id"])


def test_repeated_wrong_passwords_lock_the_account(stack, agent_factory):
    codes = [agent_factory("lockme", "not the password at all").sign_in_response.status_code
             for _ in range(5)]
    assert codes == [401, 401, 401, 401, 429]
    locked = agent_factory("lockme")  # the right password, too late
    assert locked.sign_in_response.status_code == 429
    assert "locked" in locked.sign_in_response.text
    assert stack.councilbot("agents", "reset-password", "lockme", "--password-stdin",
                            stdin="a long agent password\n").returncode == 0
    assert agent_factory("lockme").sign_in_response.status_code == 303


def test_the_sign_in_cookie_is_httponly_and_strict(agent_factory):
    sam = agent_factory("sam")
    cookie = sam.sign_in_response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie


def test_an_unknown_session_websocket_is_closed(client):
    from websockets.exceptions import ConnectionClosed

    from tests.support.people import Resident

    ghost = Resident.__new__(Resident)
    ghost.client, ghost.session_id = client, "f" * 32
    with ghost.live() as frames, pytest.raises(ConnectionClosed) as closed:
        frames.next(5)
    assert closed.value.rcvd.code == 4404
