"""Minimises a message: every personal detail found becomes a typed
placeholder such as `<EMAIL>`, before the text reaches Rasa or any log."""

from __future__ import annotations

from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from bot.privacy.placeholders import PLACEHOLDERS
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


def _resolve_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keeps one finding per stretch of text: the longest, then the surest."""
    ordered = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    kept: list[RecognizerResult] = []
    for result in ordered:
        if all(result.end <= k.start or result.start >= k.end for k in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r.start)


class Redactor:
    def __init__(self, analyzer: AnalyzerEngine, threshold: float = DEFAULT_THRESHOLD,
                 published: PublishedContacts | None = None) -> None:
        self._analyzer = analyzer
        self._threshold = threshold
        self._entities = list(PLACEHOLDERS)
        self._published = published or PublishedContacts()

    def redact(self, text: str) -> Redaction:
        if not text.strip():
            return Redaction(text=text, findings=())
        results = self._analyzer.analyze(
            text=text, language="en", entities=self._entities,
            score_threshold=self._threshold,
        )
        results = [r for r in results if not self._published.covers(
            PLACEHOLDERS[r.entity_type], text[r.start:r.end])]
        kept = _resolve_overlaps(results)
        pieces: list[str] = []
        cursor = 0
        findings = []
        for result in kept:
            label = PLACEHOLDERS[result.entity_type]
            pieces.append(text[cursor:result.start])
            pieces.append(f"<{label}>")
            cursor = result.end
            findings.append(Finding(label, result.start, result.end, result.score))
        pieces.append(text[cursor:])
        return Redaction(text="".join(pieces), findings=tuple(findings))
