"""Text that is safe to store and to put in any document.

One definition of the characters the service never keeps: C0 and C1 control
characters (other than tab, line feed and carriage return), Unicode
noncharacters (U+FDD0–U+FDEF and the last two code points of every plane)
and lone surrogates. XML 1.0 (DOCX, XLSX, ODF) cannot hold most of them, a
PDF renderer may choke on them, and none of them is something a person
meant to type. Every form (``ui.forms.GovukFormMixin``), every importer and
every document writer goes through ``clean_text``.
"""

from __future__ import annotations

import re

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
    + re.escape(_NONCHARACTERS)
    + "]"
)

# What a spreadsheet program reads as the start of a formula (or of a DDE call).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def clean_text(value: str) -> str:
    """``value`` without the characters the service never keeps."""
    return UNSAFE_CHARACTERS.sub("", value)


def clean_value(value):
    """``clean_text`` for a string; anything else as it is."""
    return clean_text(value) if isinstance(value, str) else value


def has_unsafe_characters(value: str) -> bool:
    return bool(UNSAFE_CHARACTERS.search(value))


def looks_like_formula(value: str) -> bool:
    return value.lstrip(" ").startswith(FORMULA_TRIGGERS) if value else False
