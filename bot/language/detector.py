"""Is a resident's message written in a language other than English, and if
so which? Asked of the raw text in the gateway's privacy step.

A false alarm costs more than a miss: a resident who writes English badly,
tersely or with foreign names must never be told to find an interpreter,
while a missed message in another language only goes on to the assistant,
which offers a person when it cannot help. So the answer is "another
language" only when the message has enough letters, and

- most of its letters are in a script other than Latin (English is never
  written in Arabic, Cyrillic or Gurmukhi letters), the language then told
  by its script, the letters only it uses, or the model; or
- it is in Latin letters, has enough words, is not a list of capitalised
  names, the model is confident it is not English, and most of its words
  are not common English words (wordfreq); or
- it is in Latin letters and enough of its words are everyday romanised
  Urdu, Hindi or Punjabi, which no model here knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from wordfreq import available_languages, zipf_frequency

from bot.language.backends import Backend
from bot.language.languages import (
    UNDETERMINED,
    Language,
    Languages,
    Romanised,
    load_languages,
    load_romanised,
)
from bot.language.text import IDEOGRAPHIC, LATIN, Written, read

_WORDFREQ = frozenset(available_languages())
# wordfreq's small lists hold every word at least as common as the English
# floor below, which is all the comparison needs, in a fifth of the memory.
WORDLIST = "small"
# Small words inside people's names: "Maria da Conceição Santos".
NAME_PARTICLES = frozenset({
    "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du", "la", "le", "van",
    "von", "y", "e", "al", "el", "bin", "binti", "ibn", "bint", "ap", "ni", "nic", "ó", "ua", "mac",
})


@dataclass(frozen=True)
class Thresholds:
    # Latin script: the message's letters and words, the model's confidence
    # that it is not English, and the largest share of common English words.
    min_latin_letters: int = 15
    min_latin_words: int = 3
    min_confidence: float = 0.8
    max_english_share: float = 0.4
    # A word this common in English (wordfreq's Zipf scale, where 3 is about
    # once per million words) and more common there than in the language
    # the model suggests counts as English.
    english_word_zipf: float = 3.0
    # Other scripts: letters enough to be sure (fewer for Chinese, Japanese
    # and Korean, where one sign is a word), and most of the letters.
    min_script_letters: int = 6
    min_ideographs: int = 3
    # Below this, the model's choice among a script's languages is not trusted
    # and the message is "another language" without saying which.
    min_script_confidence: float = 0.5


class LanguageDetector:
    """Built once per process: the backend's model is the heavy part."""

    def __init__(self, backend: Backend, languages: Languages | None = None,
                 romanised: Romanised | None = None, thresholds: Thresholds | None = None) -> None:
        self.backend = backend
        self.languages = languages or load_languages()
        self.romanised = romanised or load_romanised()
        self.thresholds = thresholds or Thresholds()
        self._latin = frozenset(lang.code for lang in self.languages.in_script(LATIN)) & backend.supported
        # Word lists load on first use: here, once, rather than on a resident's message.
        zipf_frequency("the", "en")
        for code in self._latin & _WORDFREQ:
            zipf_frequency("the", code, wordlist=WORDLIST)

    @classmethod
    def load(cls) -> LanguageDetector:
        from bot.language.backends import Py3langid

        languages = load_languages()
        return cls(Py3langid(languages.known), languages)

    def detect(self, text: str) -> str | None:
        """The language tag of a message written in another language (an
        ISO 639-1 code, "ur-Latn" for romanised Urdu, Hindi or Punjabi, or
        "und" when only the script is sure), or None for English and for
        anything that cannot be told apart from it."""
        written = read(text)
        other_letters = written.letters - written.latin_letters
        if other_letters > written.latin_letters:
            return self._by_script(written)
        return self._latin_language(written)

    # -- other scripts -------------------------------------------------------

    def _by_script(self, written: Written) -> str | None:
        scripts = written.scripts.copy()
        del scripts[LATIN]
        script, count = scripts.most_common(1)[0]
        if script in IDEOGRAPHIC:
            if sum(scripts[s] for s in IDEOGRAPHIC) < self.thresholds.min_ideographs:
                return None
            if scripts["HIRAGANA"] or scripts["KATAKANA"]:
                script = "HIRAGANA"
        elif count < self.thresholds.min_script_letters:
            return None
        candidates = self.languages.in_script(script)
        if not candidates:
            return UNDETERMINED
        if len(candidates) == 1:
            return candidates[0].code
        marked = _most_marked(written.text, candidates)
        if marked is not None:
            return marked
        ranked = self.backend.rank(written.text, {lang.code for lang in candidates})
        if ranked and ranked[0][1] >= self.thresholds.min_script_confidence:
            return ranked[0][0]
        return UNDETERMINED

    # -- Latin script --------------------------------------------------------

    def _latin_language(self, written: Written) -> str | None:
        t = self.thresholds
        words = written.latin_words()
        if written.latin_letters < t.min_latin_letters or len(words) < t.min_latin_words:
            return None
        if _names(words):
            return None
        if self._romanised(words):
            return self.romanised.tag
        ranked = self.backend.rank(written.text, self._latin)
        if not ranked:
            return None
        code, confidence = ranked[0]
        if code == self.languages.english or confidence < t.min_confidence:
            return None
        if self.english_share(words, code) > t.max_english_share:
            return None
        language = self.languages.get(code)
        if language is not None and language.scripts[0] != LATIN:
            # Kurdish in Latin letters (Kurmanji), not its Arabic script (Sorani).
            return f"{code}-Latn"
        return code

    def _romanised(self, words: tuple[str, ...]) -> bool:
        r = self.romanised
        hits = sum(word.lower() in r.words for word in words)
        if hits < r.min_words or hits < r.min_share * len(words):
            return False
        others = [w for w in words if w.lower() not in r.words]
        english = sum(zipf_frequency(w, "en") >= self.thresholds.english_word_zipf for w in others)
        return english <= self.thresholds.max_english_share * len(words)

    def english_share(self, words: tuple[str, ...], code: str) -> float:
        """The share of words common in English and no more common in the
        language the model suggests (where wordfreq knows that language)."""
        if not words:
            return 0.0
        floor = self.thresholds.english_word_zipf
        compare = code in _WORDFREQ
        english = 0
        for word in words:
            in_english = zipf_frequency(word, "en")
            if in_english >= floor and (not compare or
                                        in_english >= zipf_frequency(word, code, wordlist=WORDLIST)):
                english += 1
        return english / len(words)


def _names(words: tuple[str, ...]) -> bool:
    """Capitalised words only (with the small words inside names): names
    of people and places, or a message typed in capitals."""
    return all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)


def _most_marked(text: str, candidates: tuple[Language, ...]) -> str | None:
    """The one candidate whose own letters or words appear most, if any do."""
    scores = {lang.code: sum(text.count(mark) for mark in lang.marks) for lang in candidates}
    best = max(scores.values())
    if best == 0:
        return None
    winners = [code for code, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None
