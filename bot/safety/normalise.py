"""Turns what a resident types into the plain form the patterns and the
embedding model are written against.

People in crisis type fast and badly: "im gona kil myslef", "hes got a nife
2nite", "NOWHERE TO SLEEP!!!". Rather than write every spelling into every
pattern, one normaliser maps all of them to one form: NFKC, lower case,
placeholders from the privacy gate read as ordinary words, contractions
and text-speak expanded ("im" -> "i am", "2nite" -> "tonight", "kms" ->
"kill myself"), stretched and misspelt words repaired (`spelling.py`), and
words separated by single spaces with punctuation gone. Patterns can then
say "i am" once and mean "I'm", "im", "i m" and "Iam".
"""

from __future__ import annotations

import re
import unicodedata

from bot.safety.spelling import Speller

# The privacy gate's placeholders, read as the words a resident would use,
# so "my ex <NAME> is outside <ADDRESS>" reads "my ex someone is outside the
# house" to both the patterns and the model.
PLACEHOLDER_WORDS: dict[str, str] = {
    "NAME": "someone",
    "ADDRESS": "the house",
    "POSTCODE": "the area",
    "PHONE": "my number",
    "EMAIL": "my email",
    "NI_NUMBER": "my number",
    "NHS_NUMBER": "my number",
    "CARD_NUMBER": "my card",
    "BANK_ACCOUNT": "my account",
    "DATE_OF_BIRTH": "my birthday",
}
_PLACEHOLDER = re.compile(r"<\s*([A-Za-z_]+)\s*>")

# Apostrophe forms first, then the same words typed without one. Only
# expansions that cannot be another word: "ill", "were", "id" and "its" are
# words, so "i'll", "we're", "i'd" and "it's" expand only with the apostrophe.
_CONTRACTIONS: dict[str, str] = {
    "i'm": "i am", "im": "i am", "iam": "i am", "i've": "i have", "ive": "i have",
    "i'll": "i will", "i'd": "i would", "you're": "you are", "youre": "you are",
    "you've": "you have", "you'll": "you will", "you'd": "you would",
    "he's": "he is", "hes": "he is", "she's": "she is", "shes": "she is",
    "it's": "it is", "we're": "we are", "we've": "we have", "weve": "we have",
    "we'll": "we will", "we'd": "we would", "they're": "they are", "theyre": "they are",
    "they've": "they have", "theyve": "they have", "they'll": "they will",
    "they'd": "they would", "he'll": "he will", "she'll": "she will",
    "he'd": "he would", "she'd": "she would", "there's": "there is", "theres": "there is",
    "that's": "that is", "thats": "that is", "what's": "what is", "whats": "what is",
    "who's": "who is", "where's": "where is", "here's": "here is", "let's": "let us",
    "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not",
    "wont": "will not", "don't": "do not", "dont": "do not", "doesn't": "does not",
    "doesnt": "does not", "didn't": "did not", "didnt": "did not", "isn't": "is not",
    "isnt": "is not", "aren't": "are not", "arent": "are not", "wasn't": "was not",
    "wasnt": "was not", "weren't": "were not", "werent": "were not",
    "haven't": "have not", "havent": "have not", "hasn't": "has not", "hasnt": "has not",
    "hadn't": "had not", "hadnt": "had not", "couldn't": "could not", "couldnt": "could not",
    "wouldn't": "would not", "wouldnt": "would not", "shouldn't": "should not",
    "shouldnt": "should not", "mustn't": "must not", "ain't": "is not", "aint": "is not",
    "y'all": "you all",
}

# Text-speak, chat slang and the euphemisms people use to get past filters
# ("unalive", "sewer slide"), each to the plain words.
_TEXT_SPEAK: dict[str, str] = {
    "u": "you", "ya": "you", "yu": "you", "ur": "your", "yr": "your", "r": "are",
    "n": "and", "nd": "and", "b4": "before", "2day": "today", "2dy": "today",
    "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "tonyt": "tonight",
    "tnite": "tonight", "tnight": "tonight", "2moro": "tomorrow", "2morrow": "tomorrow",
    "2mrw": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow", "nite": "night",
    "coz": "because", "cos": "because", "cuz": "because", "bcos": "because",
    "bcoz": "because", "bc": "because", "becuz": "because",
    "pls": "please", "plz": "please", "plez": "please", "ppl": "people", "peeps": "people",
    "gonna": "going to", "gona": "going to", "gunna": "going to", "goin": "going",
    "wanna": "want to", "wana": "want to", "gotta": "got to", "hafta": "have to",
    "dunno": "do not know", "idk": "i do not know", "kms": "kill myself",
    "kmsl": "kill myself", "kys": "kill yourself", "unalive": "kill", "unalived": "killed",
    "unaliving": "killing", "selfharm": "self harm", "selfharming": "self harming",
    "rn": "right now", "atm": "at the moment", "asap": "as soon as possible",
    "bf": "boyfriend", "gf": "girlfriend", "hubby": "husband", "wifey": "wife",
    "mam": "mum", "ma": "mum", "mom": "mum", "mommy": "mum", "mummy": "mum",
    "da": "dad", "daddy": "dad", "bro": "brother", "sis": "sister", "lil": "little",
    "thru": "through", "tho": "though", "wiv": "with", "wid": "with", "wit": "with",
    "w": "with", "ov": "of", "av": "have", "hav": "have",
    "ther": "there", "thier": "their", "dat": "that", "dis": "this", "dem": "them", "tha": "the",
    "sum1": "someone",
    "some1": "someone", "any1": "anyone", "no1": "no one", "noone": "no one",
    "every1": "everyone", "nuthin": "nothing", "nothin": "nothing", "sumthin": "something",
    "somethin": "something", "rly": "really", "realy": "really", "v": "very",
    "bout": "about", "abt": "about", "wat": "what", "wot": "what", "wen": "when",
    "wer": "where", "anymore": "any more", "nomore": "no more", "alot": "a lot",
    "ok": "okay", "k": "okay", "msg": "message", "msgs": "messages", "txt": "text",
    "pic": "picture", "pics": "pictures", "fone": "phone", "b": "be", "c": "see",
    "y": "why", "yrs": "years", "hrs": "hours",
    "mins": "minutes", "nowt": "nothing", "owt": "anything", "summat": "something",
    "innit": "is it not", "ffs": "for god sake",
    "omg": "oh my god", "nvm": "never mind", "tbh": "to be honest", "imo": "in my opinion",
    "sewerslide": "suicide", "suicde": "suicide", "sucide": "suicide",
    "meself": "myself", "myslf": "myself", "mysef": "myself", "mi": "my",
    "nobody": "no one", "nobodys": "no one is", "noones": "no one is",
}

# Two-word forms that only make sense together.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsewer ?slide\b"), "suicide"),
    (re.compile(r"\bself ?delete\b"), "kill myself"),
    (re.compile(r"\b(\d+)\s*(?:yrs?|years?)\s*old\b"), r"\1 year old"),
    (re.compile(r"\b(\d+)\s*(?:yo|y o|y\.o\.?)\b"), r"\1 year old"),
    # "2" for "to" only where a number cannot be meant: "want 2 die", "2 live".
    (re.compile(r"\b(want|wanna|going|gonna|trying|try|able|wish|ready|used)\s+2\b"),
     r"\1 to"),
    (re.compile(r"(?<![\d.,£$])\b2\s+(?=(?:live|die|be|go|do|kill|hurt|end|sleep|stay|leave|get|see|talk|speak|"
                r"cope|carry|wake|help|eat)\b)"), "to "),
)

_WITH = re.compile(r"\bw/(o\b)?")
_SEPARATORS = re.compile(r"[-_/\\+|]+")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"),
    ("'d", " would"), ("'s", ""), ("'", ""),
)


def prepare(text: str) -> str:
    """NFKC and placeholders as words: the form sentences are split from."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " " for ch in text)

    def word(match: re.Match[str]) -> str:
        return f" {PLACEHOLDER_WORDS.get(match.group(1).upper(), 'something')} "

    return _PLACEHOLDER.sub(word, text)


class Normaliser:
    """One per process; `words` is thread-safe (it only reads)."""

    def __init__(self, speller: Speller) -> None:
        self.speller = speller

    def words(self, text: str) -> list[str]:
        """The normalised words of one piece of prepared text."""
        text = _WITH.sub(lambda m: " without " if m.group(1) else " with ", text.lower())
        text = _SEPARATORS.sub(" ", text)
        for pattern, replacement in _PHRASES:
            text = pattern.sub(replacement, text)
        out: list[str] = []
        for token in _TOKEN.findall(text):
            if token == "kms" and out and out[-1].isdigit():
                out.append("kilometres")
                continue
            out.extend(self._expand(token).split())
        return out

    def normalise(self, text: str) -> str:
        return " ".join(self.words(prepare(text)))

    def _expand(self, token: str) -> str:
        if token in _CONTRACTIONS:
            return _CONTRACTIONS[token]
        if token in _TEXT_SPEAK:
            return _TEXT_SPEAK[token]
        if "'" in token:
            for suffix, replacement in _SUFFIXES:
                if token.endswith(suffix):
                    stem = token[: -len(suffix)]
                    return f"{self._expand(stem) if stem else ''}{replacement}"
            return token.replace("'", "")
        corrected = self.speller.correct(token)
        if corrected != token and corrected in _TEXT_SPEAK:
            return _TEXT_SPEAK[corrected]
        if corrected != token and corrected in _CONTRACTIONS:
            return _CONTRACTIONS[corrected]
        return corrected
