"""Search text in Thai and English.

Thai is written without spaces between words, so a query cannot be split on spaces alone: the
query is segmented into words (the shell passes a word segmenter, e.g. pythainlp's ``newmm``)
and a text matches when it contains every word. Stored text and queries are normalised the same
way first, so that typing habits do not hide a match: Unicode NFC, lower case, zero-width
characters removed, the two spellings of sara am (``ํา`` and ``ำ``) made one, and white space
collapsed.

Matching on contained words (not on word boundaries) is deliberate: segmenters disagree at the
edges of compounds (``รายงานการประชุม`` may be ``รายงาน|การ|ประชุม`` or ``รายงาน|การประชุม``), and a
user who types a word expects to find it wherever it appears, also in the middle of a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Segmenter = Callable[[str], Sequence[str]]

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACE = re.compile(r"\s+")
_THAI = re.compile(r"[\u0e00-\u0e7f]+")
_WORD = re.compile(r"[\w\u0e00-\u0e7f]+")
# Single characters and a few particles match nearly everything; dropping them keeps the
# remaining words meaningful without hiding anything a user would look for.
_NOISE = frozenset({"", "ๆ", "ฯ", "the", "a", "an", "of", "and", "or", "to", "in"})
MAX_TERMS = 8


def normalise(text: str) -> str:
    """The form both stored text and queries are compared in."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\u0e4d\u0e32", "\u0e33")  # nikhahit + sara aa → sara am
    return _SPACE.sub(" ", text).strip().lower()


def index_text(*parts: str | None) -> str:
    """One normalised string holding every searchable part of a record."""
    return normalise(" \n ".join(p for p in parts if p))


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the whole phrase and the words every match must contain."""

    phrase: str
    terms: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.terms


def parse(query: str, segment: Segmenter) -> Query:
    """Split ``query`` into words: on spaces and punctuation, then Thai runs by ``segment``."""
    phrase = normalise(query)
    terms: list[str] = []
    for chunk in _WORD.findall(phrase):
        pieces: Iterable[str] = [chunk]
        if _THAI.search(chunk):
            pieces = _segment_thai(chunk, segment)
        for piece in pieces:
            word = piece.strip()
            if len(word) > 1 and word not in _NOISE and word not in terms:
                terms.append(word)
    # The longest words say the most; a runaway query stays bounded.
    if len(terms) > MAX_TERMS:
        terms = sorted(terms, key=len, reverse=True)[:MAX_TERMS]
    return Query(phrase=phrase, terms=tuple(terms))


def _segment_thai(chunk: str, segment: Segmenter) -> list[str]:
    words: list[str] = []
    for raw in segment(chunk):
        piece = raw.strip()
        if not piece:
            continue
        # A one-letter piece is a segmentation edge, not a word: keep it with its neighbour.
        if len(piece) == 1 and words:
            words[-1] += piece
        else:
            words.append(piece)
    return words


def matches(query: Query, text: str) -> bool:
    """Whether normalised ``text`` holds every word of the query."""
    return not query.empty and all(term in text for term in query.terms)


def rank(query: Query, text: str) -> tuple[int, int]:
    """Higher is better: the whole phrase first, then how often the words appear."""
    return (int(query.phrase in text), sum(text.count(term) for term in query.terms))


def snippet(query: Query, text: str, width: int = 80) -> tuple[str, str, str]:
    """A window of ``text`` around the first match: (before, match, after)."""
    flat = _SPACE.sub(" ", text)
    lower = flat.lower()
    hits = [(lower.find(t), t) for t in (query.phrase, *query.terms) if t and lower.find(t) >= 0]
    if not hits:
        return (flat[:width], "", "")
    at, term = min(hits, key=lambda hit: (hit[0], -len(hit[1])))
    start = max(0, at - width // 2)
    end = min(len(flat), at + len(term) + width // 2)
    before = ("…" if start else "") + flat[start:at]
    after = flat[at + len(term) : end] + ("…" if end < len(flat) else "")
    return (before, flat[at : at + len(term)], after)
