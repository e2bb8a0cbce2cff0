"""Street addresses as residents type them: "14 Mill Lane", "flat 2 14 mill
lane", "Flat 4, Aldermoor Court", "Rose Cottage, Church Road, Kelsby",
"we're at 5 Northgate", with the village or town that follows.

An address is read as parts: a flat or unit, then a house number or a house
name, then a street, then a locality. A street with an unambiguous type
("road", "lane") stands on its own; one whose type is also an everyday word
("way", "close", "green") needs capitals or an address cue such as "live
at"; a bare name after a number ("5 Northgate") needs a cue or a flat
before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.privacy.lexicon import commonness, name_lexicon
from bot.privacy.rule import RuleRecognizer

CLEAR_TYPES = frozenset({
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "drive", "dr", "crescent",
    "cres", "gardens", "gdns", "terrace", "tce", "mews", "square", "sq", "boulevard",
    "cottages", "grove", "gr",
})
EVERYDAY_TYPES = frozenset({
    "way", "close", "court", "ct", "place", "pl", "hill", "park", "row", "walk", "view",
    "rise", "green", "parade", "vale", "end", "yard", "fold", "gate", "chase", "croft",
    "meadow", "meadows", "wharf", "quay", "approach", "circus", "wynd", "side", "bank",
    "brow", "dene", "garth", "hey", "nook", "paddock", "pastures", "ridge", "wood",
})
# A named single home identifies a household on its own.
HOME_WORDS = frozenset({
    "cottage", "farm", "farmhouse", "lodge", "barn", "granary", "forge", "mill", "manor",
    "villa", "bungalow", "grange", "rectory", "vicarage", "oast", "stables", "schoolhouse",
    "maltings", "coach",
})
# A named block holds many homes: it is an address only with a flat number,
# an address cue or a street after it.
BLOCK_WORDS = frozenset({
    "house", "chambers", "mansions", "court", "heights", "tower", "point", "buildings",
    "flats", "apartments",
})
HOUSE_WORDS = HOME_WORDS | BLOCK_WORDS
# First words of place names that are everyday words: "Little Ousby".
PLACE_PREFIXES = frozenset({
    "little", "great", "upper", "lower", "nether", "north", "south", "east", "west", "old",
    "new", "long", "high", "kings", "king's", "st", "saint", "middle", "over",
})
# Welsh street types come first: "Heol y Nant", "Ffordd Las".
WELSH_TYPES = frozenset({"heol", "ffordd", "stryd", "lon", "lôn", "rhodfa", "cilgant", "maes"})
# Street names written as one word end like these: "Kingsway", "Northgate".
_GLUED_STREET = re.compile(
    r"[A-Z][a-z]+(?:way|gate|side|field|fields|croft|mead|wood|hill|dale|moor|bank|brook|lea|"
    r"leigh|rise|row|walk|green|park|lands|fold|garth|holme)$")
GREETINGS = frozenset({"hi", "hello", "hey", "hiya", "dear", "thanks", "yes", "no", "ok", "okay"})
UNIT_WORDS = frozenset({"flat", "flats", "apartment", "apt", "unit", "room", "maisonette",
                        "studio", "house", "block", "plot"})
# Before a number, these make the words after it an address.
CUES = (
    "live at", "living at", "lives at", "live in", "living in", "lives in", "address",
    "addy", "moved to", "moving to", "move to", "moved from", "moved out of", "im at",
    "i'm at", "i’m at", "we're at", "were at", "we are at", "i am at", "based at",
    "staying at", "stay at", "reside at", "resident of", "tenant of", "formerly of",
    "send it to", "post it to", "deliver to", "collect from", "collection from",
    "property at", "properties at", "house at", "flat at",
)
WEAK_CUES = frozenset({"at", "from", "of", "to", "for", "in"})
STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "on", "in", "at", "to", "of", "for", "by", "from",
    "with", "is", "was", "are", "were", "be", "been", "it", "its", "this", "that", "my",
    "our", "your", "his", "her", "their", "i", "im", "we", "you", "he", "she", "they", "me",
    "us", "them", "every", "each", "per", "since", "until", "till", "last", "next", "ago",
    "no", "not", "so", "if", "when", "then", "than", "as", "please", "pls", "thanks", "ta",
    "can", "could", "would", "will", "should", "have", "has", "had", "do", "does", "did",
    "year", "years", "yr", "yrs", "day", "days", "week", "weeks", "wk", "wks", "month",
    "months", "minute", "minutes", "mins", "min", "hour", "hours", "hrs", "time", "times",
    "am", "pm", "bin", "bins", "bag", "bags", "people", "kids", "children", "adults",
    "litre", "litres", "pounds", "quid", "percent", "items", "item", "boxes", "box",
    "sacks", "sack", "pages", "page", "miles", "mile", "metres", "meters", "feet", "foot",
    "inches", "kg", "tonnes", "x", "out", "off", "up", "down", "over", "about", "after",
    "before", "into", "onto", "there", "here", "now", "today", "tomorrow", "yesterday",
    "which", "what", "who", "where", "why", "how", "all", "any", "some", "more", "most",
    "other", "same", "o'clock", "oclock", "nights", "night",
    "bedroom", "bedrooms", "bed", "storey", "floor", "floors", "steps", "stairs",
    "nobody", "someone", "still", "again", "also", "just", "too", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
# Anywhere earlier in the message, these make a number-and-name an address.
MESSAGE_CUES = re.compile(r"\b(?:address|addy|live|living|lives|moved|moving)\b", re.IGNORECASE)
_TOKEN = re.compile(r"(?<!\w)\d{1,4}[A-Za-z]?(?![\w'’])|\d+|[^\W\d_][\w'’-]*|[,]|[^\w\s]")
_CONTRACTION = re.compile(r"(?:n't|'re|'ve|'ll|'m|'d)$")
_POSTCODE = re.compile(r"[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}\b")


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


class UkAddressRecognizer(RuleRecognizer):
    def __init__(self, allow_words: Iterable[str] = ()) -> None:
        super().__init__("UK_ADDRESS")
        self._own = {w.lower() for w in allow_words}


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        results = []
        i = 0
        while i < len(toks):
            end = self._address_at(text, toks, i)
            if end is None:
                i += 1
                continue
            end = self._locality(text, toks, end)
            start = toks[i].start
            number_word = re.search(r"\b(?:no\.?|number|num)\s*$", text[max(0, start - 8):start],
                                    re.IGNORECASE)
            if number_word and toks[i].number:
                start -= len(text[max(0, start - 8):start]) - number_word.start()  # "no. 22 Beacon Road"
            results.append(RecognizerResult("UK_ADDRESS", start, toks[end].end, 0.7))
            i = end + 1
        return results

    # -- parts ---------------------------------------------------------------

    def _address_at(self, text: str, toks: list[_Tok], i: int) -> int | None:
        """The index of the last token of an address starting at i."""
        cued = self._cued(text, toks[i].start)
        unit = self._unit(toks, i)
        j = unit + 1 if unit is not None else i
        if j >= len(toks):
            return None
        strong = cued or unit is not None
        weak = strong or self._weak_cue(toks, i) or self._message_cue(text, toks[i].start)
        if toks[j].number:
            end = self._numbered(toks, j, strong, weak)
        else:
            end = self._house_name(toks, j, strong, unit is not None, weak)
            if end is None and unit is not None:
                k = j + 1 if toks[j].low == "the" else j
                end = self._street(toks, k, True)
                if end is None:
                    end = self._bare_name(toks, k, capitals_only=False, most=3)
        if end is None:
            return None
        return self._continued(toks, end, strong)

    def _numbered(self, toks: list[_Tok], j: int, strong: bool, weak: bool) -> int | None:
        """A house number and its street: "14 Mill Lane", "16-18 Fairfax Mews",
        "we're at 5 Northgate", "55 Kingsway"."""
        if j + 2 < len(toks) and toks[j + 1].text in ("-", "/") and toks[j + 2].number:
            j += 2  # "16-18 Fairfax Mews", "12/3 Rowan Court"
        k = _skip_comma(toks, j + 1)
        end = self._street(toks, k, weak, numbered=True)
        if end is None and not weak:
            # "12 larch way nb3 8ep": a postcode straight after says it is an address.
            end = self._street(toks, k, True, numbered=True)
            if end is not None and not (end + 1 < len(toks) and _postcode_at(toks[end + 1])):
                end = None
        if end is None and k < len(toks) and _GLUED_STREET.match(toks[k].text):
            return k
        if end is None and (strong or weak and _caps(toks, k)):
            end = self._bare_name(toks, k, capitals_only=not strong)
        return end

    def _continued(self, toks: list[_Tok], end: int, strong: bool) -> int:
        """Takes the parts that follow: ", 2 Northgate", ", Chapel Street"."""
        for _ in range(2):
            k = _skip_comma(toks, end + 1)
            if k >= len(toks) or (k == end + 1 and not strong):
                break
            more = (self._numbered(toks, k, True, True) if toks[k].number
                    else self._street(toks, k, False))
            if more is None:
                break
            end = more
        return end

    def _unit(self, toks: list[_Tok], i: int) -> int | None:
        """"Flat 2", "flat 3b", "Flat C": the index of its last token."""
        if toks[i].low in UNIT_WORDS and i + 1 < len(toks) and (
                toks[i + 1].number or re.fullmatch(r"[A-Za-z]", toks[i + 1].text)):
            last = i + 1
            if last + 2 < len(toks) and toks[last + 1].text == "-" and toks[last + 2].number:
                last += 2  # "Flats 1-6"
            return _skip_comma(toks, last + 1) - 1
        return None

    def _street(self, toks: list[_Tok], k: int, cued: bool, numbered: bool = False) -> int | None:
        """Up to three name words and a street type: "Mill Lane", "the green";
        after a house number, "the" and any name: "22 The Maltings"."""
        if k < len(toks) and toks[k].low in WELSH_TYPES and toks[k].capitalised:
            end = None
            for j in range(k + 1, min(k + 4, len(toks))):
                if not _plain_word(toks[j]) or not (toks[j].capitalised or toks[j].low in
                                                    ("y", "yr", "'r")):
                    break
                if toks[j].capitalised:
                    end = j
            return end
        names = 0
        j = k
        while j < len(toks) and _plain_word(toks[j]) and names <= 3:
            low = toks[j].low
            if low in CLEAR_TYPES and names >= 1:
                return j
            if low in EVERYDAY_TYPES and names >= 1 and (
                    cued or toks[j].capitalised and all(t.capitalised for t in toks[k:j])):
                return j
            if low == "the" and names == 0:
                j += 1
                if j < len(toks) and (_street_type(toks[j].low)
                                      or numbered and toks[j - 1].text == "The"
                                      and toks[j].capitalised and toks[j].low not in STOP):
                    return j
                return None
            if low in STOP or low in UNIT_WORDS or _CONTRACTION.search(low):
                return None
            names += 1
            j += 1
        return None

    def _bare_name(self, toks: list[_Tok], k: int, capitals_only: bool,
                   most: int = 2) -> int | None:
        """A street or building with no type word: "Northgate", "Beacon View"."""
        end = None
        j = k
        while j < len(toks) and j - k < most and toks[j].word and toks[j].low not in STOP:
            if not toks[j].capitalised and (capitals_only or commonness(toks[j].low) >= 4.5):
                break
            end = j
            j += 1
        return end

    def _house_name(self, toks: list[_Tok], j: int, strong: bool, unit: bool = False,
                    weak: bool = False) -> int | None:
        """"Rose Cottage", "The Old Forge", "Flat 3, Harrow Court", or, after
        an address cue and before a street, any capitalised name
        ("Fernleigh, Back Lane")."""
        k = j + 1 if toks[j].low == "the" else j
        if k >= len(toks) or toks[j].text == "the" and not strong:
            return None
        for end in range(k, min(k + 3, len(toks))):
            tok = toks[end]
            if not tok.word or tok.low in STOP:
                break
            if tok.low not in HOUSE_WORDS or not (end > k or toks[j].text == "The"):
                continue
            if not tok.capitalised and not unit and not (strong and tok.low in HOME_WORDS and all(
                    commonness(t.low) < 5.0 for t in toks[k:end])):
                return None
            street = self._street_after(toks, end, strong)
            if street > end or strong or tok.low in HOME_WORDS:
                return street
            return None
        return self._named_before_street(toks, j, k, weak)

    def _named_before_street(self, toks: list[_Tok], j: int, k: int, weak: bool) -> int | None:
        """A house's own name before its street: "Fernleigh, Back Lane",
        "The Laurels, Back Lane", "Ty Gwyn, Heol y Nant"."""
        for comma in (k + 1, k + 2):
            words = toks[k:comma]
            if comma >= len(toks) or toks[comma].text != ",":
                continue
            if not all(t.word and t.capitalised and t.low not in STOP and t.low not in GREETINGS
                       for t in words):
                return None
            if not (weak or toks[j].text == "The" or all(commonness(t.low) < 4.0 for t in words)):
                return None
            if toks[j].text != "The" and any(name_lexicon().is_name(t.low) for t in words):
                return None  # "Wei Zhang, 14 Mill Lane": a person, then their address
            after = comma + 1
            if after < len(toks) and toks[after].number:
                numbered = self._numbered(toks, after, False, True)
                if numbered is not None:
                    return numbered  # "The Laurels, 15 Burnside", "Glenview, 11 Quarry Lane"
                continue
            street = self._street(toks, after, True)
            if street is not None and all(toks[m].capitalised for m in range(after, street + 1)
                                          if toks[m].word and toks[m].low not in ("y", "yr")):
                return street
        return None

    def _street_after(self, toks: list[_Tok], end: int, strong: bool) -> int:
        """A house name's street: after a comma, or without one when the
        message says it is an address ("rose cottage church road")."""
        k = _skip_comma(toks, end + 1)
        if k < len(toks) and toks[k].number and k > end + 1:
            numbered = self._numbered(toks, k, True, True)
            if numbered is not None:
                return numbered  # "Lime Tree House, 4 Chapel Row"
        if k < len(toks) and toks[k].word and (k > end + 1 or strong):
            street = self._street(toks, k, True)
            if street is not None:
                return street
        return end

    def _locality(self, text: str, toks: list[_Tok], end: int) -> int:
        """A village or town after the street: ", Kelsby", " Upper Wexley".
        Lower-case words count after a comma, or when so rare that they can
        only be a name ("kelsby")."""
        j = end + 1
        comma = j < len(toks) and toks[j].text == ","
        if comma:
            j += 1
        taken = end
        for k in range(j, min(j + 3, len(toks))):
            tok = toks[k]
            if not _plain_word(tok) or tok.low in STOP or tok.low in UNIT_WORDS:
                break
            rarity = commonness(tok.low)
            if tok.low in PLACE_PREFIXES:
                continue
            if tok.capitalised:
                if rarity >= (5.5 if comma else 5.0) and tok.low not in self._own:
                    break
            elif not (comma and rarity < 3.5 or rarity < 2.0):
                break
            taken = k
        return taken

    def _cued(self, text: str, start: int) -> bool:
        before = re.sub(r"\s+", " ", text[max(0, start - 30):start].lower()).rstrip(" :,-")
        return before.endswith(CUES) or before.endswith(tuple(c + " is" for c in CUES))

    def _message_cue(self, text: str, start: int) -> bool:
        return MESSAGE_CUES.search(text[:start]) is not None

    def _weak_cue(self, toks: list[_Tok], i: int) -> bool:
        return i > 0 and toks[i - 1].low in WEAK_CUES


def _postcode_at(tok: _Tok) -> bool:
    return re.fullmatch(r"[A-Za-z]{1,2}\d[A-Za-z\d]?(?:\d[A-Za-z]{2})?", tok.text) is not None


def _street_type(word: str) -> bool:
    types = CLEAR_TYPES | EVERYDAY_TYPES | HOUSE_WORDS
    return word in types or word.endswith("s") and word[:-1] in types


def _skip_comma(toks: list[_Tok], k: int) -> int:
    return k + 1 if k < len(toks) and toks[k].text == "," else k


def _plain_word(tok: _Tok) -> bool:
    return re.fullmatch(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*", tok.text) is not None


def _caps(toks: list[_Tok], k: int) -> bool:
    return k < len(toks) and toks[k].word and toks[k].capitalised
