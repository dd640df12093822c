"""Tracking codes citizens can read aloud, type on a phone and keep safe.

A code is 11 random characters and one check character from an alphabet of 31 without the
look-alikes 0/O, 1/I/L (``23456789ABCDEFGHJKMNPQRSTUVWXYZ``): about 54 bits, far too many to
guess under the rate limit. It is shown in groups of four (``ABCD-EFGH-JK2M``).

The check character makes the weighted sum ``sum(position * value)`` of all twelve characters
a multiple of 31. As 31 is prime and larger than the length, every single wrong character and
every swap of two characters changes the sum, so such typos are caught before any look-up and
get a "check the code" answer rather than "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from govflex.core.messages import Message

ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE: Final = len(ALPHABET)  # 31, a prime
BODY_LENGTH: Final = 11
LENGTH: Final = BODY_LENGTH + 1
_VALUE: Final = {char: index for index, char in enumerate(ALPHABET)}
_SEPARATORS: Final = " -_.\u00a0"
EXAMPLE: Final = "ABCD-EFGH-JK2M"


def _weighted_sum(chars: str) -> int:
    return sum(position * _VALUE[char] for position, char in enumerate(chars, start=1))


def check_character(body: str) -> str:
    """The character that completes ``body`` (11 alphabet characters) to a valid code."""
    if len(body) != BODY_LENGTH or any(char not in _VALUE for char in body):
        raise ValueError(f"a code body is {BODY_LENGTH} characters of {ALPHABET}")
    # LENGTH * check ≡ -sum (mod 31); 12 has an inverse modulo the prime 31.
    check = (-_weighted_sum(body) * pow(LENGTH, -1, BASE)) % BASE
    return ALPHABET[check]


def make_code(body: str) -> str:
    """``body`` with its check character: the stored form (12 characters, no separators)."""
    return body + check_character(body)


def is_valid(code: str) -> bool:
    return (
        len(code) == LENGTH
        and all(char in _VALUE for char in code)
        and _weighted_sum(code) % BASE == 0
    )


def display(code: str) -> str:
    """``ABCDEFGHJK2M`` → ``ABCD-EFGH-JK2M``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """A typed code, normalised; ``problem`` says how to fix it when it cannot be a code."""

    code: str
    problem: Message | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _problem(code: str, th: str, en: str, **params: str | int) -> Message:
    return Message(
        code=code,
        th=th.format(**params),
        en=en.format(**params),
        params=tuple(sorted(params.items())),
        path="code",
    )


def check_typed(raw: str) -> CodeCheck:
    """Normalise what a person typed (case, spaces, dashes) and say what is wrong with it.

    The answers only describe the code's form, never whether a request exists.
    """
    code = "".join(char for char in raw.upper() if char not in _SEPARATORS)
    if not code:
        return CodeCheck(
            code, _problem("tracking_empty", "กรุณากรอกรหัสติดตามคำขอ", "Enter your tracking code.")
        )
    strange = sorted({char for char in code if char not in _VALUE})
    if strange:
        return CodeCheck(
            code,
            _problem(
                "tracking_characters",
                "กรุณาตรวจสอบรหัส: รหัสติดตามไม่มีตัวอักษร {chars} (ใช้ตัวเลข 2–9 และอักษรภาษาอังกฤษ"
                " ยกเว้น I, L, O)",
                "Check the code: tracking codes do not contain {chars} (they use the digits 2–9 and"
                " the letters A–Z without I, L and O).",
                chars=" ".join(strange),
            ),
        )
    if len(code) != LENGTH:
        return CodeCheck(
            code,
            _problem(
                "tracking_length",
                "กรุณาตรวจสอบรหัส: รหัสติดตามมี {length} ตัวอักษร เช่น {example} (ที่กรอกมี {typed} ตัว)",
                "Check the code: a tracking code has {length} characters, e.g. {example}"
                " ({typed} typed).",
                length=LENGTH,
                example=EXAMPLE,
                typed=len(code),
            ),
        )
    if not is_valid(code):
        return CodeCheck(
            code,
            _problem(
                "tracking_checksum",
                "กรุณาตรวจสอบรหัส: รหัสติดตามนี้มีตัวอักษรที่พิมพ์ผิดหรือสลับตำแหน่ง",
                "Check the code: a character in it is mistyped or two are swapped.",
            ),
        )
    return CodeCheck(code)
