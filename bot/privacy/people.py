"""Names that spaCy's small model misses: lower-case names, first names in
context ("my son jack", "its Tash", "Mrs Patel", "thx marcus") and names
from outside its training data.

A word counts as a name by what comes before it (a title, a relation, a
self-introduction, a greeting, a verb of contacting) together with the
name lists and English word frequencies of `bot.privacy.lexicon`: after
"my son", "jack" is a name and "will" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.privacy.lexicon import NameLexicon, commonness, fold, name_lexicon
from bot.privacy.rule import RuleRecognizer

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")

TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "rev", "revd",
    "reverend", "cllr", "councillor", "prof", "professor",
})
# Titles that are everyday words in lower case: "miss bin day", "the lady upstairs".
FORMAL_TITLES = frozenset({"miss", "lady", "lord", "sir", "dame", "prof", "dr"})
RELATIONS = frozenset({
    "son", "daughter", "husband", "wife", "partner", "mum", "mom", "mother", "dad", "father",
    "nan", "nana", "nanna", "gran", "granny", "grandma", "grandad", "granddad", "grandpa",
    "grandmother", "grandfather", "grandson", "granddaughter", "grandchild", "brother",
    "sister", "child", "kid", "baby", "boy", "girl", "neighbour", "neighbor", "friend",
    "landlord", "landlady", "carer", "tenant", "lodger", "niece", "nephew", "aunt", "auntie",
    "uncle", "cousin", "aunty", "fiance", "fiancé", "fiancee", "boyfriend", "girlfriend", "colleague",
    "flatmate", "housemate", "stepson", "stepdaughter", "stepmum", "stepdad", "mother-in-law",
    "father-in-law", "son-in-law", "daughter-in-law", "sister-in-law", "brother-in-law",
    "parent", "guardian", "twin", "toddler", "teenager", "client", "resident", "worker",
    "officer", "manager", "advisor", "adviser", "caseworker", "nurse", "doctor", "gp",
    "lad", "lass", "sis", "bro", "bruv", "bf", "gf", "hubby", "hubs", "missus", "wifey",
    "fiancée", "mam", "mammy", "da", "grandkid", "kids", "children", "mate", "pal", "buddy",
})
RELATION_FILLERS = frozenset({
    "little", "eldest", "oldest", "youngest", "older", "younger", "baby", "new", "late",
    "elderly", "teenage", "disabled", "other", "next-door", "next", "door", "ex", "social",
    "housing", "support",
})
# "a kid" is anyone; "my kid", "the neighbour" are someone in particular.
DETERMINERS = frozenset({"my", "our", "his", "her", "their", "the", "your", "ma", "mi"})
SELF_CUES = frozenset({"it's", "its", "i'm", "im", "am", "me", "i’m", "it’s"})
CONTACT_CUES = frozenset({
    "call", "ring", "rang", "email", "emailed", "text", "texted", "tell", "told", "contact",
    "thank", "ask", "asked", "cc", "by",
})
CONTACT_PAIRS = frozenset({
    ("speak", "to"), ("speak", "with"), ("spoke", "to"), ("spoke", "with"), ("talk", "to"),
    ("talked", "to"), ("thanks", "to"), ("ask", "for"), ("asked", "for"), ("spoken", "to"),
    ("speaking", "to"), ("speaking", "with"), ("this", "is"), ("it", "is"), ("i", "am"),
})
SIGN_OFFS = frozenset({"thanks", "thx", "ta", "cheers", "regards", "love", "thankyou", "sincerely"})
GREETINGS = frozenset({"hi", "hello", "hey", "hiya", "dear", "morning", "afternoon", "evening"})
NAME_CUES = frozenset({"name", "names", "name's", "named", "signed", "mynameis", "myname",
                       "mynames", "called", "surname", "surname's", "forename", "forenames",
                       "firstname", "lastname"})
# "called" names a thing as often as a person: only a capitalised word after it.
CAPITALISED_ONLY_CUES = frozenset({"called"})
# Words inside surnames: "Ní Bhriain", "van der Berg", "bin Laden".
PARTICLES = frozenset({
    "ní", "nic", "mac", "mc", "ó", "o", "ua", "van", "von", "der", "den", "de", "da", "del",
    "della", "di", "du", "le", "la", "al", "el", "bin", "binti", "ibn", "ap", "ben", "st",
})
# Words people are called by that are not their names: "cheers mate".
FORMS_OF_ADDRESS = frozenset({
    "mate", "love", "luv", "hun", "hon", "babe", "pal", "bud", "buddy", "guys", "all",
    "everyone", "everybody", "team", "sir", "madam", "folks", "lads", "girls", "dear",
    "darling", "petal", "chuck", "duck", "pet", "bro", "fam", "there", "again",
})
# Contractions typed without the apostrophe, some of them names elsewhere
# ("Theres"): never a name here.
CONTRACTIONS = frozenset({
    "theres", "thats", "whats", "hes", "shes", "its", "im", "ive", "dont", "cant", "wont",
    "isnt", "wasnt", "didnt", "doesnt", "couldnt", "wouldnt", "shouldnt", "youre", "theyre",
    "lets", "heres", "wheres", "aint", "id", "ill", "youve", "weve", "theyve",
})
# After "my son", a word followed by one of these is a verb with its
# object ("my son hurt his knee"), not a name ("my son jack needs").
OBJECT_WORDS = frozenset({
    "his", "her", "me", "him", "them", "the", "a", "an", "up", "out", "off", "my", "our",
    "their", "it", "us", "you", "down", "away", "back", "round", "around", "that", "this",
})
# Second words that make a pair a place or a building, not a person.
PLACE_WORDS = frozenset({
    "road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "drive", "close", "court",
    "way", "place", "hill", "park", "row", "walk", "view", "rise", "green", "parade", "vale",
    "end", "yard", "fold", "gardens", "grove", "terrace", "mews", "square", "crescent",
    "marsh", "heath", "common", "magna", "parva", "cross", "bridge", "wood", "woods", "moor",
    "field", "fields", "house", "hall", "centre", "center", "library", "school", "college",
    "station", "church", "chapel", "cottage", "cottages", "farm", "lodge", "manor", "estate",
    "market", "surgery", "hospital", "council", "borough", "tower", "point", "gate", "quay",
    "wharf", "valley", "forest", "water", "upon", "on", "under", "town", "village",
    "meadow", "meadows", "brook", "allotments", "orchard", "copse", "spinney", "recreation",
    "ground", "pool", "leisure", "museum", "gallery", "theatre", "club", "arms", "inn",
})
# Words that end a street's or a building's name and never a person's.
STREET_WORDS = frozenset({
    "road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "drive", "close", "court",
    "way", "place", "row", "walk", "view", "rise", "parade", "gardens", "grove", "terrace",
    "mews", "square", "crescent", "centre", "center", "library", "school", "station",
    "council", "borough", "estate", "surgery", "hospital", "park", "meadow", "meadows",
    "allotments", "house", "hall", "lodge", "cottage", "farm", "manor", "tower", "church",
    "chapel", "market", "gate", "quay", "wharf", "green",
})
CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "christmas", "easter",
})


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


class ContextualNameRecognizer(RuleRecognizer):
    """Finds names by the words around them. Context-led, so it needs no
    NLP artifacts and runs on any casing."""

    def __init__(self, allow_words: Iterable[str] = (), lexicon: NameLexicon | None = None) -> None:
        super().__init__("PERSON")
        from bot.privacy.names import SERVICE_WORDS

        self._allow = SERVICE_WORDS | {w.lower() for w in allow_words}
        self._lexicon = lexicon or name_lexicon()


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        tokens = [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        results: list[RecognizerResult] = []
        i = 0
        while i < len(tokens):
            found = self._name_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            end, score = found
            results.append(RecognizerResult("PERSON", tokens[i].start, tokens[end].end, score))
            i = end + 1
            # "my kids Ayaan and Inaya", "Graham & Julie": the next name in a pair.
            if i + 1 < len(tokens) and tokens[i].folded in ("and", "&", "n") and (
                    self._coordinated(tokens[i + 1])):
                results.append(RecognizerResult("PERSON", tokens[i + 1].start,
                                                tokens[i + 1].end, score))
                i += 2
        return results

    def _coordinated(self, token: _Token) -> bool:
        word = token.folded
        rarity = commonness(word)
        return token.capitalised and word not in self._allow and (
            self._lexicon.is_name(word) and rarity < 4.6 or rarity < 3.0)

    # -- deciding -----------------------------------------------------------

    def _name_at(self, text: str, tokens: list[_Token], i: int) -> tuple[int, float] | None:
        """The index of the name's last token and a score, if a name starts
        at token i."""
        token = tokens[i]
        cue = self._cue(text, tokens, i)
        if cue is not None and self._accepts(cue, token, text, tokens, i):
            return self._extend(text, tokens, i, cue), 0.85 if cue in _STRONG else 0.6
        if self._pair(text, tokens, i):
            return self._extend(text, tokens, i + 1, "pair"), 0.6
        return None

    def _cue(self, text: str, tokens: list[_Token], i: int) -> str | None:
        if i == 0:
            return "start"
        prev = tokens[i - 1]
        gap = text[prev.end:tokens[i].start]
        if not re.fullmatch(r"\.?[ \t]*[,:]?[ \t]*", gap) or "\n" in gap:
            return None
        before = tokens[i - 2].folded if i >= 2 and _joined(text, tokens[i - 2], prev) else None
        word = prev.folded
        if word in TITLES:
            return "title"
        if word in NAME_CUES or before in NAME_CUES and word in ("is", "was", ":"):
            return "name"
        if self._is_relation(text, tokens, i - 1):
            return "relation"
        if word in SELF_CUES or (before, word) in {("this", "is"), ("it", "is"), ("i", "am")}:
            return "self"
        if word in CONTACT_CUES or (before, word) in CONTACT_PAIRS:
            return "contact"
        if word in SIGN_OFFS or (before, word) in (("thank", "you"), ("so", "much")):
            return "sign_off"
        if word in GREETINGS:
            return "greeting"
        return None

    def _is_relation(self, text: str, tokens: list[_Token], j: int) -> bool:
        word = tokens[j].folded
        if word.endswith("'s"):
            return False  # "her brother's toy set": what follows belongs to them
        base = word[:-1] if word.endswith("s") else word
        if word not in RELATIONS and base not in RELATIONS:
            return False
        k = j - 1
        while k >= 0 and tokens[k].folded in RELATION_FILLERS and j - k <= 3:
            k -= 1
        # "my son", "the neighbour", "child Yusuf", or a message that opens
        # with the relation: "nana josephine cant get to the door".
        return k < 0 or tokens[k].folded in DETERMINERS or tokens[j + 1].capitalised

    def _accepts(self, cue: str, token: _Token, text: str, tokens: list[_Token], i: int) -> bool:
        word = token.folded
        if (word in self._allow or word in TITLES or word in RELATIONS or len(word) < 2
                or word in FORMS_OF_ADDRESS or word in CONTRACTIONS
                or _acronym(token, text) and not self._lexicon.is_widely_given(word)):
            return False
        rarity = commonness(word)
        known = self._lexicon.is_name(word)
        given = self._lexicon.is_given(word) and (rarity < 4.5 or self._lexicon.is_widely_given(word))
        slip = misspelt(word) and not self._lexicon.is_widely_given(word)
        if not token.capitalised and slip and cue not in ("name", "title"):
            return False
        if cue == "title":
            title = tokens[i - 1]
            if not title.capitalised and (title.folded in FORMAL_TITLES or rarity >= 4.5):
                return False
            return rarity < 5.0 or known and rarity < 5.5
        if cue == "name":
            if tokens[i - 1].folded in CAPITALISED_ONLY_CUES and not token.capitalised:
                return False
            return rarity < 5.0
        if word in CALENDAR:
            return False
        if cue == "relation":
            if token.capitalised:
                return (known and rarity < 5.0) or rarity < 4.5
            followed_by_object = i + 1 < len(tokens) and tokens[i + 1].folded in OBJECT_WORDS
            return given and rarity < 5.0 and not followed_by_object
        if cue == "self":
            if token.capitalised:
                return ((known and rarity < 4.6) or rarity < 3.5
                        or self._followed_by_surname(tokens, i))  # "I am Hope Adjei"
            return given and rarity < 4.6
        if cue == "contact":
            if tokens[i - 1].folded == "by":
                return token.capitalised and given and rarity < 3.5
            spoken_to = (tokens[i - 2].folded, tokens[i - 1].folded) in CONTACT_PAIRS if i > 1 else False
            return (token.capitalised and (known and rarity < 4.5 or rarity < 3.0
                                           or spoken_to and rarity < 4.5)) or (given and rarity < 3.5)
        if cue == "sign_off":
            last = i == len(tokens) - 1 or (i == len(tokens) - 2 and self._surname(tokens[i + 1]))
            before_comma = text[token.end:token.end + 1] in (",", "!", ".")
            return (last or before_comma and token.capitalised) and (
                (given and rarity < 4.6) or (token.capitalised and rarity < 3.5))
        if cue == "greeting":
            return (known and rarity < 4.0) or (token.capitalised and rarity < 3.5)
        if cue == "start":
            if i + 1 < len(tokens) and tokens[i + 1].folded == "here":
                return known and rarity < 4.5  # "TYRONE HERE", "Dev here,"
            if given and _details_follow(text, token.end):
                return True  # "tunde 5 brunswick st", "MARK 07700900905 ring me"
            return given and rarity < 3.0 and not misspelt(word) and not (
                i + 1 < len(tokens) and tokens[i + 1].folded in PLACE_WORDS)
        return False

    def _pair(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Two words that read as a given name and a surname, or a name,
        a particle and a surname ("Siobhán Ní Bhriain")."""
        if i + 1 >= len(tokens) or text[tokens[i].end:tokens[i + 1].start] != " ":
            return False
        first, second = tokens[i], tokens[i + 1]
        if (first.capitalised and second.folded in PARTICLES and i + 2 < len(tokens)
                and tokens[i + 2].capitalised and first.folded not in self._allow
                and commonness(first.folded) < 4.0 and commonness(tokens[i + 2].folded) < 4.0):
            return True
        a, b = first.folded, second.folded
        if {a, b} & (self._allow | PLACE_WORDS | CALENDAR | TITLES | RELATIONS | CONTRACTIONS):
            return False
        rare_a, rare_b = commonness(a), commonness(b)
        if first.capitalised and second.capitalised:
            if rare_a < 2.5 and rare_b < 2.5 and i > 0 and tokens[i - 1].folded in PAIR_CUES:
                return True  # "from Nkechi Okonjo": two rare words after "from"
            return ((self._lexicon.is_given(a) or self._lexicon.is_family(b))
                    and rare_a < (4.5 if self._lexicon.is_widely_given(a) else 4.0) and rare_b < 4.0)
        if first.text.islower() and second.text.islower():
            return (self._lexicon.is_widely_given(a) and rare_a < 5.0 and not misspelt(b)
                    and (self._lexicon.is_family(b) and rare_b < 3.8 or rare_b < 2.5 and rare_a < 4.0))
        return False

    def _followed_by_surname(self, tokens: list[_Token], i: int) -> bool:
        return (i + 1 < len(tokens) and tokens[i + 1].capitalised
                and commonness(tokens[i + 1].folded) < 3.5 and self._surname(tokens[i + 1]))

    def _surname(self, token: _Token, strong: bool = False) -> bool:
        """A word that can follow a given name as part of the name ("Helen
        Marsh", but not "Maple Drive"). After a strong cue ("name", "Mrs")
        even a place's name can be a surname."""
        word = token.folded
        if word in STREET_WORDS or word in CALENDAR or (word in self._allow and not strong):
            return False
        if re.match(r"(?:o'|mc|mac)[a-z]{2,}$", word) or "-" in word and all(
                self._lexicon.is_family(part) or commonness(part) < 3.0 for part in word.split("-")):
            return True  # "o'connor", "mcallister", "robertson-dunn"
        rarity = commonness(word)
        if token.capitalised:
            return rarity < (5.0 if strong else 4.0) or self._lexicon.is_family(word) and rarity < 4.5
        return ((self._lexicon.is_family(word) and rarity < 3.5) or rarity < 2.8) and not misspelt(word)

    def _extend(self, text: str, tokens: list[_Token], i: int, cue: str) -> int:
        """Takes up to two more words that read as the rest of the name."""
        end = i
        for _ in range(2):
            j = end + 1
            if j >= len(tokens) or text[tokens[end].end:tokens[j].start] != " ":
                break
            if tokens[j].folded in PARTICLES and j + 1 < len(tokens) and tokens[j + 1].capitalised:
                end = j + 1  # "Ní Bhriain", "van Dijk"
                continue
            if tokens[end].capitalised != tokens[j].capitalised and cue not in _STRONG:
                break
            if not self._surname(tokens[j], strong=cue in _STRONG):
                break
            end = j
        return end


_STRONG = frozenset({"title", "name", "relation", "self"})
PAIR_CUES = frozenset({"from", "by", "to", "for", "with", "and", "is", "am", "applicant",
                       "tenant", "resident", "claimant", "dear"})


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=16384)
def misspelt(word: str) -> bool:
    """A rare lower-case word one keystroke from a common one ("gona",
    "sucidal") is a typing slip, not a name."""
    if commonness(word) >= 3.0 or not word.isalpha():
        return False
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    return any(commonness(edit) >= 4.5 for edit in edits)


_DETAIL = re.compile(r"\s*(?:[0-9+(]|[\w.+-]+@)")


def _details_follow(text: str, end: int) -> bool:
    """A house number, a phone number or an email address straight after."""
    return _DETAIL.match(text, end) is not None


def _acronym(token: _Token, text: str) -> bool:
    """"NHS", "DOB" or "MARAC" in a message that is not all capitals."""
    return token.text.isupper() and len(token.text) <= 6 and not text.isupper()


def _joined(text: str, a: _Token, b: _Token) -> bool:
    return re.fullmatch(r"[ \t]+", text[a.end:b.start]) is not None
