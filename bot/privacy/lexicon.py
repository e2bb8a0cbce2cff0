"""Words the gate needs to know: given names and surnames from many
cultures, and how common a word is in English.

The name lists are Faker's person providers (every locale written in the
Latin alphabet), a maintained source with names from Britain, Ireland,
Poland, Nigeria, India, the Arab world and more. A name list alone cannot
tell "Rose" the person from "rose" the verb, so every use also asks
wordfreq how common the word is in English.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from wordfreq import zipf_frequency

_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘ-ț'’-]{2,}$")


def _provider_names(provider: type, attribute: str) -> tuple[str, ...]:
    for klass in provider.__mro__:
        value = klass.__dict__.get(attribute)
        if value is not None and not isinstance(value, property):
            return tuple(value)
    return ()


@dataclass(frozen=True)
class NameLexicon:
    given: frozenset[str]
    family: frozenset[str]
    # Given names listed for two countries or more: "jack", not "kick".
    widely_given: frozenset[str] = frozenset()

    def is_given(self, word: str) -> bool:
        return fold(word) in self.given

    def is_widely_given(self, word: str) -> bool:
        return fold(word) in self.widely_given

    def is_family(self, word: str) -> bool:
        return fold(word) in self.family

    def is_name(self, word: str) -> bool:
        word = fold(word)
        return word in self.given or word in self.family


def fold(word: str) -> str:
    return word.strip(".,'’-").replace("’", "'").lower()


@cache
def name_lexicon() -> NameLexicon:
    """Every Latin-script given name and surname Faker knows, lower-cased.
    Loaded once per process (a tenth of a second)."""
    import faker.providers.person as person

    given: Counter[str] = Counter()
    family: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name in _SKIPPED_LOCALES:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        firsts: set[str] = set()
        for attribute in ("first_names", "first_names_male", "first_names_female",
                          "first_names_nonbinary"):
            firsts.update(_words(_provider_names(provider, attribute)))
        given.update(firsts)
        family.update(_words(_provider_names(provider, "last_names")))
    return NameLexicon(frozenset(given), frozenset(family),
                       frozenset(name for name, count in given.items() if count >= 2))


# Faker's bare "en" list is every name ever registered in the United States,
# words like "Governor" and "Toy" among them; en_US and en_GB stand for it.
_SKIPPED_LOCALES = frozenset({"en"})


def _words(names: tuple[str, ...]) -> set[str]:
    return {fold(part) for name in names for part in str(name).split() if _LATIN_WORD.match(part)}


@lru_cache(maxsize=65536)
def commonness(word: str) -> float:
    """wordfreq's Zipf scale: 7 for "the", 5 for "son", 3 for "fuming",
    0 for a word it has never seen."""
    return zipf_frequency(fold(word), "en")
