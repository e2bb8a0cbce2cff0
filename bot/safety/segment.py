"""Splits a message into the pieces that are judged one by one.

A crisis sentence in the middle of a paragraph about council tax reads, to
an embedding of the whole paragraph, as a paragraph about council tax. Each
sentence is therefore judged on its own: the patterns see whole sentences
(so a pattern never joins words across a full stop), and the embedding
model also sees the clauses of long sentences and fixed-size stretches of
text typed with no punctuation at all.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?;\u2026])\s+|\n+|\s+[-\u2013\u2014]+\s+|(?<=[.!?])(?=[A-Z])")
# A comma before a relative pronoun ("..., which I don't think is right")
# does not start a clause that stands on its own, so it is not a break.
_CLAUSE_BREAK = re.compile(
    r",(?!\s*(?:which|who|whom|whose|where)\b)\s*"
    r"|\s+(?=(?:but|because|cos|coz|and then|and now|so that|so now|although|though|whereas)\s)",
    re.IGNORECASE,
)

# Clauses shorter than this carry too little for the model; they are joined
# to their neighbour.
MIN_CLAUSE_WORDS = 4
# Sentences longer than this are judged clause by clause, and clauses longer
# than this in windows: the model's time grows with the longest piece.
LONG_SENTENCE_WORDS = 20
# Unpunctuated stretches are cut into windows this long, overlapping by half.
WINDOW_WORDS = 14


def sentences(text: str) -> list[str]:
    """Non-empty sentences, in order."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip(" .!?;,\u2026")]


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses, each at least MIN_CLAUSE_WORDS words where
    possible; the sentence itself if it has only one."""
    pieces = [p.strip() for p in _CLAUSE_BREAK.split(sentence) if p and p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and len(merged[-1].split()) < MIN_CLAUSE_WORDS:
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and len(merged[-1].split()) < MIN_CLAUSE_WORDS:
        merged[-2:] = [f"{merged[-2]} {merged[-1]}"]
    return merged


def windows(words: list[str], size: int = WINDOW_WORDS) -> list[list[str]]:
    """Overlapping stretches of a long run of words (half a window apart),
    so a phrase that straddles one cut is whole in the next window."""
    if len(words) <= size:
        return [words]
    step = max(1, size // 2)
    starts = range(0, len(words) - size + step, step)
    return [words[i:i + size] for i in starts if words[i:i + size]]
