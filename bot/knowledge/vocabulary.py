"""The knowledge pages' words, for matching questions by word as well as by
meaning: a BM25 index of whole pages (to rank topics) and of the directory
of things the pages do not answer, the mender for misspelt words, and how
much of a question a page speaks to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from wordfreq import zipf_frequency

from bot.knowledge.chunks import Chunk
from bot.knowledge.elsewhere import PREFIX
from bot.knowledge.lexical import STOPWORDS, LexicalIndex, QueryMender, vocabulary, words

# A word's weight as evidence of what a question is about: common English
# words ("help", "need") weigh little, rare ones ("allotment") a lot.
_COMMON_ZIPF = 6.0


def _card_name(chunk: Chunk) -> str:
    """A card's phrase: its embedded text without " (title)"."""
    suffix = f" ({chunk.title})"
    return chunk.embed_text.removesuffix(suffix)


def telling_words(text: str) -> list[tuple[str, float]]:
    """The words that say what a question is about, with their weights."""
    return [(w, _COMMON_ZIPF - zipf_frequency(w, "en")) for w in words(text)
            if w.isalpha() and len(w) >= 3 and w not in STOPWORDS
            and zipf_frequency(w, "en") < _COMMON_ZIPF]


class Vocabulary:
    """Topics' pages and the directory's entries are two BM25 indexes: the
    directory's short lists of phrases would otherwise change how rare
    each word looks across the topics' pages."""

    def __init__(self, chunks: Sequence[Chunk], residents_words: Iterable[str] = ()) -> None:
        """`residents_words`: phrases residents use that the pages do not
        (knowledge/residents-words.yml), known words for the mender."""
        pages: dict[str, list[str]] = defaultdict(list)
        for chunk in chunks:
            if not pages[chunk.doc_id]:
                pages[chunk.doc_id].append(chunk.title)
            pages[chunk.doc_id].append(chunk.embed_text if chunk.kind == "section" else _card_name(chunk))
        texts = {doc: " ".join(parts) for doc, parts in pages.items()}
        topics = [doc for doc in texts if not doc.startswith(PREFIX)]
        entries = [doc for doc in texts if doc.startswith(PREFIX)]
        self.page_of = {doc: i for i, doc in enumerate(topics)}
        self.entry_of = {doc: i for i, doc in enumerate(entries)}
        self.pages = LexicalIndex([texts[d] for d in topics])
        self.entries = LexicalIndex([texts[d] for d in entries])
        self.mender = QueryMender(vocabulary([*texts.values(), *residents_words]))
        self._terms = {doc: frozenset(self.pages.terms(text)) for doc, text in texts.items()}

    def coverage(self, question: str, doc_id: str) -> float:
        """The weighted share of the question's telling words that the
        topic's page uses (1.0 for a question with none)."""
        told = telling_words(question)
        total = sum(weight for _, weight in told)
        if not total:
            return 1.0
        terms = self._terms.get(doc_id, frozenset())
        found = sum(weight for word, weight in told if self.pages.stem(word) in terms)
        return found / total
