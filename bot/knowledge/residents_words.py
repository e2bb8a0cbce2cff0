"""Words residents use that the knowledge files do not
(knowledge/residents-words.yml): "nicked" for stolen, "the tip" for the
household waste recycling centre. A question that uses one is searched with
the pages' words added, so the right page is found by meaning and by words
alike. Read and checked with the knowledge files, and kept in the index's
manifest so the running assistant uses the list the index was built with."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge.documents import Report
from bot.knowledge.lexical import words

FILE_NAME = "residents-words.yml"
MAX_PHRASE_WORDS = 4


def load_residents_words(knowledge_dir: Path, report: Report) -> dict[str, str]:
    """The resident's phrase (lower case, as `words` reads it) to the pages'
    words; what is wrong with the file goes into `report`. A knowledge folder
    without the file has no list."""
    path = knowledge_dir / FILE_NAME
    if not path.exists():
        return {}
    where = path.as_posix()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        report.errors.append(f"{where}: not readable YAML ({exc.__class__.__name__}); "
                             "write one 'residents word: pages word' a line")
        return {}
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        report.errors.append(f"{where}: must be a list of 'residents word: pages word' lines")
        return {}
    pairs: dict[str, str] = {}
    for said, meant in raw.items():
        said_words, meant_words = words(str(said)), words(str(meant or ""))
        if not said_words or not meant_words:
            report.errors.append(f"{where}: '{said}: {meant}' needs words on both sides of the colon")
        elif len(said_words) > MAX_PHRASE_WORDS:
            report.errors.append(f"{where}: '{said}' is longer than {MAX_PHRASE_WORDS} words; "
                                 "put long phrases in a page's keywords instead")
        elif said_words == meant_words:
            report.warnings.append(f"{where}: '{said}' is given as its own meaning; take it out")
        else:
            pairs[" ".join(said_words)] = " ".join(meant_words)
    return pairs


class ResidentsWords:
    def __init__(self, pairs: dict[str, str]) -> None:
        self._pairs = pairs

    def expand(self, question: str) -> str:
        """The question with the pages' words added after it for each
        resident's phrase it uses (unless it already has them)."""
        said = f" {' '.join(words(question))} "
        added = [meant for phrase, meant in self._pairs.items()
                 if f" {phrase} " in said and f" {meant} " not in said]
        return " ".join([question, *dict.fromkeys(added)]) if added else question
