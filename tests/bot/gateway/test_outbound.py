"""Rasa's REST replies become the gateway's messages."""

from __future__ import annotations

import pytest

from bot.gateway.outbound import to_messages

SOURCE = {"title": "Report a missed bin", "url": "https://www.northbrook.example.gov.uk/bins"}
BUTTON = {"title": "Talk to a person", "payload": "/request_human"}


@pytest.mark.parametrize(
    "replies, expected",
    [
        ([{"recipient_id": "x", "text": "Hello"}], [{"text": "Hello"}]),
        ([{"text": "Pick", "buttons": [BUTTON]}], [{"text": "Pick", "buttons": [BUTTON]}]),
        ([{"custom": {"text": "Answer", "sources": [SOURCE], "buttons": [BUTTON]}}],
         [{"text": "Answer", "buttons": [BUTTON], "sources": [SOURCE]}]),
        ([{"custom": {"text": "Answer", "sources": [{"title": "x", "url": "javascript:alert(1)"}]}}],
         [{"text": "Answer"}]),
        ([{"text": "Hi", "buttons": [{"title": "no payload"}]}], [{"text": "Hi"}]),
        ([{"image": "https://example.org/x.png"}, {"text": " "}], []),
        ("not a list", []),
        ([None, 3, {"text": "ok"}], [{"text": "ok"}]),
    ],
)
def test_replies_translate(replies, expected):
    assert to_messages(replies) == expected


COPY = "/api/sessions/0123456789abcdef0123456789abcdef/transcript"


@pytest.mark.parametrize("download, kept", [
    ({"title": "Download this conversation (text file)", "url": COPY}, True),
    ({"title": "Copy", "url": "https://evil.example/api/sessions/x/transcript"}, False),
    ({"title": "Copy", "url": "javascript:alert(1)"}, False),
    ({"title": "Copy", "url": COPY + "?format=json&x=1"}, False),
    ({"title": "Copy", "url": "/api/sessions/../../console/transcript"}, False),
    ({"url": COPY}, False),
    ("not a link", False),
])
def test_only_a_conversations_own_copy_is_offered_as_a_download(download, kept):
    (message,) = to_messages([{"custom": {"text": "Here is a copy", "download": download}}])
    assert ("download" in message) is kept
    if kept:
        assert message["download"] == download


@pytest.mark.parametrize("answer, kept", [
    ({"confident": True, "topic": "missed-bin", "section": "missed-bin#how-to-report"},
     {"confident": True, "topic": "missed-bin", "section": "missed-bin#how-to-report"}),
    ({"confident": True, "topic": "libraries"}, {"confident": True, "topic": "libraries"}),
    ({"confident": True, "topic": "libraries", "section": "Libraries#<b>"},
     {"confident": True, "topic": "libraries"}),
    ({"confident": False}, {"confident": False}),
    ({"confident": False, "topic": "libraries"}, {"confident": False}),
    ({"confident": True, "topic": "libraries", "low": True},
     {"confident": True, "topic": "libraries", "low": True}),
    ({"confident": True, "topic": "libraries", "low": "yes"}, {"confident": True, "topic": "libraries"}),
    ({"confident": False, "declined": "not_sure", "guess": "libraries"},
     {"confident": False, "declined": "not_sure", "guess": "libraries"}),
    ({"confident": False, "declined": "elsewhere", "guess": "passports"},
     {"confident": False, "declined": "elsewhere", "guess": "passports"}),
    ({"confident": False, "declined": "<script>", "guess": "Libraries <b>"}, {"confident": False}),
    ({"confident": False, "declined": "not_sure", "guess": "libraries#opening-hours"},
     {"confident": False, "declined": "not_sure"}),
    ({"confident": False, "guess": "x" * 81}, {"confident": False}),
    ({"confident": True, "topic": "Missed Bin"}, None),
    ({"confident": True, "topic": "missed-bin#a#b"}, None),
    ({"confident": True, "topic": "x" * 81}, None),
    ({"confident": True}, None),
    ({"confident": "yes", "topic": "libraries"}, None),
    ({"topic": "libraries"}, None),
    ("libraries", None),
])
def test_only_a_well_formed_answer_source_is_passed_on(answer, kept):
    (message,) = to_messages([{"custom": {"text": "Answer", "answer": answer}}])
    assert message.get("answer") == kept
