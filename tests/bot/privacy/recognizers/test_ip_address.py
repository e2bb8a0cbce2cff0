"""IP addresses (v4 and v6) become <IP_ADDRESS>; version numbers, money,
dates and times stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

IP = "<IP_ADDRESS>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("my ip is 203.0.113.45", "203.0.113.45"),
        ("logged in from 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334"),
        ("the site blocked 198.51.100.23, can you unblock it", "198.51.100.23"),
        ("IP: 192.0.2.146.", "192.0.2.146"),
        ("my router is 192.168.1.254", "192.168.1.254"),
        ("ip address 10.0.0.12 at home", "10.0.0.12"),
        ("error page says your IP (203.0.113.7) was banned", "203.0.113.7"),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334 is my ipv6",
         "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
        ("it says 198.51.100.200 too many attempts", "198.51.100.200"),
        ("my ip address is 203.0.113.254!", "203.0.113.254"),
        ("ips 192.0.2.10 and 192.0.2.11 both blocked", ("192.0.2.10", "192.0.2.11")),
        ("I'm on fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
        ("Dear Sir, the portal rejected my login from 198.51.100.77 on Monday.",
         "198.51.100.77"),
        ("ip=203.0.113.99", "203.0.113.99"),
        ("my public ip 81.2.69.142 keeps getting captcha", "81.2.69.142"),
        ("ipv6 2001:db8:1234::42", "2001:db8:1234::42"),
    ],
)
def test_ip_addresses_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, IP)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("version 1.2.3 of the form", "1.2.3"),
        ("my bill is £1,234.56", "£1,234.56"),
        ("collection on 12.03.2026", "12.03.2026"),
        ("open 9.00 to 5.30", "9.00 to 5.30"),
        ("section 3.4.1 of the policy", "3.4.1"),
        ("the app v2.0.1 crashes", "v2.0.1"),
        ("the tip is 0.5 miles away", "0.5 miles"),
        ("the meeting is at 10:30", "10:30"),
        ("the website www.northbrook.example.gov.uk", "www.northbrook.example.gov.uk"),
        ("council phone 01632 960100", "01632 960100"),
        ("paragraph 4.2.1.3 of the lettings policy", "4.2.1.3"),
        ("Windows 10.0 and Chrome 120.0.6099.109", "120.0.6099.109"),
    ],
)
def test_version_numbers_and_times_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
