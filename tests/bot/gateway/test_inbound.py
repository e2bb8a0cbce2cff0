"""What clients send is checked and tidied before the privacy gate."""

from __future__ import annotations

import pytest

from bot.gateway.errors import ApiError
from bot.gateway.inbound import clean_text, read_json_object


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
