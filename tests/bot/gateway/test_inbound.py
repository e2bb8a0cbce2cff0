"""What clients send is checked and tidied before the privacy gate."""

from __future__ import annotations

import pytest

from bot.gateway.errors import ApiError
from bot.gateway.inbound import clean_text, client_id, read_json_object


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  my   bin\nwas missed ", "my bin was missed"),
        ("０７９１１ １２３４５６", "07911 123456"),
        ("bin\u200bmissed", "bin missed"),
        ("tab\tand\x00null", "tab and null"),
        ("émoji 🗑️ ok", "émoji 🗑️ ok"),
    ],
)
def test_text_is_normalised(raw, expected):
    assert clean_text(raw, 1000) == expected


@pytest.mark.parametrize(
    "raw, status, code",
    [
        ("", 422, "empty_message"),
        ("   \n ", 422, "empty_message"),
        ("\u200b\u200b", 422, "empty_message"),
        ("x" * 1001, 413, "message_too_long"),
        (42, 400, "invalid_text"),
        (None, 400, "invalid_text"),
        (["a"], 400, "invalid_text"),
    ],
)
def test_bad_text_gets_a_clear_error(raw, status, code):
    with pytest.raises(ApiError) as caught:
        clean_text(raw, 1000)
    assert (caught.value.status_code, caught.value.code) == (status, code)


@pytest.mark.parametrize("body", [b"", b"not json", b"\xff\xfe\x00", b"[1, 2]", b'"text"', b"{"])
def test_bodies_that_are_not_json_objects_are_rejected(body):
    with pytest.raises(ApiError) as caught:
        read_json_object(body)
    assert caught.value.status_code == 400


def test_a_json_object_is_read():
    assert read_json_object(b'{"text": "hi"}') == {"text": "hi"}


@pytest.mark.parametrize("raw, accepted", [
    (None, True),
    ("6f1c2a9e-1b2c-4d5e-8f90-123456789abc", True),
    ("abcdefgh", True),
    ("short", False),
    ("x" * 65, False),
    ("has space in it", False),
    ("../../etc/passwd", False),
    ("é" * 10, False),
    (12345678, False),
    ("", False),
])
def test_a_client_id_is_a_short_plain_token(raw, accepted):
    if accepted:
        assert client_id(raw) == raw
    else:
        with pytest.raises(ApiError) as caught:
            client_id(raw)
        assert caught.value.code == "invalid_client_id"
