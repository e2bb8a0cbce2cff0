"""Shared assertions and check-digit makers for the recognizer tables.

A redacted value must leave no trace: every letter or digit run of it is
gone from the minimised text, and so is the value written without spaces,
in any case. Runs that the message also uses outside the value ("flat" in
"flat 2" when the text says "my flat" elsewhere) are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_RUN = re.compile(r"[^\W_]+")
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")


def _runs(value: str) -> list[str]:
    return _RUN.findall(value.lower())


def _compact(text: str) -> str:
    return "".join(_RUN.findall(text.lower()))


def _has_run(text: str, run: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(run)}(?![^\W_])", text.lower()) is not None


def assert_redacted(redactor, text: str, value: str | Sequence[str], placeholder: str) -> None:
    """`value` (or each of several values) is replaced and `placeholder` appears."""
    values = (value,) if isinstance(value, str) else tuple(value)
    for one in values:
        assert one in text, f"table error: {one!r} is not in {text!r}"
    rest = text
    for one in values:
        rest = rest.replace(one, " ")
    out = redactor.redact(text).text
    assert placeholder in out, f"{placeholder} missing from {out!r}"
    # "of" in "1st of May" must not be found inside "<DATE_OF_BIRTH>".
    left = _PLACEHOLDER.sub(" ", out)
    for one in values:
        for run in _runs(one):
            if _has_run(rest, run):
                continue
            assert not _has_run(left, run), f"{run!r} of {one!r} survived in {out!r}"
        compact = _compact(one)
        if len(compact) >= 4 and compact not in _compact(rest):
            assert compact not in _compact(left), f"{one!r} survived in {out!r}"


def assert_kept(redactor, text: str, fragment: str) -> None:
    """`fragment` is not personal data and comes through unchanged."""
    assert fragment in text, f"table error: {fragment!r} is not in {text!r}"
    out = redactor.redact(text).text
    assert fragment in out, f"{fragment!r} was changed: {out!r}"


def with_luhn(partial: str) -> str:
    """A card number: `partial` (digits and spaces) with its Luhn check digit."""
    digits = [int(c) for c in partial if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return f"{partial}{(10 - total % 10) % 10}"


def luhn_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    return with_luhn("".join(map(str, digits[:-1])))[-1] == str(digits[-1])


def nhs_number(first_nine: str, sep: str = " ") -> str:
    """A 10-digit NHS number from nine digits, with its modulus 11 check digit,
    grouped 3-3-4 by `sep` ("" for none)."""
    digits = [int(c) for c in first_nine]
    if len(digits) != 9:
        raise ValueError("nhs_number: need nine digits")
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
    if check == 11:
        check = 0
    if check == 10:
        raise ValueError(f"nhs_number: {first_nine} has no valid check digit")
    whole = f"{first_nine}{check}"
    return sep.join((whole[:3], whole[3:6], whole[6:]))


def iban(country: str, bban: str, group: bool = True) -> str:
    """An IBAN with correct ISO 13616 check digits, in groups of four or not."""
    bban = bban.replace(" ", "").upper()
    rearranged = f"{bban}{country.upper()}00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    whole = f"{country.upper()}{98 - number % 97:02d}{bban}"
    if not group:
        return whole
    return " ".join(whole[i:i + 4] for i in range(0, len(whole), 4))
