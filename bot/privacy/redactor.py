"""Minimises a message: every personal detail found becomes a typed
placeholder such as `<EMAIL>`, before the text reaches Rasa or any log."""

from __future__ import annotations

from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from bot.privacy.placeholders import PLACEHOLDERS, SPECIAL_CATEGORIES
from bot.privacy.policy import MinimisationPolicy
from bot.privacy.published import PublishedContacts

# Lowest score at which a finding is redacted. Phone numbers score 0.4 from
# presidio without a context word; a missed number is worse than a redacted
# reference number, so the floor sits just under that.
DEFAULT_THRESHOLD = 0.35


@dataclass(frozen=True)
class Finding:
    type: str
    start: int
    end: int
    score: float

    def as_dict(self) -> dict[str, object]:
        return {"type": self.type, "start": self.start, "end": self.end,
                "score": round(self.score, 3)}


@dataclass(frozen=True)
class Redaction:
    text: str
    findings: tuple[Finding, ...]

    @property
    def special_category(self) -> bool:
        """Health, ethnicity, religion, sexuality or an offence was found:
        the conversation is kept for the shorter retention period."""
        return any(f.type in SPECIAL_CATEGORIES for f in self.findings)


def _resolve_overlaps(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One finding per stretch of text: the longest, then the surest. A
    shorter finding that overlaps it keeps whatever part lies outside it, so
    two recognizers that disagree on where a detail ends never leak its
    edges ("Jean" of "Jean Armitage" when the address began at "Armitage")."""
    ordered = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    kept: list[RecognizerResult] = []
    for result in ordered:
        pieces = [(result.start, result.end)]
        for k in kept:
            pieces = [part for a, b in pieces for part in _minus((a, b), (k.start, k.end))]
        for a, b in pieces:
            if any(c.isalnum() for c in text[a:b]):
                kept.append(RecognizerResult(result.entity_type, a, b, result.score))
    return sorted(kept, key=lambda r: r.start)


def _minus(span: tuple[int, int], cut: tuple[int, int]) -> list[tuple[int, int]]:
    (a, b), (c, d) = span, cut
    if d <= a or c >= b:
        return [span]
    return [(x, y) for x, y in ((a, c), (d, b)) if y > x]


class Redactor:
    def __init__(self, analyzer: AnalyzerEngine, threshold: float = DEFAULT_THRESHOLD,
                 published: PublishedContacts | None = None,
                 policy: MinimisationPolicy | None = None) -> None:
        self._analyzer = analyzer
        self._threshold = threshold
        self._entities = list(PLACEHOLDERS)
        self._published = published or PublishedContacts()
        # Without a policy every detail becomes its typed placeholder.
        self._policy = policy or MinimisationPolicy()

    def with_policy(self, policy: MinimisationPolicy) -> Redactor:
        """The same analyzer (loaded once) under another policy."""
        return Redactor(self._analyzer, self._threshold, self._published, policy)

    def redact(self, text: str, conversation: str = "") -> Redaction:
        """`conversation` keys the pseudonyms, so the same name reads the
        same within one conversation and differently in any other."""
        if not text.strip():
            return Redaction(text=text, findings=())
        results = self._analyzer.analyze(
            text=text, language="en", entities=self._entities,
            score_threshold=self._threshold,
        )
        results = [r for r in results if not self._published.covers(
            PLACEHOLDERS[r.entity_type], text[r.start:r.end])]
        kept = _resolve_overlaps(text, results)
        pieces: list[str] = []
        cursor = 0
        findings = []
        for result in kept:
            kind = PLACEHOLDERS[result.entity_type]
            before = text[cursor:result.start]
            shown = self._policy.render(kind, text[result.start:result.end], conversation)
            if not shown and before.endswith(" ") and text[result.end:result.end + 1] == " ":
                before = before[:-1]  # a dropped detail leaves one space, not two
            pieces.append(before)
            pieces.append(shown)
            cursor = result.end
            findings.append(Finding(kind, result.start, result.end, result.score))
        pieces.append(text[cursor:])
        return Redaction(text="".join(pieces), findings=tuple(findings))
