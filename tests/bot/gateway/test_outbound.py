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
