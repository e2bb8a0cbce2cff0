"""Word matching for the knowledge index: BM25 (bm25s) over the same chunks
the embedding model sees, with the resident's misspellings mended first.

The embedding model reads meaning but stumbles on words it has never seen
spelt that way ("recyling", "councel"); BM25 matches exact words, so one
misspelling costs it the word entirely. So each query word that is not an
English word is moved to the nearest word the knowledge files use (one edit
for short words, two for longer ones), and both sides search with the mended
question. Words are lower-cased, stop words dropped and the rest stemmed
(Snowball English), so "collections" meets "collected".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from bot.safety.spelling import Speller

# bm25s sets its own logger to DEBUG when imported, which puts a line per
# index built into editors' command output.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_WORD = re.compile(r"[a-z0-9]+")
_TYPED_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# Words that say nothing about which service a question is about: the
# grammar of a question ("how do I", "can you", "what should we"), not its
# subject. Kept short on purpose: "empty", "move", "full" or "free" matter
# here, though general stop lists drop them. Apostrophe-free forms too,
# as residents type them.
_FUNCTION_WORDS = """
    i me my mine myself we us our ours ourselves you your yours yourself he him his himself
    she her hers herself its itself they them theirs themselves who whom whose which what
    whats when where why how hows whos wheres am was were been being have has had having
    do does did doing done will would shall should can could may might must ought
    im ive youre youve youd were weve wed theyre theyve hes shes thats theres
    dont doesnt didnt cant cannot couldnt wont wouldnt shouldnt isnt arent wasnt werent
    havent hasnt hadnt mustnt s t d ll ve re m
    so than too very just also only about above after again against all any both each
    few more most other some own same from up down out off over under until while here
    because before between during through with without within onto upon
    hi hello hey please pls plz thanks thank thx ok okay yes yeah yep oh um
    anyone someone somebody anybody something anything everything one ones
    get got getting go going gone goes want wants wanted need needs needed like know
    tell let lets
"""
STOPWORDS = frozenset(STOPWORDS_EN) | frozenset(_FUNCTION_WORDS.split())


def words(text: str) -> list[str]:
    """Lower-case words and numbers, apostrophes dropped ("council's" is
    "councils")."""
    return _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))


class QueryMender:
    """Mends misspelt words against the knowledge files' own vocabulary."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._speller = Speller(vocabulary)

    def mend(self, text: str) -> str:
        """The question with each misspelt word replaced, everything else as
        typed (so placeholders, numbers and names survive)."""
        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if not word.isalpha():  # "wasn't", "council's": written on purpose
                return word
            lower = word.lower()
            fixed = self._speller.correct(lower)
            # A split ("Kingsmoor" as "kings moor") is more often a name
            # than two words run together.
            return word if fixed == lower or " " in fixed else fixed
        return _TYPED_WORD.sub(fix, text)


class LexicalIndex:
    """BM25 over texts given in index order; scores come back in that order."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        corpus = [self.terms(t) or [""] for t in texts]
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocabulary = frozenset(t for doc in corpus for t in doc)
        self.size = len(texts)

    def stem(self, word: str) -> str:
        return self._stemmer.stemWord(word)

    def terms(self, text: str) -> list[str]:
        return self._stemmer.stemWords([w for w in words(text) if w not in STOPWORDS])

    def scores(self, query: str) -> np.ndarray:
        known = [t for t in self.terms(query) if t in self._vocabulary]
        if not known or not self.size:
            return np.zeros(self.size, dtype="float32")
        return np.asarray(self._bm25.get_scores(known), dtype="float32")


def vocabulary(texts: Iterable[str]) -> set[str]:
    return {w for t in texts for w in words(t) if w.isalpha()}
